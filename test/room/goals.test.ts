import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { Alarms } from '../../durable-objects/alarms.ts';
import { Goals } from '../../durable-objects/goals/goals.ts';
import type { Room } from '../../durable-objects/room.ts';
import type { GoalResponse } from '../../wire/goals.ts';
import type { RoomEvent } from '../../wire/room.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { goalHold, goalRefundDraft, heldTips, settleGoal, settlementKey } from '../../workers/money/goal-escrow.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { Browser, errorOf } from '../client.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
import { clientId, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

const putGoal = (browser: Browser, body: unknown) => browser.fetch('/api/studio/goal', { method: 'PUT', json: body });
const goalOf = async (response: Response) => ((await response.json()) as GoalResponse).goal;
const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000).toISOString();
const settlements = (kind: 'tip' | 'goal_refund', goalId: string) =>
  count(
    `select count(*) as n from ledger_transactions where kind = ? and reference = ? and idempotency_key like 'goal:%'`,
    kind,
    goalId,
  );

async function tip(socket: RoomSocket, amount: number): Promise<void> {
  const id = clientId();
  socket.send({ type: 'tip.send', clientId: id, amount });
  await socket.next('tip.result', (m) => m.clientId === id);
}

/** As if the deadline had passed: the goal's deadline and its alarm job move into the past. */
async function passDeadline(handle: string): Promise<void> {
  await runInDurableObject(roomStub(handle), (_room: Room, state) => {
    const past = Date.now() - 1;
    state.storage.sql.exec("update goals set deadline = ? where status = 'open' and escrow = 1", past);
    state.storage.sql.exec(
      "insert into alarms (job, due) values ('goals', ?) on conflict (job) do update set due = excluded.due",
      past,
    );
  });
}

/**
 * As if a settlement had stopped before it could record that it finished: it is owed again, and the alarm
 * runs again.
 */
async function owedAgain(handle: string): Promise<void> {
  await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
    state.storage.sql.exec("update goals set unsettled = 1 where escrow = 1 and status <> 'open'");
    state.storage.sql.exec(
      "insert into alarms (job, due) values ('goals', ?) on conflict (job) do update set due = excluded.due",
      Date.now() - 1,
    );
    await state.storage.setAlarm(Date.now() + 60_000);
  });
  await runDurableObjectAlarm(roomStub(handle));
}

describe('simple goal', () => {
  it('moves with every committed tip, celebrates once when reached, and is in the snapshot', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const goal = await goalOf(await putGoal(performer, { title: 'New guitar strings', target: 100 }));
    expect(goal).toMatchObject({
      title: 'New guitar strings',
      target: 100,
      progress: 0,
      escrow: false,
      deadline: null,
      status: 'open',
    });
    const { socket: watcher } = await RoomSocket.join(handle);
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 60);
    await watcher.next('events', (m) => m.events.some((e) => e.event.kind === 'goal' && e.event.goal?.progress === 60));
    await tip(socket, 50);
    const [celebration] = await watcher.waitForEvents('goal.reached');
    expect(celebration?.goal).toMatchObject({ id: goal!.id, progress: 110, status: 'reached' });
    await tip(socket, 10);
    expect((await RoomSocket.join(handle)).welcome.snapshot.goal).toMatchObject({
      id: goal!.id,
      progress: 110,
      status: 'reached',
    });
    expect(watcher.eventsOf('goal.reached')).toHaveLength(1);
    // A simple goal holds nothing back: the performer earned each tip as it came.
    expect(await earningsBalance(performerId)).toBe(42 + 35 + 7);
  });

  it('moves once per committed batch, and counts a retried tip once', async () => {
    const { handle } = await liveRoom();
    await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
      const events: RoomEvent[] = [];
      const goals = new Goals({
        sql: state.storage.sql,
        db: env.DB,
        env,
        owner: () => undefined,
        alarms: new Alarms(state.storage),
        now: () => Date.now(),
        outbox: { publish: (event) => void events.push(event) },
      });
      await goals.set({ title: 'Batch', target: 1_000, escrow: false, deadline: null });
      const from = { handle: 'fan', displayName: 'Fan', role: 'viewer' as const };
      const batch = Array.from({ length: 5 }, (_, i) => ({
        id: `tip-${i}`,
        intent: { from, amount: 10, note: null, private: false, anonymous: false },
      }));
      events.length = 0;
      goals.record(batch);
      expect(events).toEqual([{ kind: 'goal', goal: expect.objectContaining({ progress: 50 }) }]);
      // The same tips again (a retried commit answers with the first results): nothing moves.
      goals.record(batch);
      expect(events).toHaveLength(1);
      expect(goals.current()?.progress).toBe(50);
    });
  });

  it('ends when the performer ends it, and the room is told', async () => {
    const { handle, performer } = await liveRoom();
    await putGoal(performer, { title: 'Encore', target: 50 });
    const { socket } = await RoomSocket.join(handle);
    const ended = await performer.fetch('/api/studio/goal', { method: 'DELETE' });
    expect(await ended.json()).toEqual({ goal: null });
    await socket.next('events', (m) => m.events.some((e) => e.event.kind === 'goal' && e.event.goal === null));
    expect((await RoomSocket.join(handle)).welcome.snapshot.goal).toBeNull();
  });

  it('is set only by a performer for their own room, with a clear 400 for bad goals', async () => {
    const { handle, performer } = await liveRoom();
    const viewer = await newViewer();
    expect(await errorOf(await putGoal(viewer.browser, { title: 'Mine now', target: 10 }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await errorOf(await viewer.browser.fetch('/api/studio/goal', { method: 'DELETE' }))).toMatchObject({
      status: 403,
    });
    expect(await errorOf(await putGoal(new Browser(), { title: 'Nobody', target: 10 }))).toMatchObject({ status: 401 });
    const bad = [
      { title: '', target: 10 },
      { title: 'x'.repeat(81), target: 10 },
      { title: 'Zero', target: 0 },
      { title: 'No deadline', target: 10, escrow: true },
      { title: 'Simple with deadline', target: 10, deadline: inAnHour() },
      { title: 'Too soon', target: 10, escrow: true, deadline: new Date(Date.now() + 5_000).toISOString() },
      { title: 'Too late', target: 10, escrow: true, deadline: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      { title: 'Not a date', target: 10, escrow: true, deadline: 'tomorrow' },
    ];
    for (const body of bad)
      expect(await errorOf(await putGoal(performer, body))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await RoomSocket.join(handle)).welcome.snapshot.goal).toBeNull();
  });
});

describe('escrowed goal', () => {
  it('holds its tips, then releases each one once to the performer when reached', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const goal = (await goalOf(
      await putGoal(performer, { title: 'Charity stream', target: 100, escrow: true, deadline: inAnHour() }),
    ))!;
    expect(goal).toMatchObject({ escrow: true, status: 'open' });
    const { socket: watcher } = await RoomSocket.join(handle);
    const fans = await Promise.all([newViewer(300), newViewer(300)]);
    const [a, b] = await Promise.all(fans.map(async (f) => (await RoomSocket.join(handle, f.browser)).socket));
    await tip(a!, 60);
    expect(await balanceOf(env.DB, goalHold(goal.id))).toBe(60);
    expect(await earningsBalance(performerId)).toBe(0);
    await tip(b!, 50);
    await watcher.waitForEvents('goal.reached');
    // Released on the Room's alarm (it may already have run on its own).
    await runDurableObjectAlarm(roomStub(handle));
    await vi.waitFor(async () => expect(await settlements('tip', goal.id)).toBe(2));
    expect(await earningsBalance(performerId)).toBe(42 + 35);
    expect(await balanceOf(env.DB, goalHold(goal.id))).toBe(0);
    // Run again: nothing new lands.
    await owedAgain(handle);
    expect(await settleGoal(env.DB, { goalId: goal.id, performerId, outcome: 'release', feePercent: 30 })).toBe(0);
    expect(await settlements('tip', goal.id)).toBe(2);
    expect(await settlements('goal_refund', goal.id)).toBe(0);
    expect(await earningsBalance(performerId)).toBe(77);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('refunds every tip to its tipper once when the deadline passes, also when the alarm runs twice', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const goal = (await goalOf(
      await putGoal(performer, { title: 'Marathon', target: 10_000, escrow: true, deadline: inAnHour() }),
    ))!;
    const fans = await Promise.all([newViewer(200), newViewer(200), newViewer(200)]);
    const sockets = await Promise.all(fans.map(async (f) => (await RoomSocket.join(handle, f.browser)).socket));
    const { socket: watcher } = await RoomSocket.join(handle);
    await tip(sockets[0]!, 30);
    await tip(sockets[0]!, 20);
    await tip(sockets[1]!, 150);
    await tip(sockets[2]!, 1);
    expect(await balanceOf(env.DB, goalHold(goal.id))).toBe(201);
    expect(fans.map((f) => f.userId)).toHaveLength(3);
    // As if an earlier run had landed one refund and then failed: the retry must not repeat it.
    const [first] = await heldTips(env.DB, goal.id);
    await commit(
      env.DB,
      goalRefundDraft({ goalId: goal.id, performerId, tip: first! }),
      settlementKey('refund', first!.tipId),
    );

    await passDeadline(handle);
    expect(await runDurableObjectAlarm(roomStub(handle))).toBe(true);
    await vi.waitFor(async () => expect(await settlements('goal_refund', goal.id)).toBe(4));
    await watcher.next('events', (m) =>
      m.events.some((e) => e.event.kind === 'goal' && e.event.goal?.status === 'missed'),
    );
    for (const fan of fans) expect(await walletOf(fan.userId)).toBe(200);
    expect(await balanceOf(env.DB, goalHold(goal.id))).toBe(0);

    // The alarm runs twice: nothing new lands, no balance goes below zero.
    await owedAgain(handle);
    expect(await settleGoal(env.DB, { goalId: goal.id, performerId, outcome: 'refund', feePercent: 30 })).toBe(0);
    expect(await settlements('goal_refund', goal.id)).toBe(4);
    for (const fan of fans) expect(await walletOf(fan.userId)).toBe(200);
    expect(await earningsBalance(performerId)).toBe(0);
    const ledger = await checkLedger(env.DB);
    expect(ledger).toMatchObject({ ok: true, negativeBalances: 0 });
    expect((await RoomSocket.join(handle)).welcome.snapshot.goal).toMatchObject({
      id: goal.id,
      status: 'missed',
      progress: 201,
    });
  });

  it('refunds its tips when the performer ends it unreached; later tips go straight to earnings', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const goal = (await goalOf(
      await putGoal(performer, { title: 'Road trip', target: 1_000, escrow: true, deadline: inAnHour() }),
    ))!;
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 40);
    expect(await walletOf(fan.userId)).toBe(60);
    await performer.fetch('/api/studio/goal', { method: 'DELETE' });
    await runDurableObjectAlarm(roomStub(handle));
    await vi.waitFor(async () => expect(await walletOf(fan.userId)).toBe(100));
    expect(await settlements('goal_refund', goal.id)).toBe(1);
    await tip(socket, 10);
    expect(await earningsBalance(performerId)).toBe(7);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('refunds a tip that reached the hold after settling, unrecorded by the Room; the hold ends empty', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const goal = (await goalOf(
      await putGoal(performer, { title: 'Late one', target: 1_000, escrow: true, deadline: inAnHour() }),
    ))!;
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 40);
    await performer.fetch('/api/studio/goal', { method: 'DELETE' });
    await runDurableObjectAlarm(roomStub(handle));
    await vi.waitFor(async () => expect(await walletOf(fan.userId)).toBe(100));
    // A tip routed to the goal lands after that settlement read the hold, and the Room dies before it
    // hears of it (made exact here: committed straight to D1, so the Room never records it).
    await commitTips(
      env.DB,
      [
        {
          idempotencyKey: `tip:${fan.userId}:late`,
          tipperId: fan.userId,
          performerId,
          amount: 25,
          roomId: handle,
          escrow: goalHold(goal.id),
        },
      ],
      30,
    );
    expect(await balanceOf(env.DB, goalHold(goal.id))).toBe(25);
    // The goal's sweep comes due (as it would a few minutes after the goal was decided).
    await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
      const past = Date.now() - 1;
      state.storage.sql.exec('update goal_sweeps set at = ?', past);
      state.storage.sql.exec(
        "insert into alarms (job, due) values ('goals', ?) on conflict (job) do update set due = excluded.due",
        past,
      );
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    await runDurableObjectAlarm(roomStub(handle));
    await vi.waitFor(async () => expect(await balanceOf(env.DB, goalHold(goal.id))).toBe(0));
    expect(await walletOf(fan.userId)).toBe(100);
    expect(await settlements('goal_refund', goal.id)).toBe(2);
    expect(await checkLedger(env.DB, { now: Date.now() + 11 * 60 * 1000 })).toMatchObject({
      ok: true,
      decidedHoldsNotEmpty: 0,
    });
    // The sweep is done: nothing is left to settle for this goal.
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      expect(
        state.storage.sql.exec<{ n: number }>('select count(*) as n from goal_sweeps where goal_id = ?', goal.id).one()
          .n,
      ).toBe(0);
    });
  });
});
