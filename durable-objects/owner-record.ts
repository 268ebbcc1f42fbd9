import type { RoomContext } from './room-context.ts';
import { RoomOwner } from './transport/identity.ts';

/**
 * Who owns the room, as the Worker last said (every Worker call names it), kept in `meta` so that a
 * Room woken by its alarm still knows whose tips it commits; read once per life of the Room.
 */
export class OwnerRecord {
  private readonly sql: SqlStorage;
  private known: RoomOwner | undefined;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  current(): RoomOwner | undefined {
    if (this.known) return this.known;
    const row = this.sql.exec<{ value: string }>("select value from meta where key = 'owner'").toArray()[0];
    this.known = row ? RoomOwner.parse(JSON.parse(row.value)) : undefined;
    return this.known;
  }

  /** Written only when it changed (a performer renamed their handle, or a Room's first call). */
  remember(owner: RoomOwner): void {
    const known = this.current();
    if (known?.handle === owner.handle && known.performerId === owner.performerId) return;
    this.sql.exec(
      "insert into meta (key, value) values ('owner', ?) on conflict (key) do update set value = excluded.value",
      JSON.stringify(owner),
    );
    this.known = owner;
  }
}
