import { hashPassword } from '../workers/auth/password.ts';
import { seedMoneySql } from './seed-money.ts';

/** Demo accounts for `npm run dev`. Fixed ids and ON CONFLICT DO NOTHING make seeding idempotent. */
export const DEMO = {
  viewer: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'viewer@encore.local',
    password: 'encore-viewer-demo',
    handle: 'vera',
    displayName: 'Vera Viewer',
  },
  performer: {
    id: '00000000-0000-4000-8000-000000000002',
    email: 'performer@encore.local',
    password: 'encore-performer-demo',
    handle: 'nova',
    displayName: 'Nova Lane',
  },
  adminEmail: 'admin@encore.local',
} as const;

const sqlText = (value: string | null) => (value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`);

export async function seedSql(pepper: string): Promise<string> {
  const now = Date.now();
  const user = async (a: (typeof DEMO)['viewer' | 'performer'], role: string) => {
    const passwordHash = await hashPassword(a.password, pepper);
    const texts = [a.id, a.email, a.handle, passwordHash, role, a.displayName, '1995-04-12'].map(sqlText).join(', ');
    return `INSERT INTO users (id, email, handle, password_hash, role, display_name, date_of_birth, status,
       session_version, email_verified_at, created_at, updated_at)
     VALUES (${texts}, 'active', 1, ${now}, ${now}, ${now})
     ON CONFLICT DO NOTHING;`;
  };
  const schedule = {
    timeZone: 'Europe/Berlin',
    slots: [
      { day: 'tue', start: '20:00', end: '23:00' },
      { day: 'fri', start: '21:00', end: '01:00' },
      { day: 'sat', start: '21:00', end: '01:00' },
    ],
  };
  const links = [{ label: 'Website', url: 'https://example.com/nova' }];
  const bio = 'Synth-pop covers, late-night requests and a lot of talking to the chat. Tips fuel the song queue.';
  const tags = ['music', 'synthpop', 'requests'];
  const texts = [DEMO.performer.id, bio, JSON.stringify(schedule), JSON.stringify(links), JSON.stringify(tags)];
  const profile = `INSERT INTO performer_profiles (user_id, bio, schedule, links, tags, kyc_status, updated_at)
     VALUES (${texts.map(sqlText).join(', ')}, 'approved', ${now})
     ON CONFLICT DO NOTHING;`;
  return [
    await user(DEMO.viewer, 'viewer'),
    await user(DEMO.performer, 'performer'),
    profile,
    seedMoneySql(DEMO.performer.id, now),
  ].join('\n');
}
