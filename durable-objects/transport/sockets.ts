import { CloseCode, type ServerMessage } from '../../wire/room.ts';
import type { Identity } from './identity.ts';

/**
 * Sockets one client may hold in one room. An account's tabs: a new tab closes the oldest, which
 * is the one its owner is least likely to be looking at. Guests from one network address: shared
 * by a household or a carrier's NAT, so the cap is generous and the newcomer is the one turned
 * away (closing another person's tab would be worse); signing in lifts it.
 */
export const SOCKET_CAP = { account: 5, guestNetwork: 20 } as const;
export const TOO_MANY_TABS =
  'This room is open in too many of your tabs, so this one was closed; reload it to watch here';
export const TOO_MANY_GUESTS = 'Too many guests from your network are in this room; sign in to watch';

/**
 * What the Room remembers about each socket, in its hibernation attachment (kept small: it is
 * serialized on every change and restored when the Room wakes up).
 */
export type Attachment = {
  identity: Identity;
  /** Said hello with a supported version: receives events from then on. */
  ready: boolean;
  /**
   * When this user's next chat message is due (chat-rules.ts chatPace; older rooms kept recent times: the
   * latest counts).
   */
  chatTimes: number[];
  /** Times of this socket's recent bad frames. */
  badFrames: number[];
  /** When the Room accepted the socket: past the cap, an account's oldest socket gives way. */
  openedAt?: number;
  /** The performer's studio on this socket drives the device (devices/device-queue.ts). */
  device?: boolean;
};

/** The tag a socket carries per signed-in user, to find all of a user's sockets (tabs) at once. */
export function userTag(userId: string): string {
  return `user:${userId}`;
}

/** The tag every socket of one client carries: a guest's name stands for their network (identity.ts). */
function clientTag(identity: Identity): string {
  return identity.userId ? userTag(identity.userId) : `guest:${identity.handle}`;
}

/**
 * Viewers, counted once per client: a signed-in user with three tabs is one viewer, guests from
 * one network are one (their name is per network), and the performer is not a viewer of their
 * own room. So no client can inflate the count that ranks the directory by opening sockets.
 */
export function countViewers(identities: Iterable<Identity>): number {
  const seen = new Set<string>();
  for (const who of identities) {
    if (who.role === 'performer') continue;
    seen.add(who.userId ?? `anonymous:${who.handle}`);
  }
  return seen.size;
}

/** The Room's view of its sockets. The attachment cache is only a cache: it is rebuilt on wake-up. */
export class Sockets {
  private readonly ctx: DurableObjectState;
  private readonly cache = new WeakMap<WebSocket, Attachment>();
  /** Sockets whose close the Room has seen but the runtime may still list. */
  private readonly closed = new WeakSet<WebSocket>();
  private lastOpened = 0;

  /** Told when a socket is accepted or seen closed (the Room watches its performer's). */
  private readonly moved: (identity: Identity, open: boolean) => void;

  constructor(ctx: DurableObjectState, moved: (identity: Identity, open: boolean) => void = () => {}) {
    this.ctx = ctx;
    this.moved = moved;
  }

  accept(ws: WebSocket, attachment: Attachment): void {
    this.ctx.acceptWebSocket(ws, [clientTag(attachment.identity)]);
    // Strictly increasing: upgrades handled in the same millisecond still have an order.
    this.lastOpened = Math.max(Date.now(), this.lastOpened + 1);
    this.save(ws, { ...attachment, openedAt: this.lastOpened });
    this.moved(attachment.identity, true);
  }

  /**
   * Holds the new socket's client to its cap (SOCKET_CAP) and closes what is over it with a code
   * and reason the page can show; returns how many closed. Upgrades run one at a time in the
   * Room (nothing awaits between accept and this), so a burst of sockets opened together is
   * counted exactly.
   */
  closeOverCap(ws: WebSocket): number {
    const who = this.of(ws).identity;
    const mine = this.ctx
      .getWebSockets(clientTag(who))
      .filter((s) => s.readyState === WebSocket.OPEN && !this.closed.has(s));
    const cap = who.userId ? SOCKET_CAP.account : SOCKET_CAP.guestNetwork;
    if (mine.length <= cap) return 0;
    const oldestFirst = mine.sort((a, b) => (this.of(a).openedAt ?? 0) - (this.of(b).openedAt ?? 0));
    const over = who.userId ? oldestFirst.filter((s) => s !== ws).slice(0, mine.length - cap) : [ws];
    for (const s of over) {
      try {
        s.close(CloseCode.TOO_MANY_CONNECTIONS, who.userId ? TOO_MANY_TABS : TOO_MANY_GUESTS);
      } catch {
        // Already closing.
      }
      this.markClosed(s);
    }
    return over.length;
  }

  of(ws: WebSocket): Attachment {
    let attachment = this.cache.get(ws);
    if (!attachment) {
      attachment = ws.deserializeAttachment() as Attachment;
      this.cache.set(ws, attachment);
    }
    return attachment;
  }

  save(ws: WebSocket, attachment: Attachment): void {
    ws.serializeAttachment(attachment);
    this.cache.set(ws, attachment);
  }

  markClosed(ws: WebSocket): void {
    if (this.closed.has(ws)) return;
    this.closed.add(ws);
    this.moved(this.of(ws).identity, false);
  }

  isClosed(ws: WebSocket): boolean {
    return this.closed.has(ws);
  }

  /** Open sockets, optionally only a user's. */
  open(userId?: string): WebSocket[] {
    const all = this.ctx.getWebSockets(userId ? userTag(userId) : undefined);
    return all.filter((ws) => ws.readyState === WebSocket.OPEN && !this.closed.has(ws));
  }

  viewers(): number {
    return countViewers(this.open().map((ws) => this.of(ws).identity));
  }

  /** A user's answer goes to all of their sockets: the one that asked may have been replaced. */
  tell(userId: string, message: ServerMessage): void {
    const frame = JSON.stringify(message);
    for (const ws of this.open(userId)) send(ws, frame);
  }
}

/** Sends without throwing: a socket can close between listing and sending. False when it is gone. */
export function send(ws: WebSocket, frame: string): boolean {
  try {
    ws.send(frame);
    return true;
  } catch {
    // Gone; its close handler updates presence.
    return false;
  }
}
