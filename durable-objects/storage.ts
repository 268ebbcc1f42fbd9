import { RoomOwner } from './identity.ts';
import { ALARM_SCHEMA } from './alarms.ts';
import { GOAL_SCHEMA } from './goals.ts';
import { TIP_MENU_SCHEMA } from './tip-menu.ts';
import { TIP_ROUTES_SCHEMA } from './tip-routes.ts';
import { MODERATION_SCHEMA } from './moderation-schema.ts';
import { MEDIA_VIEWERS_SCHEMA } from './media-viewers.ts';

/**
 * The Room's own SQLite schema. Tables are created idempotently when the object starts; a
 * later table (moderators, bans, the tip menu, goals) is added here the same way. The room's
 * money never lives here: it is in D1, and `pending_tips` only holds tips until D1 answers.
 */
const SCHEMA = `
  create table if not exists meta (key text primary key, value text not null);
  create table if not exists events (
    seq integer primary key,
    at integer not null,
    -- What made the event (a chat client id, a tip's ledger id): the same write is broadcast once.
    ref text unique,
    body text not null,
    -- The body as everyone but the performer sees it, when it differs (a private tip's note).
    public_body text
  );
  create table if not exists chat_history (
    seq integer primary key,
    ref text unique,
    body text not null
  );
  create table if not exists pending_tips (
    key text primary key,
    user_id text not null,
    client_id text not null,
    received_at integer not null,
    body text not null
  );
`;

export function migrate(sql: SqlStorage): void {
  sql.exec(SCHEMA);
  addPublicBodies(sql);
  sql.exec(ALARM_SCHEMA + TIP_MENU_SCHEMA + GOAL_SCHEMA + TIP_ROUTES_SCHEMA);
  sql.exec(MODERATION_SCHEMA);
  sql.exec(MEDIA_VIEWERS_SCHEMA);
}

/**
 * Rooms logged before replays were served as stored text have no `public_body`: add it, and
 * fill it for their private tips so a replay never shows a private note to the room.
 */
function addPublicBodies(sql: SqlStorage): void {
  if (sql.exec("select 1 from pragma_table_info('events') where name = 'public_body'").toArray().length > 0) return;
  sql.exec('alter table events add column public_body text');
  sql.exec("update events set public_body = json_set(body, '$.tip.note', json('null')) where json_extract(body, '$.kind') = 'tip' and json_extract(body, '$.tip.private') = 1");
}

/** Who owns the room, as the Worker last said; needed to commit tips after a wake-up. */
export function readOwner(sql: SqlStorage): RoomOwner | undefined {
  const row = sql.exec<{ value: string }>("select value from meta where key = 'owner'").toArray()[0];
  return row ? RoomOwner.parse(JSON.parse(row.value)) : undefined;
}

export function writeOwner(sql: SqlStorage, owner: RoomOwner): void {
  sql.exec("insert into meta (key, value) values ('owner', ?) on conflict (key) do update set value = excluded.value", JSON.stringify(owner));
}
