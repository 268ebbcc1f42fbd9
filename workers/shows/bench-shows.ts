import { DEFAULT_SHOW_SETTINGS } from '../../wire/shows.ts';
import { benchAccounts } from '../money/bench-accounts.ts';
import { saveShowSettings } from './show-settings.ts';

export type BenchPair = { performerId: string; handle: string; viewerId: string; viewerHandle: string };

/**
 * For `npm run bench:shows` (the dev bench route, local stack only): `count` approved performers taking
 * private shows at `rate` tokens a minute, each with one viewer whose wallet holds `tokens`.
 */
export async function benchShowPairs(db: D1Database, count: number, tokens: number, rate: number) {
  const pairs: BenchPair[] = [];
  for (let i = 0; i < count; i++) {
    const { performer, tippers } = await benchAccounts(db, 1, tokens);
    const viewer = tippers[0]!;
    const rows = await db
      .prepare('select id, handle from users where id in (?, ?)')
      .bind(performer, viewer)
      .all<{ id: string; handle: string }>();
    const handleOf = (id: string) => rows.results.find((r) => r.id === id)!.handle;
    await db
      .prepare("insert into performer_profiles (user_id, kyc_status, updated_at) values (?, 'approved', ?)")
      .bind(performer, Date.now())
      .run();
    await saveShowSettings(db, performer, { ...DEFAULT_SHOW_SETTINGS, privateOn: true, privateRate: rate });
    pairs.push({
      performerId: performer,
      handle: handleOf(performer),
      viewerId: viewer,
      viewerHandle: handleOf(viewer),
    });
  }
  return pairs;
}
