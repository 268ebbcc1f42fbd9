import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGE_TYPES, ClientMessage, CloseCode, FrameError, MAX_FRAME_BYTES } from '../../wire/room.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

/**
 * Arbitrary frames from a signed-in viewer with tokens, while others watch: what frames.test.ts
 * covers for an anonymous socket, here with money and chat on the line and several sockets open.
 * Every frame generated is one the protocol refuses (a frame that happens to be valid is dropped
 * by the generator), so the room must answer each with an error and change nothing at all.
 */

/** Each message type's fields, with values of every JSON kind (and some near-valid ones). */
const FIELDS = [
  'version',
  'lastSeq',
  'clientId',
  'text',
  'amount',
  'note',
  'private',
  'anonymous',
  'menuItemId',
  'action',
  'target',
  'messageId',
  'reason',
] as const;
const value = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[\w-]{8,64}$/),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(
    null,
    1,
    -1,
    0,
    1e12,
    '',
    ' ',
    'client-0001',
    { kind: 'ban', handle: 'someone' },
    { kind: 'clear' },
    'room',
    'spam',
  ),
);
const message = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(...CLIENT_MESSAGE_TYPES),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('pong', 'events', 'welcome', 'TIP.SEND'),
    ),
    ...Object.fromEntries(FIELDS.map((f) => [f, value])),
  },
  { requiredKeys: [] },
);
/** A known type with one field far too long: more than 8 KB, refused before it is read. */
const oversized = fc
  .tuple(
    fc.constantFrom(...CLIENT_MESSAGE_TYPES),
    fc.constantFrom('text', 'note', 'clientId', 'messageId'),
    fc.integer({ min: MAX_FRAME_BYTES + 1, max: 3 * MAX_FRAME_BYTES }),
    fc.constantFrom('x', 'é', '🎉'),
  )
  .map(([type, field, length, char]) =>
    JSON.stringify({ type, clientId: 'client-0001', amount: 5, [field]: char.repeat(Math.ceil(length / char.length)) }),
  );
const binary = fc
  .oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc
      .string()
      .map((s) =>
        new TextEncoder().encode(JSON.stringify({ type: 'chat.send', clientId: 'client-0001', text: s || 'hi' })),
      ),
  )
  .map((bytes) => bytes.slice().buffer);
const frame = fc
  .oneof(
    { arbitrary: message.map((m) => JSON.stringify(m)), weight: 6 },
    { arbitrary: fc.json(), weight: 1 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: binary, weight: 1 },
  )
  .filter((f) => !isValid(f));

function isValid(frame: string | ArrayBuffer): boolean {
  if (typeof frame !== 'string') return false;
  try {
    return (
      new TextEncoder().encode(frame).byteLength <= MAX_FRAME_BYTES &&
      ClientMessage.safeParse(JSON.parse(frame)).success
    );
  } catch {
    return false;
  }
}

describe('arbitrary frames against a room with money and chat in it', () => {
  it('no crash, no change, the socket stays usable and the others see nothing', { timeout: 120_000 }, async () => {
    const { handle, performer, performerId } = await liveRoom();
    const fan = await newViewer(1_000);
    const bystander = await newViewer(500);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket: other } = await RoomSocket.join(handle, bystander.browser);
    const { socket: watcher } = await RoomSocket.join(handle);
    // Some history to keep: a chat and a tip.
    const said = clientId();
    other.send({ type: 'chat.send', clientId: said, text: 'before the storm' });
    await other.next('chat.result', (m) => m.clientId === said);
    const tipped = clientId();
    other.send({ type: 'tip.send', clientId: tipped, amount: 20 });
    await other.next('tip.result', (m) => m.clientId === tipped);
    await drained(handle, stage, other, watcher);
    const before = await state();
    const seen = { stage: stage.events().length, other: other.events().length, watcher: watcher.events().length };

    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        // A fresh tab each run: the abuse rule (10 bad frames in 10 s) is per socket.
        const socket = await RoomSocket.open(handle, fan.browser);
        await socket.hello();
        for (const f of frames) socket.send(f);
        // A ping the Room answers itself (the spacing keeps the runtime's auto-response out), after the rest.
        socket.send('{"type": "ping"}');
        const answers = await socket.answers(frames.length + 2);
        // One error per frame, each with a code from the closed set and no server insides, then the pong.
        const errors = answers.slice(1, -1);
        expect(errors.map((m) => m.type)).toEqual(frames.map(() => 'error'));
        for (const m of errors) if (m.type === 'error') expect(FrameError.options).toContain(m.code);
        expect(JSON.stringify(errors)).not.toMatch(/\.ts:\d|at \w+ \(|Error:/);
        expect(answers.at(-1)?.type).toBe('pong');
        socket.close();
      }),
      { numRuns: 60 },
    );
    await drained(handle, stage, other, watcher);

    // Nothing changed: balances, tips, chat history, reports; the others saw no event (only the
    // viewer count moving as each run's tab came and went) and no error.
    expect(await state()).toEqual(before);
    expect(
      stage
        .events()
        .slice(seen.stage)
        .filter((e) => e.event.kind !== 'presence'),
    ).toEqual([]);
    expect(
      other
        .events()
        .slice(seen.other)
        .filter((e) => e.event.kind !== 'presence'),
    ).toEqual([]);
    expect(
      watcher
        .events()
        .slice(seen.watcher)
        .filter((e) => e.event.kind !== 'presence'),
    ).toEqual([]);
    for (const s of [stage, other, watcher]) expect(s.received.filter((m) => m.type === 'error')).toEqual([]);

    // Still one working room: the fan chats and tips once each, and everyone sees exactly that.
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const chat = clientId();
    socket.send({ type: 'chat.send', clientId: chat, text: 'all good' });
    await socket.next('chat.result', (m) => m.clientId === chat);
    const tip = clientId();
    socket.send({ type: 'tip.send', clientId: tip, amount: 7 });
    expect(await socket.next('tip.result', (m) => m.clientId === tip)).toMatchObject({ balance: 993 });
    for (const s of [stage, other, watcher]) {
      await s.waitForEvents('tip', 2);
      expect(
        s
          .eventsOf('chat')
          .map((c) => c.message.text)
          .at(-1),
      ).toBe('all good');
    }

    async function state() {
      const { socket: peek, welcome } = await RoomSocket.join(handle);
      peek.close();
      return {
        chat: welcome.snapshot.chat.map((m) => m.id),
        leaderboard: welcome.snapshot.leaderboard,
        fan: await walletOf(fan.userId),
        bystander: await walletOf(bystander.userId),
        performer: await earningsBalance(performerId),
        tips: await count("select count(*) as n from ledger_transactions where kind = 'tip'"),
        reports: await count('select count(*) as n from reports'),
      };
    }
  });

  it('repeated abuse closes only that socket: the same viewer in another tab, and the others, carry on', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(100);
    const { socket: abuser } = await RoomSocket.join(handle, fan.browser);
    const { socket: sameFanOtherTab } = await RoomSocket.join(handle, fan.browser);
    const { socket: watcher } = await RoomSocket.join(handle);
    const bad = fc.sample(frame, { numRuns: 10, seed: 42 });
    for (const f of bad) abuser.send(f);
    expect(await abuser.closed).toMatchObject({ code: CloseCode.ABUSE });
    expect(
      abuser.received
        .filter((m) => m.type === 'error')
        .map((m) => m.type === 'error' && m.code)
        .at(-1),
    ).toBe('ABUSE');

    const id = clientId();
    sameFanOtherTab.send({ type: 'tip.send', clientId: id, amount: 3 });
    expect(await sameFanOtherTab.next('tip.result', (m) => m.clientId === id)).toMatchObject({ balance: 97 });
    await watcher.waitForEvents('tip');
    expect(watcher.received.filter((m) => m.type === 'error')).toEqual([]);
    expect(sameFanOtherTab.received.filter((m) => m.type === 'error')).toEqual([]);
  });
});
