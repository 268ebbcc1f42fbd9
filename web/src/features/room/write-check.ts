import { CHAT_MAX_CHARS, MAX_FRAME_BYTES, TIP_MAX_TOKENS, TIP_NOTE_MAX_CHARS } from '../../../../wire/room.ts';

type Write = { type: string; clientId: string; text?: unknown; amount?: unknown; note?: unknown };

/**
 * Catches a write the Room would refuse as malformed before it is sent, without zod (25 KB gzipped,
 * too much for the room page's budget): a malformed frame gets an `error` with no client id, so the
 * write would wait for an answer that never comes. The Room parses every frame against the protocol
 * (wire/room.ts ClientMessage) and stays the authority; the forms check the same limits as the user types.
 */
export function writeLooksValid(write: Write): boolean {
  if (!/^[\w-]{8,64}$/.test(write.clientId)) return false;
  if (new TextEncoder().encode(JSON.stringify(write)).byteLength > MAX_FRAME_BYTES) return false;
  if (write.type === 'chat.send') {
    const text = typeof write.text === 'string' ? write.text.trim() : '';
    return text.length >= 1 && text.length <= CHAT_MAX_CHARS;
  }
  if (write.type === 'tip.send') {
    const { amount, note } = write;
    const noteOk = note === undefined || (typeof note === 'string' && note.trim().length <= TIP_NOTE_MAX_CHARS);
    return Number.isInteger(amount) && (amount as number) >= 1 && (amount as number) <= TIP_MAX_TOKENS && noteOk;
  }
  return true;
}
