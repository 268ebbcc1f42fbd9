/**
 * The Room's SQLite tables for moderation, chat modes and reports (created with the rest in
 * storage.ts `migrate`). Settings (modes, the performer's words) live in `meta`.
 */
export const MODERATION_SCHEMA = `
  create table if not exists moderators (user_id text primary key, handle text not null unique, display_name text not null, at integer not null);
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
  create table if not exists reports_sent (ref text primary key, user_id text not null, report_id text not null, at integer not null);
  create index if not exists reports_sent_user on reports_sent (user_id, at);
`;
