import type { ClientMessage, ServerMessage } from '../../../../wire/room.ts';

/**
 * A WebSocket the room tests drive by hand: nothing happens until the test opens it, sends it a
 * frame or drops it, so no test waits on a clock or a network.
 */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** Every socket the page opened, oldest first. */
  static made: FakeSocket[] = [];

  readonly url: string;
  readyState = FakeSocket.CONNECTING;
  /** What the page sent, parsed. */
  readonly sent: ClientMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  private readonly openListeners: (() => void)[] = [];

  constructor(url: string) {
    this.url = url;
    FakeSocket.made.push(this);
  }

  static latest(): FakeSocket {
    const socket = FakeSocket.made.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  addEventListener(type: string, listener: () => void): void {
    if (type === 'open') this.openListeners.push(listener);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(): void {
    this.readyState = FakeSocket.CLOSED;
  }

  /** The server accepted the connection. */
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
    for (const listener of this.openListeners) listener();
  }

  /** A frame from the Room. */
  receive(message: ServerMessage | string): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  /** The connection ended (1006: dropped without a close frame). */
  drop(code = 1006, reason = ''): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
}
