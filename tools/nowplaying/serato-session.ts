/**
 * Serato DJ's history session files (`_Serato_/History/Sessions/*.session`), read without a dependency: the
 * one npm parser named for this (seratolibraryparser) is not in the registry any more, and the format is
 * small. A file is a list of chunks, each a 4-byte ASCII tag, a 4-byte big-endian length and the content:
 * `vrsn` (the version, UTF-16BE), then one `oent` per track loaded, each holding an `adat` chunk whose
 * content is numbered fields (4-byte big-endian id, 4-byte length, value). Text is UTF-16BE, often ending
 * in a NUL. Serato appends an `oent` when a deck loads a track, so the last complete one is the track now
 * loaded; it also rewrites entries in place (the end time), which changes nothing here.
 */

/** adat field ids (the public notes on the format agree on these). */
export const SeratoField = {
  path: 2,
  title: 6,
  artist: 7,
  album: 8,
  startTime: 28,
  deck: 31,
} as const;

export type SessionTrack = {
  title: string;
  artist: string;
  /** The file's path as Serato recorded it (the title falls back to its name). */
  path: string;
  /** The deck it was loaded on, when recorded. */
  deck: number | null;
  /** Unix seconds, when recorded. */
  startTime: number | null;
};

/** What a read found: the tracks in the order Serato wrote them, and whether the file ended mid-chunk. */
export type SessionRead = { tracks: SessionTrack[]; truncated: boolean };

/** The file is not a session file at all (not a half-written one: that is `truncated`). */
export class SessionFileError extends Error {}

type Chunk = { tag: string; body: Uint8Array };

const utf16 = new TextDecoder('utf-16be');

/** Splits `bytes` into chunks; a last chunk that runs past the end is left out and reported. */
function chunks(bytes: Uint8Array, numericTags: boolean): { chunks: Chunk[]; truncated: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Chunk[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return { chunks: found, truncated: true };
    const tag = numericTags ? String(view.getUint32(at)) : String.fromCharCode(...bytes.subarray(at, at + 4));
    if (!numericTags && !/^[\x20-\x7e]{4}$/.test(tag))
      throw new SessionFileError(`not a Serato session file: bad chunk tag at byte ${at}`);
    const length = view.getUint32(at + 4);
    const end = at + 8 + length;
    if (end > bytes.length) return { chunks: found, truncated: true };
    found.push({ tag, body: bytes.subarray(at + 8, end) });
    at = end;
  }
  return { chunks: found, truncated: false };
}

function text(body: Uint8Array | undefined): string {
  if (!body || body.length < 2) return '';
  return utf16
    .decode(body.subarray(0, body.length - (body.length % 2)))
    .replace(/\0+$/, '')
    .trim();
}

function number(body: Uint8Array | undefined): number | null {
  if (!body || body.length === 0 || body.length > 4) return null;
  let n = 0;
  for (const byte of body) n = n * 256 + byte;
  return n;
}

/** The file name without its folder and extension: a track's title when its tags have none. */
function nameOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]+$/, '');
}

function track(entry: Uint8Array): SessionTrack | null {
  const adat = chunks(entry, false).chunks.find((c) => c.tag === 'adat');
  if (!adat) return null;
  const fields = new Map(chunks(adat.body, true).chunks.map((c) => [Number(c.tag), c.body]));
  const path = text(fields.get(SeratoField.path));
  const title = text(fields.get(SeratoField.title)) || nameOf(path);
  if (!title) return null;
  return {
    title,
    artist: text(fields.get(SeratoField.artist)),
    path,
    deck: number(fields.get(SeratoField.deck)),
    startTime: number(fields.get(SeratoField.startTime)),
  };
}

/**
 * Reads a session file's tracks. A half-written file (Serato writing as we read) gives the complete
 * entries and `truncated`; a file that is not a session file at all throws SessionFileError.
 */
export function readSession(bytes: Uint8Array): SessionRead {
  const top = chunks(bytes, false);
  if (top.chunks.length > 0 && top.chunks[0]!.tag !== 'vrsn')
    throw new SessionFileError('not a Serato session file: it does not start with its version');
  if (top.chunks.length === 0 && bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) !== 'vrsn')
    throw new SessionFileError('not a Serato session file: it does not start with its version');
  const tracks: SessionTrack[] = [];
  for (const chunk of top.chunks) {
    if (chunk.tag !== 'oent') continue;
    // An entry cut short inside a complete chunk is damage, not a write in progress: it is passed over.
    try {
      const entry = track(chunk.body);
      if (entry) tracks.push(entry);
    } catch (error) {
      if (!(error instanceof SessionFileError)) throw error;
    }
  }
  return { tracks, truncated: top.truncated };
}

/** The track loaded now: the file's last complete entry. */
export function loadedTrack(bytes: Uint8Array): SessionTrack | null {
  return readSession(bytes).tracks.at(-1) ?? null;
}
