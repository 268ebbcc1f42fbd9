import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AdjustmentResponse, UserProfileResponse, UserSearchResponse } from '../../wire/admin-users.ts';
import worker from '../../workers/index.ts';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import { ROOM_VISIT_DAYS } from '../../workers/safety/room-visits.ts';
import { errorOf, signedUp } from '../client.ts';
import { fund, newUser, walletOf } from '../money/fixtures.ts';
import { clientId, newRoom, newViewer, RoomSocket } from '../room/room-socket.ts';
import { asAdminFetch, auditRowsSince, lastAuditId } from './fixtures.ts';

const DAY = 86_400_000;

const post = (path: string, json: unknown) => asAdminFetch(path, { method: 'POST', json });
const adjust = (userId: string, body: Record<string, unknown>) =>
  post(`/api/admin/users/${userId}/adjustments`, {
    reason: 'Goodwill after an outage',
    idempotencyKey: crypto.randomUUID(),
    ...body,
  });

async function liveRoom() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  expect((await room.performer.post('/api/studio/live', { title: 'Open mic' })).status).toBe(200);
  return room;
}

describe('finding and reading an account', () => {
  it('finds accounts by the start of their email or handle, and shows one with wallet, KYC and entries', async () => {
    const { account, user } = await signedUp({ role: 'performer' });
    await fund(user.id, 300);
    const byHandle = (await (
      await asAdminFetch(`/api/admin/users?q=@${account.handle.slice(0, 10)}`)
    ).json()) as UserSearchResponse;
    expect(byHandle.users.map((u) => u.id)).toContain(user.id);
    const byEmail = (await (
      await asAdminFetch(`/api/admin/users?q=${encodeURIComponent(account.email.toUpperCase())}`)
    ).json()) as UserSearchResponse;
    expect(byEmail.users).toEqual([expect.objectContaining({ id: user.id, role: 'performer', status: 'active' })]);
    const { user: profile } = (await (await asAdminFetch(`/api/admin/users/${user.id}`)).json()) as UserProfileResponse;
    expect(profile).toMatchObject({
      id: user.id,
      kycStatus: 'none',
      earnings: 0,
      wallet: { balance: 300, frozen: null, recent: [expect.objectContaining({ kind: 'purchase', amount: 300 })] },
    });
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    await newUser();
    const response = (await (await asAdminFetch('/api/admin/users?q=%25')).json()) as UserSearchResponse;
    expect(response.users).toEqual([]);
    expect(await errorOf(await asAdminFetch('/api/admin/users/nobody'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('suspending an account', () => {
  it('revokes its sessions, closes its room sockets, and restores sign-in when unsuspended', async () => {
    const room = await liveRoom();
    const fan = await signedUp();
    const { socket } = await RoomSocket.join(room.handle, fan.browser);
    expect((await fan.browser.fetch('/api/me')).status).toBe(200);

    const suspended = await post(`/api/admin/users/${fan.user.id}/suspend`, { reason: 'Harassing performers' });
    expect(await suspended.json()).toEqual({ status: 'suspended', frozen: false, socketsClosed: 1 });
    expect((await socket.closed).code).toBe(4401);
    expect(await errorOf(await fan.browser.fetch('/api/me'))).toMatchObject({ status: 401 });
    expect(
      await errorOf(
        await fan.browser.post('/api/auth/login', { email: fan.account.email, password: fan.account.password }),
      ),
    ).toMatchObject({ status: 403, code: 'ACCOUNT_SUSPENDED' });

    expect(await (await post(`/api/admin/users/${fan.user.id}/unsuspend`, { reason: 'Appeal upheld' })).json()).toEqual(
      { status: 'active', frozen: false },
    );
    expect(
      (await fan.browser.post('/api/auth/login', { email: fan.account.email, password: fan.account.password })).status,
    ).toBe(200);
  });

  it('closes its sockets in rooms that are not live too, and nobody else’s', async () => {
    const offline = await newRoom();
    const fan = await signedUp();
    const bystander = await newViewer();
    const { socket } = await RoomSocket.join(offline.handle, fan.browser);
    const { socket: other } = await RoomSocket.join(offline.handle, bystander.browser);

    const suspended = await post(`/api/admin/users/${fan.user.id}/suspend`, { reason: 'Spam in quiet rooms' });
    expect(await suspended.json()).toEqual({ status: 'suspended', frozen: false, socketsClosed: 1 });
    expect((await socket.closed).code).toBe(4401);
    // The other viewer's socket is untouched and still answers.
    const before = other.received.length;
    other.send('{"type": "ping"}');
    expect((await other.next('pong', () => true, before)).type).toBe('pong');
  });

  it('forgets room visits after the retention window, from the daily job', async () => {
    const room = await newRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(room.handle, fan.browser);
    socket.close();
    const visits = () =>
      env.DB.prepare('select count(*) as n from room_visits where user_id = ?').bind(fan.userId).first('n');
    expect(await visits()).toBe(1);
    await worker.scheduled(
      createScheduledController({ cron: '17 3 * * *', scheduledTime: Date.now() + (ROOM_VISIT_DAYS - 1) * DAY }),
      env,
    );
    expect(await visits()).toBe(1);
    await worker.scheduled(
      createScheduledController({ cron: '17 3 * * *', scheduledTime: Date.now() + (ROOM_VISIT_DAYS + 1) * DAY }),
      env,
    );
    expect(await visits()).toBe(0);
  });

  it('ends a suspended performer’s live show and hides their room', async () => {
    const room = await liveRoom();
    await post(`/api/admin/users/${room.performerId}/suspend`, { reason: 'Broke the rules on air' });
    const rooms = (await (await asAdminFetch('/api/rooms')).json()) as { rooms: { handle: string }[] };
    expect(rooms.rooms.some((r) => r.handle === room.handle)).toBe(false);
    expect(
      await env.DB.prepare('select count(*) as n from live_rooms where performer_id = ?')
        .bind(room.performerId)
        .first('n'),
    ).toBe(0);
  });
});

describe('freezing a wallet', () => {
  it('stops its tips until unfrozen, and records who froze it', async () => {
    const room = await liveRoom();
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(room.handle, fan.browser);
    expect(
      await (await post(`/api/admin/users/${fan.userId}/freeze`, { reason: 'Stolen card suspected' })).json(),
    ).toEqual({ status: 'active', frozen: true });
    expect(
      await env.DB.prepare('select frozen_by from wallet_freezes where user_id = ?')
        .bind(fan.userId)
        .first('frozen_by'),
    ).toBe('admin@encore.local');

    const refused = clientId();
    socket.send({ type: 'tip.send', clientId: refused, amount: 100 });
    expect(await socket.next('rejected', (m) => m.clientId === refused)).toMatchObject({
      of: 'tip.send',
      reason: 'WALLET_FROZEN',
    });
    expect(await walletOf(fan.userId)).toBe(500);

    await post(`/api/admin/users/${fan.userId}/unfreeze`, { reason: 'Card owner confirmed' });
    const allowed = clientId();
    socket.send({ type: 'tip.send', clientId: allowed, amount: 100 });
    expect(await socket.next('tip.result', (m) => m.clientId === allowed)).toMatchObject({
      status: 'accepted',
      balance: 400,
    });
  });
});

describe('adjusting a wallet', () => {
  it('moves tokens against platform promotions, balanced, once per key, with one audit row', async () => {
    const user = await newUser();
    const promotions = await balanceOf(env.DB, Account.promotions);
    const before = await lastAuditId();
    const body = { amount: 250, reason: 'Goodwill after an outage', idempotencyKey: crypto.randomUUID() };
    const first = (await (await post(`/api/admin/users/${user}/adjustments`, body)).json()) as AdjustmentResponse;
    const again = (await (await post(`/api/admin/users/${user}/adjustments`, body)).json()) as AdjustmentResponse;
    expect(first).toMatchObject({ replayed: false, balance: 250 });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await balanceOf(env.DB, Account.promotions)).toBe(promotions - 250);
    const entries = await env.DB.prepare(
      'select sum(amount) as total, count(*) as n from ledger_entries where transaction_id = ?',
    )
      .bind(first.transactionId)
      .first<{ total: number; n: number }>();
    expect(entries).toEqual({ total: 0, n: 2 });
    const rows = await auditRowsSince(before);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'wallet.adjust',
        object_type: 'user',
        object_id: user,
        actor: 'admin@encore.local',
      }),
    ]);
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ amount: 250, reason: 'Goodwill after an outage' });
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('never takes a wallet below zero, and writes nothing when refused', async () => {
    const user = await newUser();
    await fund(user, 100);
    const before = await lastAuditId();
    expect(await errorOf(await adjust(user, { amount: -101 }))).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_FUNDS',
    });
    expect(await errorOf(await adjust(user, { amount: 0 }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await errorOf(await adjust(user, { amount: 10, reason: '' }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await auditRowsSince(before)).toEqual([]);
    expect(await walletOf(user)).toBe(100);
    expect((await (await adjust(user, { amount: -100 })).json()) as AdjustmentResponse).toMatchObject({ balance: 0 });
  });

  it('refuses a key reused for a different adjustment', async () => {
    const user = await newUser();
    const idempotencyKey = crypto.randomUUID();
    await adjust(user, { amount: 10, idempotencyKey });
    expect(await errorOf(await adjust(user, { amount: 20, idempotencyKey }))).toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY_CONFLICT',
    });
    expect(await walletOf(user)).toBe(10);
  });
});
