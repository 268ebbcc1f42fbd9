/**
 * The generic mode: a "now playing" text file that DJ software or an OBS tool rewrites on each track
 * (Traktor's broadcast helpers, rekordbox and VirtualDJ's history export, Tuna and Snip for OBS). The
 * first non-empty line is "Artist - Title"; a line with no " - " is a title alone.
 */
export type FileTrack = { title: string; artist: string };

/** UTF-8 (with or without a byte-order mark) or UTF-16 with its mark, as Windows tools often write. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** The track the file names, or null when it is empty (nothing playing, or written half-way). */
export function readNowPlayingFile(bytes: Uint8Array): FileTrack | null {
  const line = decode(bytes)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  const split = line.indexOf(' - ');
  if (split < 0) return { title: line, artist: '' };
  const artist = line.slice(0, split).trim();
  const title = line.slice(split + 3).trim();
  return title ? { title, artist } : { title: artist, artist: '' };
}
