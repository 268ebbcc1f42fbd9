/**
 * The chat word filter, as pure functions. Matching ignores case, accents, common digit and
 * symbol look-alikes, and spacing: "bad", "BAD", "b a d", "b.a.d" and "b4d" all hit a listed
 * "bad". A listed word must start and end on word boundaries of the message, so a listed "ass"
 * does not hit "class" or "grass" (whole words only; spacing inside the word is what is ignored).
 */
const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/**
 * Folds text into comparable pieces: lower case, no accents, look-alikes replaced, split on anything but
 * letters and digits.
 */
export function wordPieces(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let mapped = '';
  for (const ch of folded) mapped += LOOK_ALIKES[ch] ?? ch;
  return mapped.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export type WordFilter = { words: ReadonlySet<string>; longest: number };

/** Compiles lists of words (or short phrases) once; entries shorter than two letters are ignored. */
export function wordFilter(...lists: readonly (readonly string[])[]): WordFilter {
  const words = new Set<string>();
  for (const list of lists) {
    for (const entry of list) {
      const word = wordPieces(entry).join('');
      if (word.length >= 2) words.add(word);
    }
  }
  return { words, longest: Math.max(0, ...[...words].map((w) => w.length)) };
}

/** The listed word the text contains, if any: some run of consecutive pieces, joined, is a listed word. */
export function filteredWord(text: string, filter: WordFilter): string | undefined {
  if (filter.words.size === 0) return undefined;
  const pieces = wordPieces(text);
  for (let i = 0; i < pieces.length; i++) {
    let joined = '';
    for (let j = i; j < pieces.length; j++) {
      joined += pieces[j];
      if (joined.length > filter.longest) break;
      if (filter.words.has(joined)) return joined;
    }
  }
  return undefined;
}
