// The `ws` package (a dependency of wrangler, already installed) as bench/room.ts and dev/devices/ use it;
// it ships no types.
declare module 'ws' {
  export default class WebSocket {
    static readonly OPEN: 1;
    constructor(
      url: string,
      options?: { headers?: Record<string, string>; perMessageDeflate?: boolean; localAddress?: string },
    );
    readonly readyState: number;
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
  }
  /** The server side, as the device simulator (dev/devices/) uses it: upgrades handed over by its HTTP server. */
  export class WebSocketServer {
    constructor(options: { noServer: true });
    handleUpgrade(
      request: import('node:http').IncomingMessage,
      socket: import('node:stream').Duplex,
      head: Buffer,
      callback: (socket: WebSocket) => void,
    ): void;
    close(): void;
  }
}
