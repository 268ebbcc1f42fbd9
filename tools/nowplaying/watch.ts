import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readNowPlayingFile } from './now-playing-file.ts';
import type { Log, Track } from './poster.ts';
import { loadedTrack, SessionFileError } from './serato-session.ts';

/** How often the files are looked at besides the file-system events (which some shares and editors miss). */
const POLL_MS = 1_000;

/** What a source says is loaded now, and a key that changes when a new track is loaded. */
export type Reading = { track: Track; key: string } | null;

/** The newest `.session` file in Serato's Sessions folder: Serato starts a new one each time it starts. */
export async function readSeratoFolder(folder: string): Promise<Reading> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.session'));
  const files = await Promise.all(
    names.map(async (name) => {
      const path = join(folder, name);
      return { path, mtime: (await stat(path)).mtimeMs };
    }),
  );
  // File times are coarse (a few ms): two files written together tie, and Serato numbers its sessions upward.
  const newest = files.sort((a, b) => b.mtime - a.mtime || b.path.localeCompare(a.path, 'en', { numeric: true }))[0];
  if (!newest) return null;
  const bytes = new Uint8Array(await readFile(newest.path));
  const track = loadedTrack(bytes);
  // Serato rewrites entries in place (an end time) as well as appending: the key is the track, not the size.
  return track ? { track, key: `${newest.path}\n${track.title}\n${track.artist}\n${track.startTime ?? ''}` } : null;
}

export async function readTextFile(path: string): Promise<Reading> {
  const track = readNowPlayingFile(new Uint8Array(await readFile(path)));
  return track ? { track, key: `${track.title}\n${track.artist}` } : null;
}

/**
 * Watches one source and calls `loaded` with each newly loaded track (not the one loaded when watching
 * starts, unless `postCurrent`). A file that cannot be read or parsed (corrupt, half-written, gone) is
 * logged and skipped; the next change is read as usual.
 */
export function watchSource(options: {
  target: string;
  read: () => Promise<Reading>;
  loaded: (track: Track, seenAt: number) => void;
  log: Log;
  postCurrent: boolean;
}): { stop: () => void; ready: Promise<void> } {
  let last: string | undefined;
  let reading = false;
  let again = false;
  let stopped = false;
  let lastProblem = '';
  const check = async (first: boolean): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        try {
          const now = await options.read();
          lastProblem = '';
          if (now && now.key !== last) {
            const seenAt = Date.now();
            last = now.key;
            if (!first || options.postCurrent) {
              options.log('seen', { ...now.track, seenAt });
              options.loaded(now.track, seenAt);
            } else options.log('watching', { loadedNow: now.track });
          } else if (!now && first) options.log('watching', { loadedNow: null });
        } catch (error) {
          const problem = error instanceof SessionFileError ? error.message : String(error);
          // Said once per problem, not once per poll.
          if (problem !== lastProblem) options.log('skipped', { reason: problem });
          lastProblem = problem;
          if (first) options.log('watching', { loadedNow: null });
        }
        first = false;
      } while (again && !stopped);
    } finally {
      reading = false;
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(options.target, () => void check(false));
    watcher.on('error', () => {});
  } catch {
    // Not there yet (Serato has not made its folder): the poll finds it.
  }
  const poll = setInterval(() => void check(false), POLL_MS);
  return {
    ready: check(true),
    stop: () => {
      stopped = true;
      clearInterval(poll);
      watcher?.close();
    },
  };
}
