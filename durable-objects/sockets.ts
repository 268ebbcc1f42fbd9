import type { Identity } from './identity.ts';

/**
 * What the Room remembers about each socket, in its hibernation attachment (kept small: it is
 * serialized on every change and restored when the Room wakes up).
 */
export type Attachment = {
  identity: Identity;
  /** Said hello with a supported version: receives events from then on. */
  ready: boolean;
  /** When this user's next chat message is due (chat-rules.ts chatPace; older rooms kept recent times: the latest counts). */
  chatTimes: number[];
  /** Times of this socket's recent bad frames. */
  badFrames: number[];
};

/** The tag a socket carries per signed-in user, to find all of a user's sockets (tabs) at once. */
export function userTag(userId: string): string {
  return `user:${userId}`;
}

/**
 * Viewers, counted once per person: a signed-in user with three tabs is one viewer, each
 * anonymous socket is one, and the performer is not a viewer of their own room.
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

  constructor(ctx: DurableObjectState) {
    this.ctx = ctx;
  }

  accept(ws: WebSocket, attachment: Attachment): void {
    const tags = attachment.identity.userId ? [userTag(attachment.identity.userId)] : [];
    this.ctx.acceptWebSocket(ws, tags);
    this.save(ws, attachment);
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
    this.closed.add(ws);
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
