import type { ClientMessage } from '../../../../../wire/room.ts';
import type { ShowMessageType } from '../../../../../wire/shows.ts';
import { REASON_WORDS } from '../reasons.ts';
import type { Answer, RoomConnection } from '../room-connection.ts';

/** Every paid-show write a page sends (wire/shows.ts): answered `show.result` or `rejected`, once. */
export type ShowWrite = Extract<ClientMessage, { type: ShowMessageType }>;
type Fields<T extends ShowWrite['type']> = Omit<Extract<ShowWrite, { type: T }>, 'type' | 'clientId'>;

export type ShowOutcome = { ok: true } | { ok: false; message: string };

/** Sends one show write and says how it went, in words for the page (the Room's own message for INVALID). */
export async function showWrite<T extends ShowWrite['type']>(
  room: RoomConnection,
  type: T,
  fields: Fields<T>,
): Promise<ShowOutcome> {
  const answer: Answer = await room.ask({ type, clientId: crypto.randomUUID(), ...fields } as unknown as ShowWrite);
  if (answer.type === 'show.result') return { ok: true };
  if (answer.type === 'rejected')
    return {
      ok: false,
      message:
        answer.reason === 'INVALID' || answer.reason === 'TRY_AGAIN' ? answer.message : REASON_WORDS[answer.reason],
    };
  return { ok: false, message: 'The room answered something unexpected; try again.' };
}
