import { z } from 'zod';

/**
 * Bidirectional controls: the embeddings and overrides (U+202A–U+202E), the isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). In a name, chat line or report they
 * reorder what comes after them, so `@evil\u202Egnp.exe` reads as another text in chat, in
 * reports and on the admin pages. They are removed rather than refused: right-to-left keyboards
 * insert the marks on their own, and a Hebrew or Arabic message still reads right without them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Every field a person writes that someone else will see (names, bios, chat, notes, reports,
 * titles, labels, moderation reasons) starts here, so none can forget the rule above. Checks
 * chained after it (trim, min, max) see the cleaned text: a name of controls only is empty.
 */
export function shownText() {
  return z.string().overwrite(withoutBidiControls);
}
