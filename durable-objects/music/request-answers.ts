import type { SongRequest } from '../../wire/music.ts';
import type { RejectReason, ServerMessage } from '../../wire/room.ts';

type Rejected = Extract<ServerMessage, { type: 'rejected' }>;

/** A refusal of one song-request write, with the wallet balance when it was a payment. */
export function rejecter(clientId: string, of: Rejected['of']) {
  return (reason: RejectReason, message: string, balance?: number): Rejected => ({
    type: 'rejected',
    clientId,
    of,
    reason,
    message,
    ...(balance === undefined ? {} : { balance }),
  });
}

/** A song-request write that landed: the request as it stands now. */
export function done(clientId: string, request: SongRequest | null, balance?: number): ServerMessage {
  return {
    type: 'request.result',
    clientId,
    status: 'accepted',
    request,
    ...(balance === undefined ? {} : { balance }),
  };
}
