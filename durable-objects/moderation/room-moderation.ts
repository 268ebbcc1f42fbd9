import type { ChatModes, ModerationAction, ModerationPanel, ViewerList } from '../../wire/moderation.ts';
import {
  type ClientMessage,
  CloseCode,
  type RejectReason,
  type RoomRole,
  type ServerMessage,
} from '../../wire/room.ts';
import { findUserByHandle } from '../../workers/accounts/users.ts';
import { database } from '../../workers/db/index.ts';
import type { RoomContext } from '../room-context.ts';
import { type Identity, personOf } from '../transport/identity.ts';
import { send } from '../transport/sockets.ts';
import type { ChatHistory } from './chat-history.ts';
import type { ChatModeRules } from './chat-mode-rules.ts';
import { type Actor, ModerationLog } from './moderation-log.ts';
import { type Member, RoomRoster } from './room-roster.ts';

export type ModerationOutcome = { ok: true } | { ok: false; reason: RejectReason; message: string };
type Request = Extract<ClientMessage, { type: 'mod.action' | 'mod.panel' | 'mod.viewers' }>;
type PersonAction = Extract<ModerationAction, { handle: string }>;

/** What moderation acts on beyond the Room's context: the chat, its modes, and the viewers' video. */
export type ModerationParts = {
  chat: ChatHistory;
  modes: ChatModeRules;
  /** Closes the user's video sessions in this room (media-viewers.ts). */
  endMedia: (userId: string) => Promise<unknown>;
  /** Ends the user's paid-show seat, reservation or request (a ban; shows/seat-bans.ts). */
  endShowSeat: (userId: string) => void;
};

const ok: ModerationOutcome = { ok: true };
const refuse = (reason: RejectReason, message: string): ModerationOutcome => ({ ok: false, reason, message });

/**
 * Moderation in a room: the performer appoints moderators; performer and moderators mute,
 * time out, ban and unban people, delete messages, clear the chat and set the chat modes.
 * Every action takes effect at once (room events, closed sockets, a `standing` to the person)
 * and is written to the room's moderation log. Moderators cannot act on the performer or on
 * each other; admins (through the Room's RPC) can do anything but silence the performer.
 */
export class RoomModeration {
  readonly roster: RoomRoster;
  readonly log: ModerationLog;
  private readonly room: RoomContext;
  private readonly parts: ModerationParts;

  constructor(room: RoomContext, parts: ModerationParts) {
    this.room = room;
    this.parts = parts;
    this.roster = new RoomRoster(room);
    this.log = new ModerationLog(room);
  }

  /** At the upgrade: undefined when the user is banned; a moderator joins as one. */
  admit(identity: Identity): Identity | undefined {
    if (!identity.userId) return identity;
    if (this.roster.standing(identity.userId, this.room.now())?.kind === 'banned') return undefined;
    if (identity.role === 'viewer' && this.roster.isModerator(identity.userId))
      return { ...identity, role: 'moderator' };
    return identity;
  }

  /** Mute and time-out refuse chat; a ban never gets this far (its sockets are closed). */
  chatRefusal(userId: string, now: number): { reason: RejectReason; message: string } | undefined {
    const standing = this.roster.standing(userId, now);
    if (!standing) return undefined;
    if (standing.kind === 'banned') return { reason: 'BANNED', message: 'You are banned from this room' };
    return {
      reason: 'MUTED',
      message: standing.until
        ? `You are timed out until ${new Date(standing.until).toISOString()}`
        : 'You are muted in this room',
    };
  }

  /** After the welcome: a muted viewer learns it before typing. */
  greet(ws: WebSocket): void {
    const who = this.room.sockets.of(ws).identity;
    const standing = who.userId ? this.roster.standing(who.userId, this.room.now()) : undefined;
    if (standing?.kind === 'muted')
      send(
        ws,
        JSON.stringify({
          type: 'standing',
          you: personOf(who),
          muted: { until: standing.until },
        } satisfies ServerMessage),
      );
  }

  /** Answers a performer's or moderator's request over the socket. */
  async request(who: Identity, message: Request): Promise<ServerMessage> {
    const actor = this.actorOf(who);
    const clientId = message.clientId;
    if (!actor)
      return {
        type: 'rejected',
        clientId,
        of: message.type,
        reason: 'FORBIDDEN',
        message: 'Only the performer and moderators can do that',
      };
    switch (message.type) {
      case 'mod.panel':
        return { type: 'mod.panel', clientId, panel: this.panel() };
      case 'mod.viewers':
        return { type: 'mod.viewers', clientId, viewers: this.viewers() };
      case 'mod.action': {
        const outcome = await this.act(actor, message.action);
        return outcome.ok
          ? { type: 'mod.result', clientId, status: 'accepted' }
          : { type: 'rejected', clientId, of: message.type, reason: outcome.reason, message: outcome.message };
      }
    }
  }

  actorOf(who: Identity): Actor | undefined {
    if (!who.userId) return undefined;
    if (who.role === 'performer') return { kind: 'room', userId: who.userId, handle: who.handle, role: 'performer' };
    if (this.roster.isModerator(who.userId))
      return { kind: 'room', userId: who.userId, handle: who.handle, role: 'moderator' };
    return undefined;
  }

  async act(actor: Actor, action: ModerationAction): Promise<ModerationOutcome> {
    const now = this.room.now();
    switch (action.kind) {
      case 'delete':
        return this.deleteMessage(actor, action.messageId);
      case 'clear':
        this.parts.chat.clear();
        this.room.outbox.publish({ kind: 'chat.cleared' });
        this.log.write(actor, 'clear', null, null, now);
        return ok;
      case 'modes': {
        const modes = this.parts.modes.setModes(action.modes);
        this.room.outbox.publish({ kind: 'modes', modes });
        this.log.write(actor, 'modes', null, describeModes(modes), now);
        return ok;
      }
      case 'words': {
        if (isModerator(actor)) return refuse('FORBIDDEN', 'Only the performer edits the word list');
        const words = this.parts.modes.setWords(action.words);
        this.log.write(actor, 'words', null, `${words.length} ${words.length === 1 ? 'word' : 'words'}`, now);
        return ok;
      }
      default:
        return this.actOnPerson(actor, action, now);
    }
  }

  panel(): ModerationPanel {
    const now = this.room.now();
    return {
      moderators: this.roster.moderators(),
      restrictions: this.roster.restrictions(now),
      words: this.parts.modes.words(),
      modes: this.parts.modes.modes(),
      log: this.log.recent(),
    };
  }

  /** Everyone in the room, each signed-in person once (whatever their tabs), guests counted. */
  viewers(): ViewerList {
    const people = new Map<string, ViewerList['people'][number]>();
    const guests = new Set<string>();
    for (const ws of this.room.sockets.open()) {
      const who = this.room.sockets.of(ws).identity;
      if (!who.userId || who.role === 'anonymous') guests.add(who.handle);
      else people.set(who.userId, { handle: who.handle, displayName: who.displayName, role: who.role });
    }
    const rank: Record<RoomRole, number> = { performer: 0, moderator: 1, viewer: 2, anonymous: 3 };
    const list = [...people.values()].sort(
      (a, b) => rank[a.role] - rank[b.role] || a.displayName.localeCompare(b.displayName),
    );
    return { people: list, anonymous: guests.size };
  }

  /** Closes every socket of a user; returns how many. */
  disconnect(userId: string, code: number, reason: string): number {
    const sockets = this.room.sockets.open(userId);
    for (const ws of sockets) {
      try {
        ws.close(code, reason);
      } catch {
        // Already closing.
      }
      this.room.sockets.markClosed(ws);
    }
    if (sockets.length > 0) this.room.outbox.presenceChanged();
    return sockets.length;
  }

  private deleteMessage(actor: Actor, messageId: string): ModerationOutcome {
    const found = this.parts.chat.find(messageId);
    if (!found) return refuse('INVALID', 'That message is no longer in the chat');
    const author = found.message.from.handle;
    if (
      isModerator(actor) &&
      author !== actor.handle &&
      (author === this.room.owner()?.handle || this.roster.moderatorByHandle(author))
    ) {
      return refuse('FORBIDDEN', 'Moderators cannot delete the performer’s or other moderators’ messages');
    }
    this.parts.chat.remove(messageId);
    this.room.outbox.publish({ kind: 'chat.deleted', id: messageId });
    this.log.write(actor, 'delete', author, found.message.text.slice(0, 200), this.room.now());
    return ok;
  }

  private async actOnPerson(actor: Actor, action: PersonAction, now: number): Promise<ModerationOutcome> {
    if (isModerator(actor) && (action.kind === 'appoint' || action.kind === 'dismiss'))
      return refuse('FORBIDDEN', 'Only the performer appoints and dismisses moderators');
    const target = await this.member(action.handle);
    if (!target) return refuse('INVALID', `No one goes by @${action.handle}`);
    if (target.userId === this.room.owner()?.performerId)
      return refuse('FORBIDDEN', 'The performer cannot be moderated in their own room');
    if (actor.kind === 'room' && actor.userId === target.userId)
      return refuse('FORBIDDEN', 'You cannot moderate yourself');
    if (isModerator(actor) && this.roster.isModerator(target.userId))
      return refuse('FORBIDDEN', 'Moderators cannot act on other moderators');
    const banned = this.roster.standing(target.userId, now)?.kind === 'banned';
    let detail: string | null = null;
    switch (action.kind) {
      case 'appoint':
        if (banned) return refuse('INVALID', `@${target.handle} is banned; unban them first`);
        this.roster.appoint(target, now);
        this.setRole(target.userId, 'moderator');
        break;
      case 'dismiss':
        this.roster.dismiss(target.userId);
        this.setRole(target.userId, 'viewer');
        break;
      case 'mute':
      case 'timeout': {
        if (banned) return refuse('INVALID', `@${target.handle} is banned; unban them first`);
        const until = action.kind === 'timeout' ? now + action.seconds * 1000 : null;
        this.roster.restrict(target, 'muted', until, now);
        this.tellStanding(target.userId, { until });
        if (action.kind === 'timeout') detail = `${action.seconds} s`;
        break;
      }
      case 'unmute':
        this.roster.lift(target.userId, 'muted');
        this.tellStanding(target.userId, null);
        break;
      case 'ban':
        this.roster.restrict(target, 'banned', null, now);
        if (this.roster.dismiss(target.userId)) detail = 'was a moderator';
        // The seat first, so their page hears why it ended before its socket closes.
        this.parts.endShowSeat(target.userId);
        this.disconnect(target.userId, CloseCode.BANNED, 'You are banned from this room');
        await this.parts.endMedia(target.userId);
        break;
      case 'unban':
        this.roster.lift(target.userId, 'banned');
        break;
    }
    this.log.write(actor, action.kind, target.handle, detail, now);
    return ok;
  }

  /** A handle to a user: someone in the room, someone the room knows, or an account in D1. */
  private async member(handle: string): Promise<Member | undefined> {
    for (const ws of this.room.sockets.open()) {
      const who = this.room.sockets.of(ws).identity;
      if (who.userId && who.handle === handle)
        return { userId: who.userId, handle: who.handle, displayName: who.displayName };
    }
    const known = this.roster.known(handle);
    if (known) return known;
    const user = await findUserByHandle(database(this.room.env), handle);
    return user ? { userId: user.id, handle: user.handle, displayName: user.displayName } : undefined;
  }

  /** Appointed or dismissed while in the room: their sockets (and their next messages) carry the new role. */
  private setRole(userId: string, role: 'viewer' | 'moderator'): void {
    for (const ws of this.room.sockets.open(userId)) {
      const me = this.room.sockets.of(ws);
      if (me.identity.role !== 'performer') this.room.sockets.save(ws, { ...me, identity: { ...me.identity, role } });
    }
    this.retell(userId);
  }

  /** Someone's standing as their sockets now carry it (role, fan-club badge, mute), told to their pages. */
  retell(userId: string): void {
    const standing = this.roster.standing(userId, this.room.now());
    this.tellStanding(userId, standing?.kind === 'muted' ? { until: standing.until } : null);
  }

  private tellStanding(userId: string, muted: { until: number | null } | null): void {
    for (const ws of this.room.sockets.open(userId)) {
      const who = this.room.sockets.of(ws).identity;
      send(ws, JSON.stringify({ type: 'standing', you: personOf(who), muted } satisfies ServerMessage));
    }
  }
}

function isModerator(actor: Actor): actor is Extract<Actor, { kind: 'room' }> {
  return actor.kind === 'room' && actor.role === 'moderator';
}

function describeModes(modes: ChatModes): string {
  const on = [
    modes.slowSeconds > 0 ? `slow ${modes.slowSeconds} s` : '',
    modes.followersOnly ? 'followers only' : '',
    modes.tippersOnly ? 'tippers only' : '',
    modes.fanClubOnly ? 'fan club only' : '',
  ].filter(Boolean);
  return on.length > 0 ? on.join(', ') : 'all off';
}
