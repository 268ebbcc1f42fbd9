import { DEFAULT_REQUEST_SETTINGS, RequestSettings } from '../../wire/music.ts';
import type { RoomContext } from '../room-context.ts';

/** The performer's request settings: one JSON row in `meta`, read for every request, so cached. */
export class RequestSettingsStore {
  private readonly sql: SqlStorage;
  private cached: RequestSettings | undefined;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  current(): RequestSettings {
    if (!this.cached) {
      const row = this.sql.exec<{ value: string }>("select value from meta where key = 'requests'").toArray()[0];
      // A row written by older code (or damaged) falls back to the defaults rather than failing the Room.
      const parsed = row ? RequestSettings.safeParse(JSON.parse(row.value)) : undefined;
      this.cached = parsed?.success ? parsed.data : DEFAULT_REQUEST_SETTINGS;
    }
    return this.cached;
  }

  replace(settings: RequestSettings): RequestSettings {
    this.sql.exec(
      "insert into meta (key, value) values ('requests', ?) on conflict (key) do update set value = excluded.value",
      JSON.stringify(settings),
    );
    this.cached = settings;
    return settings;
  }
}
