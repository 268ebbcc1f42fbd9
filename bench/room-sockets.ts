// Lean room sockets for bench/room.ts: one Node process holds thousands of them, so frames are
// looked at as text (a prefix check, a regex for the bench markers), never parsed as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import WebSocket from 'ws';

export type Frame = (text: string, at: number) => void;

/** POSTs JSON to the stack and reads the JSON answer; anything but 2xx stops the bench. */
export function jsonPoster(origin: string) {
  return async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(origin + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

let guests = 0;

/**
 * A loopback address of its own for each signed-out bench viewer: the Room caps and counts
 * guests per network address, so a thousand guests from one address would be one capped client.
 * The whole 127/8 block is loopback on Linux; the header stands in for Cloudflare's.
 */
export function guestAddress(): string {
  guests += 1;
  return `127.${(guests >> 16) & 255}.${(guests >> 8) & 255}.${guests & 255 || 1}`;
}

/** One socket to a room through the Worker's upgrade route; resolves once the Room said welcome. */
export function joinRoom(origin: string, handle: string, onFrame: Frame, token?: string): Promise<RoomSocket> {
  return new Promise((resolve, reject) => {
    const address = token ? undefined : guestAddress();
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/rooms/${handle}/ws`, {
      headers: {
        Origin: origin,
        ...(token ? { Cookie: `encore_session=${token}` } : {}),
        ...(address ? { 'CF-Connecting-IP': address } : {}),
      },
      ...(address ? { localAddress: address } : {}),
      perMessageDeflate: false,
    });
    const socket = new RoomSocket(ws);
    let welcomed = false;
    ws.on('open', () => ws.send('{"type":"hello","version":1}'));
    ws.on('message', (data) => {
      const at = performance.now();
      const text = data.toString();
      if (!welcomed && text.startsWith('{"type":"welcome"')) {
        welcomed = true;
        resolve(socket);
        return;
      }
      onFrame(text, at);
    });
    ws.on('error', (error) => {
      if (welcomed) socket.errors += 1;
      else reject(error);
    });
    ws.on('close', () => {
      socket.open = false;
      if (!welcomed) reject(new Error('closed before welcome'));
    });
  });
}

export class RoomSocket {
  open = true;
  errors = 0;
  private readonly ws: WebSocket;

  constructor(ws: WebSocket) {
    this.ws = ws;
  }

  send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  close(): void {
    this.ws.close(1000, 'bench done');
  }
}

/** Opens `count` sockets, `parallel` at a time (each upgrade is a Worker request with a D1 read). */
export async function joinMany(
  count: number,
  parallel: number,
  join: (i: number) => Promise<RoomSocket>,
): Promise<RoomSocket[]> {
  const sockets: RoomSocket[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      sockets[i] = await join(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return sockets;
}

/** Milliseconds histogram (1 ms buckets up to 60 s): percentiles without keeping every sample. */
export class Latencies {
  private readonly buckets = new Uint32Array(60_001);
  count = 0;

  add(ms: number): void {
    this.buckets[Math.min(60_000, Math.max(0, Math.round(ms)))]! += 1;
    this.count += 1;
  }

  percentile(p: number): number {
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= rank) return ms;
    }
    return Infinity;
  }

  within(ms: number): number {
    let seen = 0;
    for (let i = 0; i <= ms; i++) seen += this.buckets[i]!;
    return this.count === 0 ? 0 : seen / this.count;
  }
}

/** CPU seconds used so far by this process and by wrangler's workerd processes (found by port). */
export function cpuSeconds(stateDir: string): { client: number; server: number } {
  const usage = process.cpuUsage();
  return { client: (usage.user + usage.system) / 1e6, server: serverCpu(stateDir) };
}

function serverCpu(stateDir: string): number {
  let ticks = 0;
  for (const p of serverProcesses(stateDir)) ticks += p.ticks;
  return ticks / 100;
}

/** CPU seconds of each workerd process of wrangler's tree (wrangler dev runs a proxy and the Worker). */
export function workerdCpu(stateDir: string): number[] {
  return serverProcesses(stateDir)
    .filter((p) => p.cmd.includes('workerd'))
    .map((p) => p.ticks / 100);
}

/**
 * wrangler's process tree for the stack whose state is in `stateDir` (it listens on a private port behind the
 * local edge).
 */
function serverProcesses(stateDir: string): { ticks: number; cmd: string }[] {
  const procs = new Map<number, { ppid: number; ticks: number; cmd: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      procs.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), cmd });
    } catch {
      // Gone meanwhile.
    }
  }
  const roots = [...procs]
    .filter(([, p]) => p.cmd.includes('wrangler') && p.cmd.includes(` --persist-to ${stateDir}`))
    .map(([pid]) => pid);
  const inTree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return [...inTree].sort((a, b) => a - b).map((pid) => procs.get(pid)!);
}
