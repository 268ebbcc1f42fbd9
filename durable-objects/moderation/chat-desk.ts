import type { ClientMessage, RejectReason, ServerMessage } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import { personOf } from '../transport/identity.ts';
import type { ChatHistory } from './chat-history.ts';
import type { ChatModeRules } from './chat-mode-rules.ts';
import { CHAT_RATE, chatMessage, chatPace, chatRef } from './chat-rules.ts';
import type { RoomModeration } from './room-moderation.ts';

type ChatSend = Extract<ClientMessage, { type: 'chat.send' }>;
type ChatAnswer = Extract<ServerMessage, { type: 'chat.result' | 'rejected' }>;

/** What posting a message checks and writes beyond the Room's context. */
export type ChatParts = { chat: ChatHistory; modes: ChatModeRules; moderation: RoomModeration };

/**
 * Posting a chat message: a resend gets its first answer and posts nothing; moderation, the chat
 * modes and the pace may refuse; what passes is logged, sent to the room and kept in the history.
 */
export class ChatDesk {
  private readonly room: RoomContext;
  private readonly parts: ChatParts;
  /** Per user, across their tabs; seeded from the socket's attachment after a wake-up. */
  private readonly chatTimes = new Map<string, number[]>();

  constructor(room: RoomContext, parts: ChatParts) {
    this.room = room;
    this.parts = parts;
  }

  /** The answer to a `chat.send` from `ws`, or none when the socket closed while it waited. */
  async send(ws: WebSocket, message: ChatSend): Promise<ChatAnswer | undefined> {
    const { chat, modes, moderation } = this.parts;
    const { sockets } = this.room;
    const clientId = message.clientId;
    const reject = (reason: RejectReason, text: string): ChatAnswer => ({
      type: 'rejected',
      clientId,
      of: 'chat.send',
      reason,
      message: text,
    });
    const accepted = (id: string): ChatAnswer => ({ type: 'chat.result', clientId, status: 'accepted', id });
    const me = sockets.of(ws);
    const userId = me.identity.userId;
    if (!userId) return reject('SIGN_IN_REQUIRED', 'Sign in to chat');
    const ref = chatRef(userId, clientId);
    // A resend (the reply was lost in a reconnect) gets the first answer and posts nothing.
    const earlier = chat.byRef(ref);
    if (earlier) return accepted(earlier.id);
    const now = this.room.now();
    const refusal =
      moderation.chatRefusal(userId, now) ??
      (await modes.refusal({ ...me.identity, userId }, message.text, now, {
        performerId: this.room.owner()?.performerId ?? '',
      }));
    if (refusal) return reject(refusal.reason, refusal.message);
    // While this waited for D1 (followers-only), a resend may have been posted, or the user banned.
    if (ws.readyState !== WebSocket.OPEN) return undefined;
    const posted = chat.byRef(ref);
    if (posted) return accepted(posted.id);
    const pace = chatPace(Math.max(...(this.chatTimes.get(userId) ?? me.chatTimes)), now);
    this.chatTimes.set(userId, [pace.due]);
    sockets.save(ws, { ...sockets.of(ws), chatTimes: [pace.due] });
    if (!pace.allowed)
      return reject('RATE_LIMITED', `Slow down: about one message a second (${CHAT_RATE.messages} at most in a burst)`);
    const said = chatMessage(personOf(sockets.of(ws).identity), message.text, now);
    const logged = this.room.outbox.publish({ kind: 'chat', message: said });
    if (logged) chat.add(said, logged.seq, ref);
    modes.posted(userId, now);
    return accepted(said.id);
  }
}
