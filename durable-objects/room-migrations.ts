import { log } from '../workers/log.ts';

/**
 * The Room's own SQLite schema, as one numbered list: a Room's storage is at version N once the
 * first N entries have run, and each entry runs once, with its version bump, in one transaction.
 * A long-lived Room therefore gets every later column and table, which `create table if not
 * exists` alone never gives it. Never edit an entry that has shipped: append one.
 *
 * The version is kept in `meta` ('schema_version'): the Durable Object's SQLite refuses
 * `PRAGMA user_version` (SQLITE_AUTH; test/room/storage-versions.test.ts checks this).
 *
 * The room's money never lives here: it is in D1, and `pending_tips` only holds tips until D1
 * answers. Settings and small state (owner, show, media, chat modes, performer away) are rows
 * in `meta`.
 */

/**
 * Version 1: the schema every Room had before versions were kept, exactly. It is written with
 * `if not exists` so that such a Room (tables there, no version recorded) passes through it.
 */
export const FIRST_ROOM_SCHEMA =
  `
  create table if not exists meta (key text primary key, value text not null);
  create table if not exists events (
    seq integer primary key,
    at integer not null,
    -- What made the event (a chat client id, a tip's ledger id): the same write is broadcast once.
    ref text unique,
    body text not null
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
  create table if not exists alarms (job text primary key, due integer not null);
  create table if not exists tip_menu (
    id text primary key,
    position integer not null,
    label text not null,
    price integer not null,
    -- Reserved for a later device integration.
    device_action text
  );
  -- What each menu tip was checked against, by its tip key: a resend after the menu changed is the same tip.
  create table if not exists menu_tips (key text primary key, label text not null, price integer not null, ` +
  `at integer not null);
  create table if not exists goals (
    id text primary key,
    title text not null,
    target integer not null,
    progress integer not null default 0,
    escrow integer not null,
    deadline integer,
    status text not null,
    -- 1 for the goal the room sees; 0 once the performer ended or replaced it.
    shown integer not null,
    -- Escrowed goals, once decided: settlement runs still owed (a late tip adds one).
    unsettled integer not null default 0,
    created_at integer not null
  );
  create table if not exists goal_tips (tip_id text primary key, goal_id text not null, amount integer not null);
  create table if not exists moderators (user_id text primary key, handle text not null unique, display_name ` +
  `text not null, at integer not null);
  -- One row per restricted user: a mute (until is set for a time-out) or a ban (until is null).
  create table if not exists restrictions (
    user_id text primary key,
    handle text not null,
    display_name text not null,
    kind text not null check (kind in ('muted', 'banned')),
    until integer,
    at integer not null
  );
  create table if not exists moderation_log (
    id integer primary key autoincrement,
    at integer not null,
    actor text not null,
    actor_role text not null,
    action text not null,
    target text,
    detail text
  );
  -- Who has tipped in this room (for tippers-only chat), by handle.
  create table if not exists room_tippers (handle text primary key, at integer not null);
  -- Reports sent, by client id (a resend is answered once), and their times (the rate limit).
  create table if not exists reports_sent (ref text primary key, user_id text not null, report_id text not ` +
  `null, at integer not null);
  create index if not exists reports_sent_user on reports_sent (user_id, at);
  -- The boards (tips/leaderboards.ts): each ranked tip once, and running sums per show and per hour.
  create table if not exists counted_tips (tip_id text primary key, at integer not null);
  create table if not exists show_tippers (handle text primary key, display_name text not null, tokens ` +
  `integer not null, first_at integer not null);
  create table if not exists hourly_tippers (hour integer not null, handle text not null, display_name text ` +
  `not null, tokens integer not null, primary key (hour, handle));
  -- The last tips a newcomer sees (tip-history.ts).
  create table if not exists tip_history (seq integer primary key, body text not null);
`;

export const ROOM_MIGRATIONS: readonly string[] = [
  FIRST_ROOM_SCHEMA,
  // 2. Replays are sent as stored text, so the body everyone but the performer sees is stored
  // when it differs (a private tip's note); tips logged before get theirs here.
  `
  alter table events add column public_body text;
  update events set public_body = json_set(body, '$.tip.note', json('null'))
    where json_extract(body, '$.kind') = 'tip' and json_extract(body, '$.tip.private') = 1;
  `,
  // 3. The boards are pruned by age on a write; a refunded goal tip is taken back out of them.
  `
  create index counted_tips_at on counted_tips (at);
  create table ranked_tips (tip_id text primary key, handle text not null, hour integer not null, amount ` +
    `integer not null, in_show integer not null);
  create index ranked_tips_hour on ranked_tips (hour);
  `,
  // 4. Where each tip was routed when its key first arrived (goal_id null: no escrowed goal), or
  // the Room's refusal of it (refusal: JSON reason and message), which then stands for its resends.
  `
  create table tip_routes (key text primary key, goal_id text, at integer not null, refusal text);
  create index tip_routes_at on tip_routes (at);
  `,
  // 5. Decided escrowed goals, with when their hold is settled once more: a tip that reached the
  // hold after the settlement read it (and that this Room never recorded) is found then.
  `
  create table goal_sweeps (goal_id text primary key, at integer not null);
  `,
  // 6. Viewers' SFU sessions pulling this room's tracks, to close on a ban or a block.
  `
  create table media_viewers (
    session_id text primary key,
    user_id text,
    country text,
    region text,
    mids text not null,
    at integer not null
  );
  create index media_viewers_user on media_viewers (user_id);
  `,
  // 7. Moderation a performer did through a connected app (MCP) names the app: "via <client name>".
  `
  alter table moderation_log add column via text;
  `,
  // 8. Now playing (music/now-playing.ts): the tracks played, newest last; the newest shown one is current
  // unless cleared. A row is written before the request queue is asked, and marked shown once the room saw it.
  `
  create table played_tracks (
    seq integer primary key autoincrement,
    id text not null unique,
    title text not null,
    artist text not null,
    source text not null,
    at integer not null,
    request_id text,
    requester text,
    shown integer not null default 0,
    cleared_at integer
  );
  `,
  // 9. The device queue (devices/device-queue.ts): reactions in tip order, the running one with its times,
  // and each tip's turn once (device_tips, pruned by age). A tip-menu item's device action is a reaction
  // as JSON from now on: the free text some items held before reads as none.
  `
  create table device_queue (
    seq integer primary key autoincrement,
    tip_id text not null unique,
    body text not null,
    started_at integer,
    ends_at integer
  );
  create table device_tips (tip_id text primary key, at integer not null);
  create index device_tips_at on device_tips (at);
  update tip_menu set device_action = null where device_action is not null and
    case when json_valid(device_action) then json_type(device_action) <> 'object' else 1 end;
  `,
  // 10. What each tip got on the toy (queued, queue-full, no-level), so a resent tip's tip.result is its first.
  `
  alter table device_tips add column device text;
  `,
  // 11. Song requests (music/request-queue.ts): one row per request, keyed by its requester's client id too,
  // and each payment into its hold (the price, then bumps) by its ledger key, counted once.
  `
  create table song_requests (
    id text primary key,
    user_id text not null,
    client_id text not null,
    handle text not null,
    display_name text not null,
    anonymous integer not null,
    title text not null,
    artist text not null,
    note text not null,
    -- The price when it was made: every resend of it pays the same.
    price integer not null,
    tokens integer not null default 0,
    status text not null,
    refusal text,
    rank real not null,
    at integer not null,
    played_at integer,
    undo_status text,
    reason text,
    settle_at integer,
    swept integer not null default 0,
    -- The now-playing play that marked it played (track-listener.ts): told of that play again, it answers the same.
    play_id text,
    unique (user_id, client_id)
  );
  create index song_requests_status on song_requests (status, rank);
  create table request_payments (
    key text primary key,
    request_id text not null,
    payment_id text not null,
    amount integer not null
  );
  `,
  // 12: paid shows (durable-objects/shows/): each show, each seat in it, each minute's charge.
  `
  create table shows (
    id text primary key,
    kind text not null,
    -- requested | announced | running | ended | declined
    phase text not null,
    performer_id text not null,
    -- The viewer who asked (private, session) and the client id they asked with: a resend is the same request.
    viewer_id text,
    client_id text,
    anonymous integer not null default 0,
    cam_asked integer not null default 0,
    -- Fixed when asked (or announced): the settings in force then.
    rate integer not null,
    spy_rate integer not null,
    cam_rate integer not null,
    cam_allowed integer not null,
    minimum_minutes integer not null,
    group_minimum integer not null default 0,
    title text not null default '',
    public_chat text not null default 'open',
    minute_ms integer not null,
    requested_at integer not null,
    expires_at integer,
    started_at integer,
    ended_at integer,
    end_reason text
  );
  create index shows_phase on shows (phase);
  create table show_seats (
    show_id text not null,
    user_id text not null,
    -- viewer | participant | reserved | spy
    role text not null,
    handle text not null,
    display_name text not null,
    anonymous integer not null default 0,
    rate integer not null,
    joined_at integer,
    paid_minutes integer not null default 0,
    tokens integer not null default 0,
    cam_on integer not null default 0,
    -- When the next minute is charged (its boundary); null once ended.
    next_due integer,
    -- The wallet cannot pay the next minute: the seat ends then (the 60 s warning went out).
    ends_at integer,
    ended_at integer,
    end_reason text,
    used_minutes integer,
    -- 0 while its hold waits to be settled; 1 once settled and written to D1.
    settled integer not null default 0,
    primary key (show_id, user_id)
  );
  create index show_seats_due on show_seats (next_due);
  create table show_charges (
    key text primary key,
    show_id text not null,
    user_id text not null,
    minute integer not null,
    minutes integer not null,
    amount integer not null,
    due_at integer not null,
    -- pending (sent, outcome unknown) | paid | refused
    status text not null,
    paid_at integer,
    unique (show_id, user_id, minute)
  );
  `,
  // 13. Cam-to-cam (shows/show-cam.ts): the private viewer's published camera on their seat (its SFU session,
  // publication and tracks as JSON), and the performer's SFU sessions pulling it, closed when it goes.
  `
  alter table show_seats add column cam_session text;
  alter table show_seats add column cam_publication text;
  alter table show_seats add column cam_tracks text;
  create table show_cam_pulls (
    session_id text primary key,
    show_id text not null,
    user_id text not null,
    mids text not null,
    at integer not null
  );
  `,
];

/** The version this Room's storage is at: 0 for a new Room and for one from before versions were kept. */
export function roomStorageVersion(sql: SqlStorage): number {
  if (sql.exec('select 1 from pragma_table_info(?)', 'meta').toArray().length === 0) return 0;
  const row = sql.exec<{ value: string }>("select value from meta where key = 'schema_version'").toArray()[0];
  return row ? Number(row.value) : 0;
}

/**
 * Brings the Room's storage to the latest version. Run once as the Room starts, inside
 * blockConcurrencyWhile, so nothing reads a table before it is there. A failed step rolls back
 * with its version, and the Room does not start (the next request tries again).
 */
export function migrateRoomStorage(storage: DurableObjectStorage): number {
  const from = roomStorageVersion(storage.sql);
  // Storage written by a newer deploy (a rollback): its changes only add, so this code still runs on it.
  if (from > ROOM_MIGRATIONS.length)
    log('error', 'room.storage.newer_than_code', { version: from, known: ROOM_MIGRATIONS.length });
  for (let version = from + 1; version <= ROOM_MIGRATIONS.length; version++) {
    storage.transactionSync(() => {
      storage.sql.exec(ROOM_MIGRATIONS[version - 1]!);
      storage.sql.exec(
        "insert into meta (key, value) values ('schema_version', ?) on conflict (key) do update set value = " +
          'excluded.value',
        String(version),
      );
    });
  }
  return Math.max(from, ROOM_MIGRATIONS.length);
}
