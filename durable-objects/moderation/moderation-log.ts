import type { ModerationLogEntry } from '../../wire/moderation.ts';
import type { RoomContext } from '../room-context.ts';

/**
 * Who did it: someone in the room (performer or moderator), or an admin from the dashboard. `via` names the
 * connected app (MCP client) the performer acted through, when they did.
 */
export type Actor =
  | { kind: 'room'; userId: string; handle: string; role: 'performer' | 'moderator'; via?: string }
  | { kind: 'admin'; label: string };

/** Lines kept per room; older ones go (the audit log in D1 keeps what admins do). */
const KEEP = 2_000;
/** Lines the studio panel shows. */
export const LOG_PAGE = 100;

/** The room's moderation log in its SQLite, readable by the performer and moderators. */
export class ModerationLog {
  private readonly sql: SqlStorage;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  write(actor: Actor, action: string, target: string | null, detail: string | null, now = Date.now()): void {
    const [name, role] = actor.kind === 'admin' ? [actor.label, 'admin'] : [actor.handle, actor.role];
    const via = actor.kind === 'room' ? (actor.via ?? null) : null;
    const id = this.sql
      .exec<{ id: number }>(
        'insert into moderation_log (at, actor, actor_role, action, target, detail, via) values (?, ?, ?, ?, ' +
          '?, ?, ?) returning id',
        now,
        name,
        role,
        action,
        target,
        detail,
        via,
      )
      .one().id;
    if (id % 100 === 0) this.sql.exec('delete from moderation_log where id <= ?', id - KEEP);
  }

  /** Newest first. */
  recent(limit = LOG_PAGE): ModerationLogEntry[] {
    return this.sql
      .exec<{
        id: number;
        at: number;
        actor: string;
        actor_role: ModerationLogEntry['actorRole'];
        action: string;
        target: string | null;
        detail: string | null;
        via: string | null;
      }>(
        'select id, at, actor, actor_role, action, target, detail, via from moderation_log order by id desc limit ?',
        limit,
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        at: row.at,
        actor: row.actor,
        actorRole: row.actor_role,
        action: row.action,
        target: row.target,
        detail: row.detail,
        via: row.via,
      }));
  }
}
