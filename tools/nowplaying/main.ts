import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Log, Poster } from './poster.ts';
import { readSeratoFolder, readTextFile, watchSource } from './watch.ts';

const USAGE = `Posts the track now playing to your Encore room.

  npm run nowplaying -- --serato [path] --url <base> --token <token>
  npm run nowplaying -- --file <path> --url <base> --token <token>

  --serato [path]  watch Serato DJ's history (default: ~/Music/_Serato_/History/Sessions;
                   a _Serato_ folder or its Sessions folder)
  --file <path>    watch a now-playing text file ("Artist - Title" on its first line)
  --url <base>     your Encore site (default http://127.0.0.1:8787)
  --token <token>  a now-playing token from the studio (or ENCORE_NOW_PLAYING_TOKEN)
  --now            post the track loaded when the command starts too
  --json           one JSON object per line instead of plain text`;

type Options = {
  serato: string | null;
  file: string | null;
  url: string;
  token: string;
  now: boolean;
  json: boolean;
};

function fail(message: string): never {
  process.stderr.write(`nowplaying: ${message}\n`);
  process.exit(1);
}

/** `--serato` takes an optional path, which node:util's parseArgs cannot say; so the flags are read here. */
function parse(argv: string[]): Options {
  const options: Options = {
    serato: null,
    file: null,
    url: 'http://127.0.0.1:8787',
    token: process.env.ENCORE_NOW_PLAYING_TOKEN ?? '',
    now: false,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) fail(`${flag} needs a value\n\n${USAGE}`);
      i++;
      return next;
    };
    if (flag === '--serato') {
      const next = argv[i + 1];
      const given = next !== undefined && !next.startsWith('--');
      options.serato = given ? next : defaultSeratoFolder();
      if (given) i++;
    } else if (flag === '--file') options.file = value();
    else if (flag === '--url') options.url = value();
    else if (flag === '--token') options.token = value();
    else if (flag === '--now') options.now = true;
    else if (flag === '--json') options.json = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`unknown option ${flag}\n\n${USAGE}`);
  }
  if ((options.serato === null) === (options.file === null)) fail(`give --serato or --file (one)\n\n${USAGE}`);
  if (!options.token) fail('give the now-playing token (--token, or ENCORE_NOW_PLAYING_TOKEN); make one in the studio');
  return options;
}

/** Serato keeps `_Serato_` in the user's Music folder on macOS and Windows alike. */
function defaultSeratoFolder(): string {
  return join(homedir(), 'Music', '_Serato_', 'History', 'Sessions');
}

/** Accepts the Sessions folder itself or the `_Serato_` folder above it. */
function sessionsFolder(path: string): string {
  const nested = join(path, 'History', 'Sessions');
  return existsSync(nested) ? nested : path;
}

function logger(json: boolean): Log {
  return (event, fields) => {
    if (json) {
      process.stdout.write(`${JSON.stringify({ event, at: Date.now(), ...fields })}\n`);
      return;
    }
    const track = (t: unknown) => {
      const { title, artist } = (t ?? {}) as { title?: string; artist?: string };
      return title ? `${artist ? `${artist} - ` : ''}${title}` : 'nothing';
    };
    const line =
      event === 'watching'
        ? `watching; loaded now: ${track(fields.loadedNow)}`
        : event === 'seen' || event === 'posted'
          ? `${event}: ${track(fields)}${fields.repeat ? ' (already showing)' : ''}`
          : `${event}: ${track(fields) === 'nothing' ? '' : `${track(fields)}: `}${String(fields.reason ?? '')}` +
            (fields.inMs ? ` (again in ${Math.round(Number(fields.inMs) / 1000)} s)` : '');
    process.stdout.write(`${new Date().toLocaleTimeString()} ${line}\n`);
  };
}

const options = parse(process.argv.slice(2));
const log = logger(options.json);
const poster = new Poster({
  url: options.url,
  token: options.token,
  log,
  fatal: (message) => fail(`${message} (the token was refused; nothing more will be posted)`),
});
const folder = options.serato === null ? null : sessionsFolder(options.serato);
const target = folder ?? options.file!;
const watching = watchSource({
  target,
  read: folder ? () => readSeratoFolder(folder) : () => readTextFile(target),
  loaded: (track, seenAt) => poster.post(track, seenAt),
  log,
  postCurrent: options.now,
});
if (!options.json) process.stdout.write(`nowplaying: watching ${target}, posting to ${options.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    watching.stop();
    process.exit(0);
  });
