import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { commit } from '../../workers/money/ledger.ts';
import { requestHoldDraft, requestPaymentKey } from '../../workers/money/request-escrow.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
import { clientId, later, RoomSocket, roomStub } from '../room/room-socket.ts';
import { holdOf, manage, queueOf, request, requestOf, requestRoom, runRequestJob, write } from './request-helpers.ts';

describe('song requests when things go wrong', () => {
  it('plays and pays a request accepted before the Room was evicted', async () => {
    const { handle, performer, performerId, socket, performerSocket } = await requestRoom({ price: 100 });
    const made = requestOf(await request(socket, { title: 'Survivor' }));
    await manage(performerSocket, made.id, 'accept');
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await performerSocket.closed;
    const { socket: back } = await RoomSocket.join(handle, performer);
    expect(requestOf(await manage(back, made.id, 'played')).status).toBe('played');
    await later(handle, 61_000);
    await runRequestJob(handle);
    expect(await earningsBalance(performerId)).toBe(70);
    expect(await holdOf(made.id)).toBe(0);
  });

  it('charges once when the Room was evicted after the ledger took the payment but before it recorded it', async () => {
    const { handle, fan, performerId, socket } = await requestRoom({ price: 100 });
    const id = clientId();
    // As if the first send reached the ledger and the Room stopped there: the row waits as `holding`.
    const requestId = await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      const rid = crypto.randomUUID();
      state.storage.sql.exec(
        `insert into song_requests (id, user_id, client_id, handle, display_name, anonymous, title, artist, note,
           price, tokens, status, rank, at)
         values (?, ?, ?, 'fan', 'Fan', 0, 'Half way', '', '', 100, 0, 'holding', 0, ?)`,
        rid,
        fan.userId,
        id,
        Date.now(),
      );
      return rid;
    });
    await commit(
      env.DB,
      requestHoldDraft({ requestId, requesterId: fan.userId, performerId, amount: 100, anonymous: false, bump: false }),
      requestPaymentKey(fan.userId, id),
    );
    await evictDurableObject(roomStub(handle));
    const answer = await request(socket, { title: 'Half way' }, id);
    expect(requestOf(answer)).toMatchObject({ id: requestId, tokens: 100, status: 'pending' });
    expect(await walletOf(fan.userId)).toBe(900);
    expect(
      await count(
        "select count(*) as n from ledger_transactions where kind = 'request_hold' and reference = ?",
        requestId,
      ),
    ).toBe(1);
  });

  it('gives up a request whose payment never got an answer, and refunds whatever of it landed', async () => {
    const { handle, fan, performerId } = await requestRoom({ price: 100 });
    const id = clientId();
    const requestId = crypto.randomUUID();
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      state.storage.sql.exec(
        `insert into song_requests (id, user_id, client_id, handle, display_name, anonymous, title, artist, note,
           price, tokens, status, rank, at) values (?, ?, ?, 'fan', 'Fan', 0, 'Lost', '', '', 100, 0, 'holding', 0, ?)`,
        requestId,
        fan.userId,
        id,
        Date.now(),
      );
    });
    await commit(
      env.DB,
      requestHoldDraft({ requestId, requesterId: fan.userId, performerId, amount: 100, anonymous: false, bump: false }),
      requestPaymentKey(fan.userId, id),
    );
    await later(handle, 3 * 60_000);
    await runRequestJob(handle);
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect(await holdOf(requestId)).toBe(0);
    expect((await checkLedger(env.DB, { now: Date.now() + 60 * 60_000 })).ok).toBe(true);
  });

  it('pays nothing more for a resend after the show ended, and refunds what the first attempt paid', async () => {
    const { handle, fan, performer, performerId, socket } = await requestRoom({ price: 100 });
    const id = clientId();
    const requestId = crypto.randomUUID();
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      state.storage.sql.exec(
        `insert into song_requests (id, user_id, client_id, handle, display_name, anonymous, title, artist, note,
           price, tokens, status, rank, at) values (?, ?, ?, 'fan', 'Fan', 0, 'Late', '', '', 100, 0, 'holding', 0, ?)`,
        requestId,
        fan.userId,
        id,
        Date.now(),
      );
    });
    await commit(
      env.DB,
      requestHoldDraft({ requestId, requesterId: fan.userId, performerId, amount: 100, anonymous: false, bump: false }),
      requestPaymentKey(fan.userId, id),
    );
    await performer.fetch('/api/studio/live', { method: 'DELETE' });
    expect(await request(socket, { title: 'Late' }, id)).toMatchObject({ type: 'rejected', reason: 'ROOM_OFFLINE' });
    await later(handle, 3 * 60_000);
    await runRequestJob(handle);
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect(await holdOf(requestId)).toBe(0);
  });

  it('settles again a payment that reached a request after it finished (a late bump)', async () => {
    const { handle, fan, performerId, socket } = await requestRoom({ price: 100 });
    const made = requestOf(await request(socket, { title: 'Late' }));
    await write(socket, { type: 'request.withdraw', requestId: made.id });
    await runRequestJob(handle);
    // A bump the ledger took while the withdrawal was being settled (the Room never recorded it).
    await commit(
      env.DB,
      requestHoldDraft({
        requestId: made.id,
        requesterId: fan.userId,
        performerId,
        amount: 50,
        anonymous: false,
        bump: true,
      }),
      requestPaymentKey(fan.userId, clientId()),
    );
    expect(await holdOf(made.id)).toBe(50);
    // The sweep after the first settlement finds it.
    await later(handle, 6 * 60_000);
    await runRequestJob(handle);
    expect(await holdOf(made.id)).toBe(0);
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect((await checkLedger(env.DB, { now: Date.now() + 60 * 60_000 })).ok).toBe(true);
  });
});

describe('song requests when D1 fails', () => {
  it('answers TRY_AGAIN and charges nothing, and the resend with the same client id lands once', async () => {
    const { handle, fan, socket } = await requestRoom({ price: 100 });
    // The Room's D1 refuses every batch (its context is shared by the queue and its holds).
    await runInDurableObject(roomStub(handle), (room: Room) => {
      const context = (room as unknown as { requests: { room: { db: D1Database } } }).requests.room;
      const real = context.db;
      context.db = new Proxy(real, {
        get: (target, key) =>
          key === 'batch'
            ? () => Promise.reject(new Error('D1_ERROR: network connection lost'))
            : Reflect.get(target, key).bind(target),
      });
      (globalThis as { restoreD1?: () => void }).restoreD1 = () => {
        context.db = real;
      };
    });
    const id = clientId();
    expect(await request(socket, { title: 'Flaky' }, id)).toMatchObject({ type: 'rejected', reason: 'TRY_AGAIN' });
    expect(await walletOf(fan.userId)).toBe(1_000);
    await runInDurableObject(roomStub(handle), () => (globalThis as { restoreD1?: () => void }).restoreD1?.());
    const made = requestOf(await request(socket, { title: 'Flaky' }, id));
    expect(requestOf(await request(socket, { title: 'Flaky' }, id)).id).toBe(made.id);
    expect(await walletOf(fan.userId)).toBe(900);
    expect(await holdOf(made.id)).toBe(100);
  });
});

describe('now playing marks requests played', () => {
  it('matches a queued request by its normalized title and artist, and releases it after the undo minute', async () => {
    const { handle, performerId, socket, performerSocket } = await requestRoom({ price: 100, acceptFirst: false });
    const other = requestOf(await request(socket, { title: 'Strobe', artist: 'deadmau5' }));
    const made = requestOf(await request(socket, { title: 'One More Time', artist: 'daft punk' }));
    const owner = { handle, performerId };
    const answer = await roomStub(handle).setNowPlaying(
      owner,
      { title: 'One More Time (Radio Edit)', artist: 'Daft Punk' },
      'studio',
    );
    expect(answer.ok && answer.value.nowPlaying.current?.request).toEqual({
      id: made.id,
      requester: expect.any(String),
    });
    const queue = await queueOf(handle);
    expect(queue?.queue.map((r) => r.id)).toEqual([other.id]);
    expect(queue?.done[0]).toMatchObject({ id: made.id, status: 'played' });
    // A track nobody asked for matches nothing.
    const none = await roomStub(handle).setNowPlaying(
      owner,
      { title: 'Around the World', artist: 'Daft Punk' },
      'studio',
    );
    expect(none.ok && none.value.nowPlaying.current?.request).toBeNull();
    // The performer can undo the match within the minute.
    expect(requestOf(await manage(performerSocket, made.id, 'undo')).status).toBe('queued');
    await roomStub(handle).setNowPlaying(owner, { title: 'one more time', artist: 'Daft Punk' }, 'studio');
    await later(handle, 61_000);
    await runRequestJob(handle);
    expect(await holdOf(made.id)).toBe(0);
    expect(await earningsBalance(performerId)).toBe(70);
    expect(await holdOf(other.id)).toBe(100);
  });

  it('answers a play it was already told about with the same request', async () => {
    const { handle, performerId, socket } = await requestRoom({ price: 100, acceptFirst: false });
    const first = requestOf(await request(socket, { title: 'Twice' }));
    const second = requestOf(await request(socket, { title: 'Twice' }));
    const matches = await runInDurableObject(roomStub(handle), async (room: Room) => {
      const queue = (room as unknown as { requests: { trackStarted: Room['setNowPlaying'] } }).requests;
      const listen = queue.trackStarted as unknown as (
        t: { title: string; artist: string },
        p: { id: string },
      ) => Promise<{ requestId: string } | null>;
      return [
        await listen({ title: 'Twice', artist: '' }, { id: 'play-1' }),
        await listen({ title: 'Twice', artist: '' }, { id: 'play-1' }),
      ];
    });
    expect(matches.map((m) => m?.requestId)).toEqual([first.id, first.id]);
    expect((await queueOf(handle))?.queue.map((r) => r.id)).toEqual([second.id]);
    expect(performerId).toBeTruthy();
  });
});
