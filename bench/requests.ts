// `npm run bench:requests`: 1,000 song requests (BENCH_REQUESTS) through real room sockets on a fresh local
// stack, each then bumped or not and given a random fate: accepted and played, rejected, withdrawn, or left to
// expire (the Room's clock is moved past the expiry by a local-only bench route, and its request job run).
// Prints the counts, the tokens that moved, and `ledger:check` on that database.
import { spawnSync } from 'node:child_process';
import WebSocket from 'ws';
import { startStack } from '../dev/stack.ts';
import { jsonPoster } from './room-sockets.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 50);
/** Requests in flight at once; the queue holds at most 100 waiting. */
const BATCH = 50;
const PRICE = 10;
const HANDLE = 'nova';
const FATES = ['played', 'rejected', 'withdrawn', 'expired'] as const;
type Fate = (typeof FATES)[number];

type Answer = { type: string; clientId?: string; request?: { id: string } | null; reason?: string };

/** One signed-in socket that sends writes and resolves each with its answer (by client id). */
class Writer {
  private readonly waiting = new Map<string, (answer: Answer) => void>();
  private next = 0;
  private readonly ws: WebSocket;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text.startsWith('{"type":"request.result"') && !text.startsWith('{"type":"rejected"')) return;
      const answer = JSON.parse(text) as Answer;
      const resolve = answer.clientId ? this.waiting.get(answer.clientId) : undefined;
      if (resolve) {
        this.waiting.delete(answer.clientId!);
        resolve(answer);
      }
    });
  }

  static open(origin: string, cookie: string): Promise<Writer> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/rooms/${HANDLE}/ws`, {
        headers: { Origin: origin, Cookie: cookie },
        perMessageDeflate: false,
      });
      const writer = new Writer(ws);
      ws.on('open', () => ws.send('{"type":"hello","version":1}'));
      ws.on('message', (data) => {
        if (data.toString().startsWith('{"type":"welcome"')) resolve(writer);
      });
      ws.on('error', reject);
    });
  }

  write(message: Record<string, unknown>): Promise<Answer> {
    const clientId = `bench_${process.pid}_${++this.next}`;
    return new Promise((resolve) => {
      this.waiting.set(clientId, resolve);
      this.ws.send(JSON.stringify({ ...message, clientId }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

const stack = await startStack();
const post = jsonPoster(stack.origin);
try {
  const json = { 'content-type': 'application/json', origin: stack.origin };
  const login = await fetch(`${stack.origin}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'performer@encore.local', password: 'encore-performer-demo' }),
  });
  const performerCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const studio = (path: string, method: string, body: unknown) =>
    fetch(`${stack.origin}${path}`, {
      method,
      headers: { ...json, cookie: performerCookie },
      body: JSON.stringify(body),
    });
  if (!(await studio('/api/studio/live', 'POST', { title: 'Request bench' })).ok) throw new Error('could not go live');
  const settings = {
    open: true,
    price: PRICE,
    bumpMinimum: null,
    maxQueue: 100,
    maxPerViewer: 20,
    blocklist: [],
    acceptFirst: true,
    order: 'most_tokens',
    expiryMinutes: 5,
  };
  if (!(await studio('/api/studio/requests', 'PUT', settings)).ok) throw new Error('could not open requests');
  const setup = await post<{ tippers: string[] }>('/dev/bench/setup', { tippers: VIEWERS, tokens: 1_000_000 });
  const { tokens } = await post<{ tokens: string[] }>('/dev/bench/sessions', { users: setup.tippers });
  const viewers = await Promise.all(tokens.map((t) => Writer.open(stack.origin, `encore_session=${t}`)));
  const performer = await Writer.open(stack.origin, performerCookie);
  console.log(`Encore song-request benchmark: ${REQUESTS} requests from ${VIEWERS} viewers, room @${HANDLE}`);

  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  let bumps = 0;
  const started = performance.now();
  for (let done = 0; done < REQUESTS; done += BATCH) {
    const size = Math.min(BATCH, REQUESTS - done);
    await Promise.all(
      Array.from({ length: size }, async (_, i) => {
        const viewer = viewers[(done + i) % viewers.length]!;
        const made = await viewer.write({ type: 'request.send', title: `Song ${done + i}`, artist: 'Bench' });
        if (made.type !== 'request.result' || !made.request) return count(`refused: ${made.reason}`);
        count('requested');
        const id = made.request.id;
        if (Math.random() < 0.3) {
          const bumped = await viewer.write({ type: 'request.bump', requestId: id, amount: 1 + (i % 20) });
          if (bumped.type === 'request.result') bumps++;
        }
        const fate: Fate = FATES[Math.floor(Math.random() * FATES.length)]!;
        const answers: Answer[] = [];
        if (fate === 'played') {
          answers.push(await performer.write({ type: 'request.manage', requestId: id, action: 'accept' }));
          answers.push(await performer.write({ type: 'request.manage', requestId: id, action: 'played' }));
        } else if (fate === 'rejected') {
          answers.push(await performer.write({ type: 'request.manage', requestId: id, action: 'reject' }));
        } else if (fate === 'withdrawn') {
          answers.push(await viewer.write({ type: 'request.withdraw', requestId: id }));
        }
        count(answers.every((a) => a.type === 'request.result') ? fate : `${fate} refused`);
      }),
    );
    // Past the expiry (and every undo minute): waiting requests expire, played ones are released.
    await post('/dev/bench/room-requests-due', { handle: HANDLE, ms: 6 * 60_000 });
  }
  // Once more, past the sweep that settles each finished request again.
  await post('/dev/bench/room-requests-due', { handle: HANDLE, ms: 10 * 60_000 });
  const seconds = (performance.now() - started) / 1000;
  for (const v of viewers) v.close();
  performer.close();

  for (const [key, n] of [...counts].sort()) console.log(`${key.padEnd(40)} ${String(n).padStart(6)}`);
  console.log(`${'bumps'.padEnd(40)} ${String(bumps).padStart(6)}`);
  console.log(`${'seconds (requests, fates and settlements)'.padEnd(40)} ${seconds.toFixed(1).padStart(6)}`);
  // ledger:check gives a settlement 10 minutes before a held token counts as stuck: ask for the holds now too.
  const holds = spawnSync(
    'npx',
    [
      'wrangler',
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      stack.stateDir,
      '--json',
      '--command',
      'select count(*) as holds, coalesce(sum(balance), 0) as held from account_balances where account like ' +
        "'hold:request:%' and balance <> 0",
    ],
    { encoding: 'utf8' },
  );
  const [row] = (JSON.parse(holds.stdout) as { results: { holds: number; held: number }[] }[])[0]?.results ?? [];
  console.log(`${'request holds not empty now (must be 0)'.padEnd(40)} ${String(row?.holds).padStart(6)}`);
  if (row?.holds !== 0) process.exitCode = 1;
  const check = spawnSync(process.execPath, ['dev/ledger-check.ts'], {
    env: { ...process.env, ENCORE_STATE_DIR: stack.stateDir },
    encoding: 'utf8',
  });
  console.log(`\nledger:check after the run:\n${check.stdout}${check.stderr}`);
  if (check.status !== 0) process.exitCode = 1;
} finally {
  await stack.stop();
}
