/**
 * Whether a track that started playing is a requested song. DJ software names the same song many ways
 * ("Levels (Radio Edit)", "levels - Extended Mix", "Titanium feat. Sia"), viewers type it another, so both
 * sides are reduced to a plain form first: accents and case dropped, featured artists and bracketed or
 * dashed remix/edit/version suffixes cut, punctuation to spaces, "&" read as "and".
 */
const VERSION_WORDS =
  'remix|edit|version|mix|remaster|remastered|live|radio|extended|original|dub|vip|rework|bootleg|' +
  'instrumental|acoustic|clean|explicit|mono|stereo|demo|cover|feat|ft|featuring';
/** "(Radio Edit)", "[Extended Mix]", "{feat. X}": a bracketed part naming a version or a guest. */
const BRACKETED_VERSION = new RegExp(`[([{][^)\\]}]*\\b(?:${VERSION_WORDS})\\b[^)\\]}]*[)\\]}]`, 'g');
/** " - Radio Edit", " – 2011 Remaster": a dashed tail naming a version. */
const DASHED_VERSION = new RegExp(`\\s[-–—]\\s[^-–—]*\\b(?:${VERSION_WORDS})\\b.*$`);
/** "feat. X", "ft X", "featuring X" outside brackets: everything after it is a guest. */
const FEATURING = /\b(?:feat|ft|featuring)\b\.?.*$/;
/** Between artists: "A, B", "A x B", "A vs. B", "A and B", "A with B". */
const ARTIST_SEPARATORS = /\s*(?:,|;|\/|\bx\b|\bvs\b\.?|\band\b|\bwith\b)\s*/;

function plain(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/&/g, ' and ');
}

function words(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export function normalizeTitle(title: string): string {
  return words(plain(title).replace(BRACKETED_VERSION, ' ').replace(DASHED_VERSION, ' ').replace(FEATURING, ' '));
}

/** The artists named, each normalized (featured guests dropped). */
export function normalizeArtists(artist: string): string[] {
  const main = plain(artist).replace(BRACKETED_VERSION, ' ').replace(FEATURING, ' ');
  return main
    .split(ARTIST_SEPARATORS)
    .map(words)
    .filter((name) => name.length > 0);
}

/**
 * The same song: the titles agree, and so do the artists where both name one (an artist in common is
 * enough: "Calvin Harris & Disciples" is "Calvin Harris"). A request with no artist matches on the title.
 */
export function sameSong(
  played: { title: string; artist: string },
  requested: { title: string; artist: string },
): boolean {
  const title = normalizeTitle(played.title);
  if (title === '' || title !== normalizeTitle(requested.title)) return false;
  const a = normalizeArtists(played.artist);
  const b = normalizeArtists(requested.artist);
  if (a.length === 0 || b.length === 0) return true;
  if (words(a.join(' ')) === words(b.join(' '))) return true;
  return a.some((name) => b.includes(name));
}

/** The first blocked word or artist found in any of the texts (whole words, case and accents ignored). */
export function blockedTerm(blocklist: readonly string[], texts: readonly string[]): string | undefined {
  const haystack = ` ${texts.map((t) => words(plain(t))).join(' ')} `;
  return blocklist.find((term) => {
    const needle = words(plain(term));
    return needle !== '' && haystack.includes(` ${needle} `);
  });
}
