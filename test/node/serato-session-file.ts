/**
 * Builds Serato history session files to the documented format (tools/nowplaying/serato-session.ts), for the
 * parser tests, the companion's end-to-end test and its benchmark.
 */
export type FixtureTrack = { title?: string; artist?: string; path?: string; deck?: number; startTime?: number };

function chunk(tag: string | number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  if (typeof tag === 'number') view.setUint32(0, tag);
  else for (let i = 0; i < 4; i++) out[i] = tag.charCodeAt(i);
  view.setUint32(4, body.length);
  out.set(body, 8);
  return out;
}

/** UTF-16BE with the trailing NUL Serato writes. */
function utf16be(text: string): Uint8Array {
  const out = new Uint8Array((text.length + 1) * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i));
  return out;
}

function uint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** One `oent` entry, with the fields Serato writes around the ones the companion reads. */
export function sessionEntry(track: FixtureTrack, row = 1): Uint8Array {
  const fields: Uint8Array[] = [chunk(1, uint32(row))];
  if (track.path !== undefined) fields.push(chunk(2, utf16be(track.path)));
  if (track.title !== undefined) fields.push(chunk(6, utf16be(track.title)));
  if (track.artist !== undefined) fields.push(chunk(7, utf16be(track.artist)));
  fields.push(chunk(15, utf16be('124.00')));
  if (track.startTime !== undefined) fields.push(chunk(28, uint32(track.startTime)));
  if (track.deck !== undefined) fields.push(chunk(31, uint32(track.deck)));
  fields.push(chunk(50, new Uint8Array([1])));
  return chunk('oent', chunk('adat', join(fields)));
}

/** A whole session file: the version chunk, then one entry per track, oldest first. */
export function sessionFile(tracks: FixtureTrack[]): Uint8Array {
  return join([
    chunk('vrsn', utf16be('1.0/Serato Scratch LIVE Review')),
    ...tracks.map((t, i) => sessionEntry(t, i + 1)),
  ]);
}
