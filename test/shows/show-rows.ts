import { env } from 'cloudflare:workers';
import type { ShowKind } from '../../wire/shows.ts';

export type SeatSeed = {
  userId: string;
  role?: 'viewer' | 'participant' | 'spy';
  anonymous?: boolean;
  minutes?: number;
  tokens?: number;
  /** Null while the seat is still taken. */
  endedAt?: number | null;
};

/**
 * The D1 rows a show leaves (`shows` and one `show_participants` row per seat), as the Room writes them:
 * what reviews and earnings read, without running a Room. Ended a minute ago unless `endedAt` says otherwise
 * (null: still running).
 */
export async function showRows(p: {
  performerId: string;
  seats: SeatSeed[];
  kind?: ShowKind;
  rate?: number;
  startedAt?: number;
  endedAt?: number | null;
}): Promise<string> {
  const id = crypto.randomUUID();
  const kind = p.kind ?? 'private';
  const rate = p.rate ?? 60;
  const endedAt = p.endedAt === undefined ? Date.now() - 60_000 : p.endedAt;
  const startedAt = p.startedAt ?? (endedAt ?? Date.now()) - 5 * 60_000;
  const minutes = p.seats.reduce((n, s) => n + (s.minutes ?? 1), 0);
  const tokens = p.seats.reduce((n, s) => n + (s.tokens ?? rate * (s.minutes ?? 1)), 0);
  await env.DB.batch([
    env.DB.prepare(
      `insert into shows (id, performer_id, kind, rate, title, started_at, ended_at, end_reason, minutes, tokens)
       values (?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    ).bind(id, p.performerId, kind, rate, startedAt, endedAt, endedAt === null ? null : 'viewer', minutes, tokens),
    ...p.seats.map((s) => {
      const seatEnded = s.endedAt === undefined ? endedAt : s.endedAt;
      return env.DB.prepare(
        `insert into show_participants (show_id, user_id, performer_id, role, kind, rate, anonymous, started_at,
           ended_at, end_reason, minutes, tokens)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(
        id,
        s.userId,
        p.performerId,
        s.role ?? 'viewer',
        kind,
        rate,
        s.anonymous ? 1 : 0,
        startedAt,
        seatEnded,
        seatEnded === null ? null : 'viewer',
        s.minutes ?? 1,
        s.tokens ?? rate * (s.minutes ?? 1),
      );
    }),
  ]);
  return id;
}
