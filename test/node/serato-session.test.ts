import { describe, expect, it } from 'vitest';
import { readNowPlayingFile } from '../../tools/nowplaying/now-playing-file.ts';
import { loadedTrack, readSession, SessionFileError } from '../../tools/nowplaying/serato-session.ts';
import { sessionEntry, sessionFile } from './serato-session-file.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('reading Serato session files', () => {
  it('reads every track in order, and the last one is the track loaded now', () => {
    const bytes = sessionFile([
      { title: 'Windowlicker', artist: 'Aphex Twin', path: '/Music/a.mp3', deck: 1, startTime: 1_700_000_000 },
      { title: 'Xtal', artist: 'Aphex Twin', path: '/Music/b.mp3', deck: 2 },
      { title: 'Avril 14th', artist: 'Aphex Twin', path: '/Music/c.flac', deck: 1 },
    ]);
    const read = readSession(bytes);
    expect(read.truncated).toBe(false);
    expect(read.tracks).toEqual([
      { title: 'Windowlicker', artist: 'Aphex Twin', path: '/Music/a.mp3', deck: 1, startTime: 1_700_000_000 },
      { title: 'Xtal', artist: 'Aphex Twin', path: '/Music/b.mp3', deck: 2, startTime: null },
      { title: 'Avril 14th', artist: 'Aphex Twin', path: '/Music/c.flac', deck: 1, startTime: null },
    ]);
    expect(loadedTrack(bytes)?.title).toBe('Avril 14th');
  });

  it('reads non-ASCII titles and artists from UTF-16, beyond the basic plane too', () => {
    const tracks = [
      { title: 'Björk’s Jóga', artist: 'Björk' },
      { title: '夜に駆ける', artist: 'YOASOBI' },
      { title: 'Ты не один', artist: 'Кино' },
      { title: 'Fire 🔥 Dance', artist: 'Ñandú & Çelik' },
    ];
    expect(readSession(sessionFile(tracks)).tracks.map(({ title, artist }) => ({ title, artist }))).toEqual(tracks);
  });

  it('names a track without tags after its file', () => {
    const bytes = sessionFile([{ path: 'C:\\Users\\dj\\Music\\Untagged Edit (Extended).mp3' }]);
    expect(loadedTrack(bytes)).toMatchObject({ title: 'Untagged Edit (Extended)', artist: '' });
  });

  it('gives the complete entries of a file cut short anywhere, and says it was cut short', () => {
    const whole = sessionFile([
      { title: 'First', artist: 'A' },
      { title: 'Second', artist: 'B' },
    ]);
    const first = sessionFile([{ title: 'First', artist: 'A' }]);
    for (let cut = first.length; cut < whole.length; cut++) {
      const read = readSession(whole.subarray(0, cut));
      expect(read.truncated, `cut at ${cut}`).toBe(cut !== first.length);
      expect(read.tracks.map((t) => t.title)).toEqual(['First']);
    }
    // Cut inside the very first entry, or the version: nothing yet, and no error.
    for (const cut of [0, 3, 10, first.length - 1]) expect(readSession(whole.subarray(0, cut)).tracks).toEqual([]);
  });

  it('refuses a file that is not a session file, so the companion skips it', () => {
    for (const bytes of [encode('Artist - Title\n'), new Uint8Array(64).fill(0xff), encode('oentxxxxxxxxxxxx')])
      expect(() => readSession(bytes)).toThrow(SessionFileError);
  });

  it('passes over a damaged entry and keeps the rest', () => {
    const good = sessionFile([{ title: 'Good', artist: 'A' }]);
    // An entry whose inner chunk claims more bytes than the entry holds.
    const broken = new Uint8Array([...encode('oent'), 0, 0, 0, 12, ...encode('adat'), 0, 0, 0, 99, 0, 0, 0, 0]);
    const bytes = new Uint8Array([...good, ...broken, ...sessionEntry({ title: 'After', artist: 'B' }, 3)]);
    expect(readSession(bytes)).toMatchObject({ truncated: false, tracks: [{ title: 'Good' }, { title: 'After' }] });
  });
});

describe('reading a now-playing text file', () => {
  it('reads "Artist - Title", a title alone, and the first non-empty line only', () => {
    expect(readNowPlayingFile(encode('Daft Punk - One More Time\n'))).toEqual({
      artist: 'Daft Punk',
      title: 'One More Time',
    });
    expect(readNowPlayingFile(encode('\n  Just a Title  \r\nignored'))).toEqual({ title: 'Just a Title', artist: '' });
    expect(readNowPlayingFile(encode('Jay-Z - Song - Remix'))).toEqual({ artist: 'Jay-Z', title: 'Song - Remix' });
    expect(readNowPlayingFile(encode('   \n'))).toBeNull();
  });

  it('reads UTF-8 with a byte-order mark and UTF-16 with its mark', () => {
    expect(readNowPlayingFile(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('Sigur Rós - Hoppípolla')]))).toEqual({
      artist: 'Sigur Rós',
      title: 'Hoppípolla',
    });
    const text = 'Björk - Jóga';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(le.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect(readNowPlayingFile(le)).toEqual({ artist: 'Björk', title: 'Jóga' });
  });
});
