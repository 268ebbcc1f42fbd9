import { z } from 'zod';
import type { ShowAvailability, ShowInProgress } from '../../wire/show-availability.ts';
import { ShowSettings } from '../../wire/shows.ts';
import { allRows } from '../db/rows.ts';
import { isApprovedPerformer } from '../kyc/gate.ts';
import { roomStub } from '../rooms/room-stub.ts';
import { readShowSettings } from './show-settings.ts';

/**
 * Whether performers are in a paid show or take sessions, for the profile and the directory. The show in
 * progress is the Room's own state (D1 learns of a show only when its seats settle); the offer is the settings.
 */

/** The paid show in progress in each of these rooms (handles without one map to null). */
export async function showsInProgress(env: Env, handles: string[]): Promise<Map<string, ShowInProgress | null>> {
  // One RPC per room: the directory lists live rooms only (awake anyway), at most 100 of them.
  const states = await Promise.all(handles.map((h) => roomStub(env, h).showInProgress()));
  return new Map(handles.map((h, i) => [h, states[i] ?? null]));
}

export async function availabilityOf(env: Env, performer: { id: string; handle: string }): Promise<ShowAvailability> {
  const db = env.DB;
  const [settings, inShow, live, approved] = await Promise.all([
    readShowSettings(db, performer.id),
    roomStub(env, performer.handle).showInProgress(),
    db.prepare('select 1 as live from live_rooms where performer_id = ?').bind(performer.id).first(),
    isApprovedPerformer(db, performer.id),
  ]);
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
});

/**
 * Performers with an approved identity who take one-to-one sessions and are not live in public (a live
 * performer takes private shows from the room instead): up to 100, by name. Whether one is in a session right
 * now is the profile's to say (one Room asked), not the list's (a hundred Rooms woken).
 */
export async function availableForSessions(db: D1Database) {
  const rows = await allRows(
    Available,
    db.prepare(
      `select u.handle, u.display_name as displayName, p.avatar_key as avatarKey, coalesce(p.tags, '[]') as tags,
              p.blocked_regions as blockedRegions, ss.settings
         from show_settings ss
         join users u on u.id = ss.performer_id and u.status = 'active'
         join performer_profiles p on p.user_id = u.id and p.kyc_status = 'approved'
        where ss.sessions_available = 1
          and not exists (select 1 from live_rooms r where r.performer_id = u.id)
        order by u.display_name limit 100`,
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
      },
    ];
  });
}
