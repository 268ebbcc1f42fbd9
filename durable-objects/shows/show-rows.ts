import type {
  PublicShow,
  RequestedKind,
  SeatRole,
  SeatView,
  ShowEndReason,
  ShowKind,
  ShowRequestView,
} from '../../wire/shows.ts';

/** A show in the Room's SQLite (room-migrations.ts version 12). */
export type ShowRow = {
  id: string;
  kind: ShowKind;
  phase: 'requested' | 'announced' | 'running' | 'ended' | 'declined';
  performer_id: string;
  viewer_id: string | null;
  client_id: string | null;
  anonymous: number;
  cam_asked: number;
  rate: number;
  spy_rate: number;
  cam_rate: number;
  cam_allowed: number;
  minimum_minutes: number;
  group_minimum: number;
  title: string;
  public_chat: 'open' | 'read-only';
  minute_ms: number;
  requested_at: number;
  expires_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  end_reason: ShowEndReason | null;
};

export type SeatRow = {
  show_id: string;
  user_id: string;
  role: SeatRole;
  handle: string;
  display_name: string;
  anonymous: number;
  rate: number;
  joined_at: number | null;
  paid_minutes: number;
  tokens: number;
  cam_on: number;
  /** The viewer's published camera (room-migrations.ts version 13): null while none is published. */
  cam_session: string | null;
  cam_publication: string | null;
  cam_tracks: string | null;
  next_due: number | null;
  ends_at: number | null;
  ended_at: number | null;
  end_reason: ShowEndReason | null;
  used_minutes: number | null;
  settled: number;
};

export type ChargeRow = {
  key: string;
  show_id: string;
  user_id: string;
  minute: number;
  minutes: number;
  amount: number;
  due_at: number;
  status: 'pending' | 'paid' | 'refused';
  paid_at: number | null;
};

/** Private and group shows close the public room's video; sessions happen with no public room. */
export const CLOSES_ROOM: readonly ShowKind[] = ['private', 'group'];
/** Seats that are billed (a reservation is free until the group show starts). */
export const BILLED: readonly SeatRole[] = ['viewer', 'participant', 'spy'];

export function showOf(sql: SqlStorage, id: string): ShowRow | undefined {
  return sql.exec<ShowRow>('select * from shows where id = ?', id).toArray()[0];
}

/** The show that holds the room now: announced or running (at most one). */
export function currentShow(sql: SqlStorage): ShowRow | undefined {
  return sql.exec<ShowRow>("select * from shows where phase in ('announced', 'running') limit 1").toArray()[0];
}

export function waitingRequests(sql: SqlStorage): ShowRow[] {
  return sql.exec<ShowRow>("select * from shows where phase = 'requested' order by requested_at").toArray();
}

export function seatsOf(sql: SqlStorage, showId: string): SeatRow[] {
  return sql.exec<SeatRow>('select * from show_seats where show_id = ? order by rowid', showId).toArray();
}

export function seatOf(sql: SqlStorage, showId: string, userId: string): SeatRow | undefined {
  return sql.exec<SeatRow>('select * from show_seats where show_id = ? and user_id = ?', showId, userId).toArray()[0];
}

export function activeSeats(sql: SqlStorage, showId: string): SeatRow[] {
  return seatsOf(sql, showId).filter((s) => s.ended_at === null);
}

export function requestView(row: ShowRow): ShowRequestView {
  return {
    id: row.id,
    kind: row.kind as RequestedKind,
    viewer: null,
    rate: row.rate,
    minimumMinutes: row.minimum_minutes,
    camToCam: row.cam_asked === 1,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at ?? row.requested_at,
  };
}

export function seatView(seat: SeatRow, toPerformer: boolean): SeatView {
  const named = !seat.anonymous || !toPerformer;
  return {
    role: seat.role,
    who: named ? { handle: seat.handle, displayName: seat.display_name } : null,
    rate: seat.rate,
    joinedAt: seat.joined_at,
    camOn: seat.cam_on === 1,
    ...(toPerformer ? { camPublication: seat.cam_on === 1 ? seat.cam_publication : null } : {}),
    tally: { minutesPaid: seat.paid_minutes, tokens: seat.tokens },
    endsAt: seat.ends_at,
  };
}

export function publicView(sql: SqlStorage, row: ShowRow): PublicShow {
  const seats = activeSeats(sql, row.id);
  return {
    id: row.id,
    kind: row.kind,
    phase: row.phase === 'declined' ? 'ended' : row.phase,
    startedAt: row.started_at,
    rate: row.rate,
    spyRate: row.spy_rate,
    title: row.title,
    minimum: row.group_minimum,
    seats: seats.filter((s) => s.role !== 'spy').length,
    spies: seats.filter((s) => s.role === 'spy').length,
    publicChat: row.public_chat,
    ...(row.cam_allowed ? { camRate: row.cam_rate } : {}),
  };
}

/** Minutes started by `at` for a seat that joined at `joined` (a started minute counts whole). */
export function startedMinutes(joined: number, at: number, minuteMs: number): number {
  return Math.floor(Math.max(0, at - joined) / minuteMs) + 1;
}
