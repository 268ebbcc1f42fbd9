import { z } from 'zod';
import type { ShowAvailability, ShowInProgress } from '../../wire/show-availability.ts';
import { ShowSettings } from '../../wire/shows.ts';
import { allRows } from '../db/rows.ts';
import { isApprovedPerformer } from '../kyc/gate.ts';
import { readShowSettings } from './show-settings.ts';

/**
 * Whether performers are in a paid show or take sessions, for the profile and the directory. A show in
 * progress is a `shows` row the Room wrote at its start and has not yet closed; the offer is the settings.
 */

const progressOf = (kind: string): ShowInProgress =>
  kind === 'private' ? 'private' : kind === 'group' ? 'group' : 'session';

const Running = z.object({ handle: z.string(), kind: z.string() });

/** The show running now for each of these handles (handles without one are absent). */
export async function showsInProgress(db: D1Database, handles: string[]): Promise<Map<string, ShowInProgress>> {
  if (handles.length === 0) return new Map();
  const rows = await allRows(
    Running,
    db
      .prepare(
        `select u.handle, s.kind from shows s join users u on u.id = s.performer_id
          where s.ended_at is null and u.handle in (select value from json_each(?))
          order by s.started_at`,
      )
      .bind(JSON.stringify(handles)),
  );
  return new Map(rows.map((r) => [r.handle, progressOf(r.kind)]));
}

export async function availabilityOf(
  db: D1Database,
  performer: { id: string; handle: string },
): Promise<ShowAvailability> {
  const [settings, running, live, approved] = await Promise.all([
    readShowSettings(db, performer.id),
    showsInProgress(db, [performer.handle]),
    db.prepare('select 1 as live from live_rooms where performer_id = ?').bind(performer.id).first(),
    isApprovedPerformer(db, performer.id),
  ]);
  const inShow = running.get(performer.handle) ?? null;
  // Only a performer cleared to perform (approved identity, as for going live) is offered for sessions.
  const sessions = settings.sessionsAvailable && approved ? settings.sessionRates : null;
  return {
    live: live !== null,
    inShow,
    sessions,
    sessionsOpen: sessions !== null && live === null && inShow === null,
    privateRate: settings.privateOn ? settings.privateRate : null,
    minimumMinutes: settings.minimumMinutes,
    groupRate: settings.groupRate,
  };
}

const Available = z.object({
  handle: z.string(),
  displayName: z.string(),
  avatarKey: z.string().nullable(),
  tags: z.string(),
  blockedRegions: z.string().nullable(),
  settings: z.string(),
  busy: z.number(),
});

/**
 * Performers with an approved identity who take one-to-one sessions and are not live in public (a live
 * performer takes private shows from the room instead): up to 100, free ones first, then by name. Busy ones
 * are in a session now.
 */
export async function availableForSessions(db: D1Database) {
  const rows = await allRows(
    Available,
    db.prepare(
      `select u.handle, u.display_name as displayName, p.avatar_key as avatarKey, coalesce(p.tags, '[]') as tags,
              p.blocked_regions as blockedRegions, ss.settings,
              exists (select 1 from shows s where s.performer_id = u.id and s.ended_at is null) as busy
         from show_settings ss
         join users u on u.id = ss.performer_id and u.status = 'active'
         join performer_profiles p on p.user_id = u.id and p.kyc_status = 'approved'
        where ss.sessions_available = 1
          and not exists (select 1 from live_rooms r where r.performer_id = u.id)
        order by busy, u.display_name limit 100`,
    ),
  );
  return rows.flatMap((r) => {
    const settings = ShowSettings.safeParse(JSON.parse(r.settings));
    if (!settings.success || !settings.data.sessionsAvailable) return [];
    return [
      {
        ...r,
        tags: z.array(z.string()).catch([]).parse(JSON.parse(r.tags)),
        sessions: settings.data.sessionRates,
        busy: r.busy === 1,
      },
    ];
  });
}
