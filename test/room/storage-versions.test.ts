import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import {
  FIRST_ROOM_SCHEMA,
  migrateRoomStorage,
  ROOM_MIGRATIONS,
  roomStorageVersion,
} from '../../durable-objects/room-migrations.ts';
import { Leaderboards } from '../../durable-objects/tips/leaderboards.ts';
import { TipMenuBoard } from '../../durable-objects/tips/tip-menu-board.ts';
import { tipEvent } from '../../durable-objects/tips/tip-rules.ts';
import { EventLog } from '../../durable-objects/transport/event-log.ts';
import type { RoomEvent } from '../../wire/room.ts';

type Rows = Record<string, unknown[]>;

const freshRoom = () => env.ROOM.getByName(`storage_${crypto.randomUUID()}`);

function tables(sql: SqlStorage): string[] {
  return sql
    .exec<{ name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like " +
        "'_cf_%' order by name",
    )
    .toArray()
    .map((r) => r.name);
}

function columns(sql: SqlStorage, table: string): string[] {
  return sql
    .exec<{ name: string }>('select name from pragma_table_info(?)', table)
    .toArray()
    .map((r) => r.name);
}

/** Every row of every table, in the columns `shape` gives (the tables' columns as they were). */
function contents(sql: SqlStorage, shape: Record<string, string[]>): Rows {
  return Object.fromEntries(
    Object.entries(shape).map(([table, cols]) => [
      table,
      sql.exec(`select ${cols.join(', ')} from ${table} order by rowid`).toArray(),
    ]),
  );
}

/** The rows, less the version itself. */
function withoutVersion(rows: Rows): Rows {
  return { ...rows, meta: rows.meta!.filter((r) => (r as { key: string }).key !== 'schema_version') };
}

/** Everything the schema is: tables, columns and indexes, as SQLite wrote them down. */
function schema(sql: SqlStorage): unknown[] {
  return sql.exec("select type, name, sql from sqlite_master where name not like '_cf_%' order by name").toArray();
}

/** A Room's storage as it was before versions were kept, with something in every table. */
function roomAtFirstVersion(sql: SqlStorage, now: number): void {
  for (const table of tables(sql)) sql.exec(`drop table ${table}`);
  sql.exec(FIRST_ROOM_SCHEMA);
  const from = { handle: 'fan', displayName: 'Fan', role: 'viewer' as const };
  const tipOf = (id: string, priv: boolean) =>
    tipEvent(id, { from, amount: 75, note: 'psst', private: priv, anonymous: false }, now);
  const chat = { kind: 'chat', message: { id: 'm1', from, text: 'hello', at: now } };
  sql.exec(
    'insert into meta (key, value) values (\'owner\', \'{"userId":"u_perf","handle":"perf"}\'), ' +
      "('show', '{\"startedAt\":1}')",
  );
  const logged: [string, unknown][] = [
    ['c1', chat],
    ['t_private', { kind: 'tip', tip: tipOf('t_private', true) }],
    ['t_public', { kind: 'tip', tip: tipOf('t_public', false) }],
  ];
  for (const [i, [ref, event]] of logged.entries())
    sql.exec('insert into events (seq, at, ref, body) values (?, ?, ?, ?)', i + 1, now, ref, JSON.stringify(event));
  sql.exec('insert into chat_history (seq, ref, body) values (1, ?, ?)', 'c1', JSON.stringify(chat.message));
  sql.exec(
    "insert into pending_tips (key, user_id, client_id, received_at, body) values ('k1', 'u_fan', 'c9', ?, '{}')",
    now,
  );
  sql.exec("insert into alarms (job, due) values ('tips', ?), ('goals', ?)", now + 5_000, now + 60_000);
  sql.exec("insert into tip_menu (id, position, label, price, device_action) values ('i1', 0, 'Dance', 50, null)");
  sql.exec("insert into menu_tips (key, label, price, at) values ('k2', 'Dance', 50, ?)", now);
  sql.exec(
    `insert into goals (id, title, target, progress, escrow, deadline, status, shown, unsettled, created_at)
     values ('g1', 'New lamp', 500, 150, 1, ?, 'open', 1, 0, ?)`,
    now + 3_600_000,
    now,
  );
  sql.exec("insert into goal_tips (tip_id, goal_id, amount) values ('t_public', 'g1', 75)");
  sql.exec("insert into moderators (user_id, handle, display_name, at) values ('u_mod', 'mod', 'Mod', ?)", now);
  sql.exec(
    "insert into restrictions (user_id, handle, display_name, kind, until, at) values ('u_troll', 'troll', " +
      "'Troll', 'banned', null, ?)",
    now,
  );
  sql.exec(
    "insert into moderation_log (at, actor, actor_role, action, target, detail) values (?, 'mod', " +
      "'moderator', 'ban', 'troll', null)",
    now,
  );
  sql.exec("insert into room_tippers (handle, at) values ('fan', ?)", now);
  sql.exec("insert into reports_sent (ref, user_id, report_id, at) values ('r1', 'u_fan', 'rep_1', ?)", now);
  sql.exec("insert into counted_tips (tip_id, at) values ('t_private', ?), ('t_public', ?)", now, now);
  sql.exec("insert into show_tippers (handle, display_name, tokens, first_at) values ('fan', 'Fan', 150, ?)", now);
  sql.exec(
    "insert into hourly_tippers (hour, handle, display_name, tokens) values (?, 'fan', 'Fan', 150)",
    Math.floor(now / 3_600_000),
  );
  sql.exec(
    'insert into tip_history (seq, body) values (2, ?), (3, ?)',
    JSON.stringify(tipOf('t_private', true)),
    JSON.stringify(tipOf('t_public', false)),
  );
}

describe('the Room storage versions', () => {
  it('keeps the version in meta, since the Room storage refuses PRAGMA user_version', async () => {
    await runInDurableObject(freshRoom(), (_room: Room, state) => {
      expect(() => state.storage.sql.exec('pragma user_version').toArray()).toThrow(/not authorized/);
      expect(
        state.storage.sql.exec<{ value: string }>("select value from meta where key = 'schema_version'").one().value,
      ).toBe(String(ROOM_MIGRATIONS.length));
    });
  });

  for (const [start, setVersion] of [
    [
      'at the first version',
      (sql: SqlStorage) => sql.exec("insert into meta (key, value) values ('schema_version', '1')"),
    ],
    ['from before versions were kept (no version recorded)', () => {}],
  ] as const) {
    it(`upgrades a room whose storage is ${start}, with data in it, without losing anything`, async () => {
      await runInDurableObject(freshRoom(), (_room: Room, state) => {
        const sql = state.storage.sql;
        const now = Date.now();
        roomAtFirstVersion(sql, now);
        setVersion(sql);
        expect(roomStorageVersion(sql)).toBe(start === 'at the first version' ? 1 : 0);
        const shape = Object.fromEntries(tables(sql).map((t) => [t, columns(sql, t)]));
        const before = withoutVersion(contents(sql, shape));
        expect(Object.values(before).every((rows) => rows.length > 0)).toBe(true);

        expect(migrateRoomStorage(state.storage)).toBe(ROOM_MIGRATIONS.length);

        expect(roomStorageVersion(sql)).toBe(ROOM_MIGRATIONS.length);
        expect(withoutVersion(contents(sql, shape))).toEqual(before);
        expect(columns(sql, 'events')).toContain('public_body');
        for (const table of [
          'ranked_tips',
          'tip_routes',
          'goal_sweeps',
          'media_viewers',
          'device_queue',
          'device_tips',
          'played_tracks',
          'song_requests',
          'shows',
          'show_seats',
          'show_charges',
          'show_cam_pulls',
        ])
          expect(columns(sql, table).length).toBeGreaterThan(0);
        const indexes = sql
          .exec<{ name: string }>(
            "select name from sqlite_master where type = 'index' and sql is not null order by name",
          )
          .toArray()
          .map((r) => r.name);
        expect(indexes).toEqual([
          'counted_tips_at',
          'device_tips_at',
          'media_viewers_user',
          'ranked_tips_hour',
          'reports_sent_user',
          'show_seats_due',
          'shows_phase',
          'song_requests_status',
          'tip_routes_at',
        ]);

        // The private tip's note stays the performer's: the room's replay of the old log hides it.
        const log = new EventLog({ sql });
        const notes = (audience: 'performer' | 'public') =>
          log
            .replay(0, log.newest, audience)!
            .map((e) => (JSON.parse(e) as { event: RoomEvent }).event)
            .map((ev) => (ev.kind === 'tip' ? ev.tip.note : ev.kind));
        expect(notes('performer')).toEqual(['chat', 'psst', 'psst']);
        expect(notes('public')).toEqual(['chat', null, 'psst']);
        expect(new Leaderboards({ sql }).current(now)).toEqual({
          show: [{ handle: 'fan', displayName: 'Fan', tokens: 150 }],
          king: { handle: 'fan', displayName: 'Fan', tokens: 150 },
        });
      });
    });
  }

  it('turns the tip menu’s old free-text device actions into none, and keeps a reaction', async () => {
    await runInDurableObject(freshRoom(), (_room: Room, state) => {
      const sql = state.storage.sql;
      roomAtFirstVersion(sql, Date.now());
      sql.exec("insert into meta (key, value) values ('schema_version', '6')");
      const wave = { kind: 'pattern', pattern: 'wave', intensity: 30, seconds: 4 };
      const actions = ['buzz:short', JSON.stringify(wave), '"pulse"', '{"kind":"steady","intensity":500}'];
      for (const [i, action] of actions.entries())
        sql.exec(
          'insert into tip_menu (id, position, label, price, device_action) values (?, ?, ?, 10, ?)',
          `x${i}`,
          i + 1,
          `Item ${i}`,
          action,
        );
      expect(migrateRoomStorage(state.storage)).toBe(ROOM_MIGRATIONS.length);
      const stored = sql
        .exec<{ device_action: string | null }>('select device_action from tip_menu order by position')
        .toArray()
        .map((r) => r.device_action);
      expect(stored).toEqual([null, null, JSON.stringify(wave), null, actions[3]]);
      // A stored object that is not a reaction reads as none too.
      expect(new TipMenuBoard({ sql }).items().map((item) => item.deviceAction)).toEqual([
        null,
        null,
        wave,
        null,
        null,
      ]);
    });
  });

  it('changes nothing when run again, and records the length of the list as the version', async () => {
    await runInDurableObject(freshRoom(), (_room: Room, state) => {
      const sql = state.storage.sql;
      roomAtFirstVersion(sql, Date.now());
      migrateRoomStorage(state.storage);
      const shape = Object.fromEntries(tables(sql).map((t) => [t, columns(sql, t)]));
      const [schemaBefore, dataBefore] = [schema(sql), contents(sql, shape)];
      expect(migrateRoomStorage(state.storage)).toBe(ROOM_MIGRATIONS.length);
      expect(schema(sql)).toEqual(schemaBefore);
      expect(contents(sql, shape)).toEqual(dataBefore);
      expect(roomStorageVersion(sql)).toBe(ROOM_MIGRATIONS.length);
    });
  });

  it('brings a new room to the latest version as it starts, with the same schema as an upgraded one', async () => {
    const fresh = await runInDurableObject(freshRoom(), (_room: Room, state) => {
      expect(roomStorageVersion(state.storage.sql)).toBe(ROOM_MIGRATIONS.length);
      return schema(state.storage.sql);
    });
    const upgraded = await runInDurableObject(freshRoom(), (_room: Room, state) => {
      roomAtFirstVersion(state.storage.sql, Date.now());
      migrateRoomStorage(state.storage);
      return schema(state.storage.sql);
    });
    expect(upgraded).toEqual(fresh);
  });
});
