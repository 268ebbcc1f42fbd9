import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { PROTOCOL_VERSION, type RoomEvent, type SequencedEvent, ServerMessage } from '../../wire/room.ts';
import { Browser, ORIGIN, signedUp } from '../client.ts';
import { fund } from '../money/fixtures.ts';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/**
 * A viewer's socket in a test: a real WebSocket through the Worker's upgrade route, every frame
 * checked against the protocol schema, and waits that name what they wait for.
 */
export class RoomSocket {
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly ws: WebSocket;
  private readonly listeners = new Set<() => void>();

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener('message', (e) => {
      this.received.push(ServerMessage.parse(JSON.parse(e.data as string)));
      for (const listener of this.listeners) listener();
    });
    this.closed = new Promise((resolve) =>
      ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
    );
  }

  /** Opens a socket to `handle`'s room as `browser` (anonymous when omitted); `headers` add to the upgrade. */
  static async open(
    handle: string,
    browser: Browser = new Browser(),
    headers: Record<string, string> = {},
  ): Promise<RoomSocket> {
    const response = await browser.fetch(`/rooms/${handle}/ws`, {
      headers: { ...headers, Upgrade: 'websocket', Origin: ORIGIN },
    });
    const ws = response.webSocket;
    if (!ws) throw new Error(`no upgrade: ${response.status} ${await response.text()}`);
    ws.accept();
    return new RoomSocket(ws);
  }

  /** Opens and says hello; returns the welcome. */
  static async join(
    handle: string,
    browser?: Browser,
    lastSeq?: number,
  ): Promise<{ socket: RoomSocket; welcome: Of<'welcome'> }> {
    const socket = await RoomSocket.open(handle, browser);
    const welcome = await socket.hello(lastSeq);
    return { socket, welcome };
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || message instanceof ArrayBuffer ? message : JSON.stringify(message));
  }

  close(): void {
    this.ws.close(1000, 'bye');
  }

  async hello(lastSeq?: number): Promise<Of<'welcome'>> {
    const from = this.received.length;
    this.send({ type: 'hello', version: PROTOCOL_VERSION, ...(lastSeq === undefined ? {} : { lastSeq }) });
    return this.next('welcome', () => true, from);
  }

  /** A ping the Room answers itself (the space keeps the runtime's auto-response out): the socket is still served. */
  async ping(): Promise<Of<'pong'>> {
    const from = this.received.length;
    this.send('{"type": "ping"}');
    return this.next('pong', () => true, from);
  }

  /** Says hello as today's page does (it keeps its state): `resumed`, or a welcome when the gap is gone. */
  async resume(lastSeq: number): Promise<Of<'resumed'> | Of<'welcome'>> {
    const from = this.received.length;
    this.send({ type: 'hello', version: PROTOCOL_VERSION, lastSeq, keepsState: true });
    const answer = (m: ServerMessage): m is Of<'resumed'> | Of<'welcome'> =>
      m.type === 'resumed' || m.type === 'welcome';
    return this.until(() => this.received.slice(from).find(answer), 'resumed or welcome', 5_000);
  }

  /** The first message of `type` (from index `from`) that matches. */
  next<T extends ServerMessage['type']>(
    type: T,
    match: (m: Of<T>) => boolean = () => true,
    from = 0,
    timeoutMs = 5_000,
  ): Promise<Of<T>> {
    return this.until(
      () => this.received.slice(from).find((m): m is Of<T> => m.type === type && match(m as Of<T>)),
      `${type} message`,
      timeoutMs,
    );
  }

  /** The first answer about `clientId` (from index `from`), whatever its type. */
  about(clientId: string, from = 0, timeoutMs = 5_000): Promise<ServerMessage> {
    return this.until(
      () => this.received.slice(from).find((m) => 'clientId' in m && m.clientId === clientId),
      `an answer about ${clientId}`,
      timeoutMs,
    );
  }

  /** Waits until `count` answers (messages other than `events` frames) arrived; returns them. */
  answers(count: number, timeoutMs = 5_000): Promise<ServerMessage[]> {
    const answers = () => this.received.filter((m) => m.type !== 'events');
    return this.until(() => (answers().length >= count ? answers() : undefined), `${count} answers`, timeoutMs);
  }

  /** Every event received in `events` frames, in arrival order. */
  events(): SequencedEvent[] {
    return this.received.flatMap((m) => (m.type === 'events' ? m.events : []));
  }

  eventsOf<K extends RoomEvent['kind']>(kind: K): Extract<RoomEvent, { kind: K }>[] {
    return this.events().flatMap(({ event }) =>
      event.kind === kind ? [event as Extract<RoomEvent, { kind: K }>] : [],
    );
  }

  /** Waits until `count` events of `kind` arrived. */
  waitForEvents<K extends RoomEvent['kind']>(
    kind: K,
    count = 1,
    timeoutMs = 5_000,
  ): Promise<Extract<RoomEvent, { kind: K }>[]> {
    return this.until(
      () => (this.eventsOf(kind).length >= count ? this.eventsOf(kind) : undefined),
      `${count} ${kind} events`,
      timeoutMs,
    );
  }

  private until<R>(check: () => R | undefined, what: string, timeoutMs: number): Promise<R> {
    return new Promise((resolve, reject) => {
      const listener = () => {
        const found = check();
        if (found === undefined) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.received).slice(0, 1500)}`));
      }, timeoutMs);
      this.listeners.add(listener);
      listener();
    });
  }
}

/** A fresh room: a performer (signed in) and their handle. */
export async function newRoom(): Promise<{ handle: string; performer: Browser; performerId: string }> {
  const { browser, account, user } = await signedUp({ role: 'performer' });
  return { handle: account.handle, performer: browser, performerId: user.id };
}

/** A fresh room whose show is on (tips are taken only while live): a verified performer who went live. */
export async function liveRoom(): Promise<{ handle: string; performer: Browser; performerId: string }> {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  const response = await room.performer.post('/api/studio/live', { title: 'Show' });
  if (response.status !== 200) throw new Error(`could not go live: ${response.status} ${await response.text()}`);
  return room;
}

/** A signed-in viewer, with `tokens` in their wallet. */
export async function newViewer(
  tokens = 0,
): Promise<{ browser: Browser; handle: string; displayName: string; userId: string }> {
  const { browser, account, user } = await signedUp();
  if (tokens > 0) await fund(user.id, tokens);
  return { browser, handle: account.handle, displayName: account.displayName, userId: user.id };
}

export const roomStub = (handle: string) => env.ROOM.getByName(handle);

/** Client ids are 8 to 64 word characters. */
export const clientId = () => `c_${crypto.randomUUID().replaceAll('-', '')}`;

/** Moves the Room's clock `ms` ahead (advanceClockForTests), past a rule that lasts a while: slow mode, a time-out. */
export async function later(handle: string, ms: number): Promise<void> {
  expect(await roomStub(handle).advanceClockForTests(ms)).toEqual({ ok: true, value: null });
}

/**
 * Waits until the Room holds nothing back: each socket's frames read (a ping it answers itself comes back),
 * every held tip committed and every queued event sent (drainForTests), and all of it arrived (a second
 * ping, answered after everything sent before it). Then what has not arrived is not coming.
 */
export async function drained(handle: string, ...sockets: RoomSocket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => socket.ping()));
  expect(await roomStub(handle).drainForTests()).toEqual({ ok: true, value: null });
  await Promise.all(sockets.map((socket) => socket.ping()));
}

export function expectNoError(socket: RoomSocket): void {
  expect(socket.received.filter((m) => m.type === 'error')).toEqual([]);
}
