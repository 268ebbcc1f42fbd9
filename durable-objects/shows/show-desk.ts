import type { ClientMessage, ServerMessage } from '../../wire/room.ts';
import {
  NO_SHOWS,
  type RoomShows,
  type ShowMediaAccess,
  type ShowMessageType,
  type ShowSettings,
} from '../../wire/shows.ts';
import type { RoomContext } from '../room-context.ts';
import type { Identity } from '../transport/identity.ts';

export type ShowMessage = Extract<ClientMessage, { type: ShowMessageType }>;

/** The Room's paid shows: every show write comes through here (state machine and billing in this folder). */
export class ShowDesk {
  private readonly room: RoomContext;

  constructor(room: RoomContext) {
    this.room = room;
  }

  async take(_who: Identity, message: ShowMessage): Promise<ServerMessage> {
    return {
      type: 'rejected',
      clientId: message.clientId,
      of: message.type,
      reason: 'SHOWS_OFF',
      message: 'Paid shows are not open yet',
    };
  }

  offerChanged(_settings: ShowSettings): void {}

  mediaAccess(_userId: string | null): ShowMediaAccess {
    return 'public';
  }

  view(_userId: string | null): RoomShows {
    return NO_SHOWS;
  }
}
