import type { RequestStatus, SongRequest } from '../../wire/music.ts';

/**
 * A request as the Room's SQLite keeps it. Beyond the statuses the room sees, a row is `holding` while its
 * first payment is on its way to the ledger, and `refused` when the ledger refused it (its resends get the
 * same answer); neither is shown.
 */
export type RowStatus = RequestStatus | 'holding' | 'refused';

export type RequestRow = {
  id: string;
  user_id: string;
  client_id: string;
  handle: string;
  display_name: string;
  anonymous: number;
  title: string;
  artist: string;
  note: string;
  price: number;
  tokens: number;
  status: RowStatus;
  refusal: string | null;
  rank: number;
  at: number;
  played_at: number | null;
  undo_status: RowStatus | null;
  reason: string | null;
  settle_at: number | null;
  swept: number;
  play_id: string | null;
};

export const WAITING: readonly RowStatus[] = ['pending', 'queued'];
/** Still in the queue: waiting or playing. */
export const ACTIVE: readonly RowStatus[] = ['pending', 'queued', 'playing'];
/** Finished and refunded: every payment goes back. `played` is the one finish that pays the performer. */
export const REFUNDED: readonly RowStatus[] = ['rejected', 'withdrawn', 'expired', 'ended'];

export const inList = (statuses: readonly RowStatus[]) => `(${statuses.map((s) => `'${s}'`).join(', ')})`;

export function songRequestOf(row: RequestRow): SongRequest {
  return {
    id: row.id,
    title: row.title,
    artist: row.artist,
    note: row.note,
    requester: row.anonymous ? null : { handle: row.handle, displayName: row.display_name },
    tokens: row.tokens,
    // holding and refused rows are never shown; the cast is for the type only.
    status: row.status as RequestStatus,
    at: row.at,
    playedAt: row.played_at,
    reason: row.reason,
  };
}
