import type { Moderator, Restriction } from '../../wire/moderation.ts';
import type { RoomContext } from '../room-context.ts';

/** Someone the room can act on, by user id; the handle and name are for people reading logs and lists. */
export type Member = { userId: string; handle: string; displayName: string };
export type Standing = { kind: Restriction['kind']; until: number | null };
type RestrictionRow = Member & Standing;

/**
 * Who moderates the room and who is muted or banned from it, in the Room's SQLite, with both
 * lists cached in memory: every chat message and every join asks, and both lists are small.
 * A time-out is a mute with an end; it ends by itself (an expired row is dropped when read).
 */
export class RoomRoster {
  private readonly sql: SqlStorage;
  private mods: Map<string, Member> | undefined;
  private restricted: Map<string, RestrictionRow> | undefined;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  isModerator(userId: string): boolean {
    return this.moderatorMap().has(userId);
  }

  moderatorByHandle(handle: string): Member | undefined {
    return [...this.moderatorMap().values()].find((m) => m.handle === handle);
  }

  moderators(): Moderator[] {
    return [...this.moderatorMap().values()]
      .map(({ handle, displayName }) => ({ handle, displayName }))
      .sort((a, b) => a.handle.localeCompare(b.handle));
  }

  appoint(member: Member, now: number): void {
    // A handle belongs to one user, but drop any stale row that still holds it.
    this.sql.exec('delete from moderators where handle = ? and user_id <> ?', member.handle, member.userId);
    this.sql.exec(
      'insert into moderators (user_id, handle, display_name, at) values (?, ?, ?, ?) on conflict (user_id) ' +
        'do update set handle = excluded.handle, display_name = excluded.display_name',
      member.userId,
      member.handle,
      member.displayName,
      now,
    );
    this.mods = undefined;
  }

  dismiss(userId: string): boolean {
    const gone = this.sql.exec('delete from moderators where user_id = ?', userId).rowsWritten > 0;
    this.mods = undefined;
    return gone;
  }

  /** The user's current restriction, if any (a finished time-out is none). */
  standing(userId: string, now: number): Standing | undefined {
    const row = this.restrictionMap().get(userId);
    if (!row) return undefined;
    if (row.until !== null && row.until <= now) {
      this.lift(userId, row.kind);
      return undefined;
    }
    return { kind: row.kind, until: row.until };
  }

  restrict(member: Member, kind: Standing['kind'], until: number | null, now: number): void {
    this.sql.exec(
      `insert into restrictions (user_id, handle, display_name, kind, until, at) values (?, ?, ?, ?, ?, ?)
       on conflict (user_id) do update set handle = excluded.handle, display_name = excluded.display_name, ` +
        `kind = excluded.kind, until = excluded.until, at = excluded.at`,
      member.userId,
      member.handle,
      member.displayName,
      kind,
      until,
      now,
    );
    this.restricted = undefined;
  }

  /** Lifts a restriction of that kind; returns whether there was one. */
  lift(userId: string, kind: Standing['kind']): boolean {
    const gone = this.sql.exec('delete from restrictions where user_id = ? and kind = ?', userId, kind).rowsWritten > 0;
    this.restricted = undefined;
    return gone;
  }

  restrictions(now: number): Restriction[] {
    return [...this.restrictionMap().values()]
      .filter((r) => r.until === null || r.until > now)
      .map(({ handle, displayName, kind, until }) => ({ handle, displayName, kind, until }))
      .sort((a, b) => a.handle.localeCompare(b.handle));
  }

  /** Someone the room already knows by handle (a moderator, or someone restricted). */
  known(handle: string): Member | undefined {
    const restricted = [...this.restrictionMap().values()].find((r) => r.handle === handle);
    const member = this.moderatorByHandle(handle) ?? restricted;
    return member && { userId: member.userId, handle: member.handle, displayName: member.displayName };
  }

  private moderatorMap(): Map<string, Member> {
    this.mods ??= new Map(
      this.sql
        .exec<{ user_id: string; handle: string; display_name: string }>(
          'select user_id, handle, display_name from moderators',
        )
        .toArray()
        .map((r) => [r.user_id, { userId: r.user_id, handle: r.handle, displayName: r.display_name }]),
    );
    return this.mods;
  }

  private restrictionMap(): Map<string, RestrictionRow> {
    this.restricted ??= new Map(
      this.sql
        .exec<{ user_id: string; handle: string; display_name: string; kind: Standing['kind']; until: number | null }>(
          'select user_id, handle, display_name, kind, until from restrictions',
        )
        .toArray()
        .map((r) => [
          r.user_id,
          { userId: r.user_id, handle: r.handle, displayName: r.display_name, kind: r.kind, until: r.until },
        ]),
    );
    return this.restricted;
  }
}
