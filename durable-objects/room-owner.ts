import { RoomOwner } from './transport/identity.ts';

/** Who owns the room, as the Worker last said; needed to commit tips after a wake-up. */
export function readOwner(sql: SqlStorage): RoomOwner | undefined {
  const row = sql.exec<{ value: string }>("select value from meta where key = 'owner'").toArray()[0];
  return row ? RoomOwner.parse(JSON.parse(row.value)) : undefined;
}

export function writeOwner(sql: SqlStorage, owner: RoomOwner): void {
  sql.exec(
    "insert into meta (key, value) values ('owner', ?) on conflict (key) do update set value = excluded.value",
    JSON.stringify(owner),
  );
}
