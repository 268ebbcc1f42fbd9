import type { ClientMessage, RejectReason, ServerMessage } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import { type Identity, personOf } from '../transport/identity.ts';
import type { ChatHistory } from './chat-history.ts';
import type { ChatModeRules } from './chat-mode-rules.ts';
import { CHAT_RATE, chatMessage, chatPace, chatRef } from './chat-rules.ts';
import type { RoomModeration } from './room-moderation.ts';

type ChatSend = Extract<ClientMessage, { type: 'chat.send' }>;
type ChatAnswer = Extract<ServerMessage, { type: 'chat.result' | 'rejected' }>;
/** A message posted (its id) or refused (why). */
export type ChatPosting = { ok: true; id: string } | { ok: false; reason: RejectReason; message: string };

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
    const clientId = message.clientId;
    const posted = await this.post(this.room.sockets.of(ws).identity, clientId, message.text, ws);
    if (!posted) return undefined;
    return posted.ok
      ? { type: 'chat.result', clientId, status: 'accepted', id: posted.id }
      : { type: 'rejected', clientId, of: 'chat.send', reason: posted.reason, message: posted.message };
  }

  /**
   * Posts as `who`, from `ws` (a room socket) or from no socket at all (the performer's connected app, through
   * the Room's RPC): the same checks either way. Undefined when the socket closed while it waited.
   */
  async post(who: Identity, clientId: string, text: string, ws?: WebSocket): Promise<ChatPosting | undefined> {
    const { chat, modes, moderation } = this.parts;
    const { sockets } = this.room;
    const reject = (reason: RejectReason, message: string): ChatPosting => ({ ok: false, reason, message });
    const accepted = (id: string): ChatPosting => ({ ok: true, id });
    const userId = who.userId;
    if (!userId) return reject('SIGN_IN_REQUIRED', 'Sign in to chat');
    const ref = chatRef(userId, clientId);
    // A resend (the reply was lost in a reconnect) gets the first answer and posts nothing.
    const earlier = chat.byRef(ref);
    if (earlier) return accepted(earlier.id);
    const now = this.room.now();
    const refusal =
      moderation.chatRefusal(userId, now) ??
      (await modes.refusal({ ...who, userId }, text, now, {
        performerId: this.room.owner()?.performerId ?? '',
      }));
    if (refusal) return reject(refusal.reason, refusal.message);
    // While this waited for D1 (followers-only), a resend may have been posted, or the user banned.
    if (ws && ws.readyState !== WebSocket.OPEN) return undefined;
    const posted = chat.byRef(ref);
    if (posted) return accepted(posted.id);
    const pace = chatPace(Math.max(...(this.chatTimes.get(userId) ?? (ws ? sockets.of(ws).chatTimes : []))), now);
    this.chatTimes.set(userId, [pace.due]);
    if (ws) sockets.save(ws, { ...sockets.of(ws), chatTimes: [pace.due] });
    if (!pace.allowed)
      return reject('RATE_LIMITED', `Slow down: about one message a second (${CHAT_RATE.messages} at most in a burst)`);
    const said = chatMessage(personOf(ws ? sockets.of(ws).identity : who), text, now);
    const logged = this.room.outbox.publish({ kind: 'chat', message: said });
    if (logged) chat.add(said, logged.seq, ref);
    modes.posted(userId, now);
    return accepted(said.id);
  }
}
