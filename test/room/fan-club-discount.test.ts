import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type MenuResponse, memberPriceOf } from '../../wire/tip-menu.ts';
import { checkLedger } from '../../workers/money/check.ts';
import type { Browser } from '../client.ts';
import { count } from '../money/fixtures.ts';
import { makeMember, tellRoom } from './fan-club-helpers.ts';
import { clientId, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

const putMenu = (browser: Browser, body: unknown) => browser.fetch('/api/studio/menu', { method: 'PUT', json: body });
const putDiscount = (browser: Browser, percent: unknown) =>
  browser.fetch('/api/studio/menu/fan-club-discount', { method: 'PUT', json: { percent } });
const menuOf = async (response: Response) => (await response.json()) as MenuResponse;

describe('the fan-club discount on the tip menu', { timeout: 30_000 }, () => {
  it('rounds in the member’s favour and never below 1 token', () => {
    expect(memberPriceOf(100, 20)).toBe(80);
    expect(memberPriceOf(99, 15)).toBe(84);
    expect(memberPriceOf(1, 90)).toBe(1);
    expect(memberPriceOf(5, 0)).toBe(5);
  });

  it('shows both prices to the room, and members pay the members’ price the Room worked out', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const [item] = (await menuOf(await putMenu(performer, { items: [{ label: 'Dance', price: 100 }] }))).items;
    const { socket: watcher } = await RoomSocket.join(handle);
    const set = await putDiscount(performer, 25);
    expect(set.status).toBe(200);
    expect(await menuOf(set)).toEqual({
      items: [{ id: item!.id, label: 'Dance', price: 100, memberPrice: 75, deviceAction: null }],
      fanClubDiscountPercent: 25,
    });
    const [event] = await watcher.waitForEvents('menu');
    expect(event?.menu[0]).toMatchObject({ price: 100, memberPrice: 75 });
    expect((await menuOf(await performer.fetch('/api/studio/menu'))).fanClubDiscountPercent).toBe(25);

    const member = await newViewer(200);
    await makeMember(performerId, member.userId);
    const { socket, welcome } = await RoomSocket.join(handle, member.browser);
    expect(welcome.snapshot.menu[0]).toMatchObject({ price: 100, memberPrice: 75 });
    // A member who sends the full price is told their price: the client's amount is checked, never trusted.
    const full = clientId();
    socket.send({ type: 'tip.send', clientId: full, amount: 100, menuItemId: item!.id });
    expect(await socket.next('rejected', (m) => m.clientId === full)).toMatchObject({
      reason: 'INVALID',
      message: '“Dance” costs 75 tokens for fan-club members',
    });
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 75, menuItemId: item!.id });
    expect(await socket.next('tip.result', (m) => m.clientId === id)).toMatchObject({ balance: 125 });
    // A resend after the performer ended the discount is still that tip, answered once.
    expect((await putDiscount(performer, 0)).status).toBe(200);
    const from = socket.received.length;
    socket.send({ type: 'tip.send', clientId: id, amount: 75, menuItemId: item!.id });
    expect(await socket.next('tip.result', (m) => m.clientId === id, from)).toMatchObject({ balance: 125 });
    expect(
      await count("select count(*) as n from ledger_transactions where actor_id = ? and kind = 'tip'", member.userId),
    ).toBe(1);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('refuses the members’ price from a viewer who is not a member, and charges nothing', async () => {
    const { handle, performer } = await liveRoom();
    const [item] = (await menuOf(await putMenu(performer, { items: [{ label: 'Song', price: 40 }] }))).items;
    await putDiscount(performer, 50);
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const cheap = clientId();
    socket.send({ type: 'tip.send', clientId: cheap, amount: 20, menuItemId: item!.id });
    expect(await socket.next('rejected', (m) => m.clientId === cheap)).toMatchObject({
      reason: 'INVALID',
      message: '“Song” costs 40 tokens',
    });
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 40, menuItemId: item!.id });
    expect(await socket.next('tip.result', (m) => m.clientId === id)).toMatchObject({ balance: 60 });
  });

  it('gives the members’ price from the moment a viewer joins, on the same socket', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const [item] = (await menuOf(await putMenu(performer, { items: [{ label: 'Wave', price: 10 }] }))).items;
    await putDiscount(performer, 30);
    const fan = await newViewer(50);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await makeMember(performerId, fan.userId);
    await tellRoom(handle, performerId, fan.userId);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 7, menuItemId: item!.id });
    expect(await socket.next('tip.result', (m) => m.clientId === id)).toMatchObject({ balance: 43 });
  });

  it('refuses a discount that is not a whole percent from 0 to 90, and one from a viewer', async () => {
    const { performer } = await liveRoom();
    for (const bad of [-1, 91, 12.5, '10', null]) {
      const response = await putDiscount(performer, bad);
      expect(response.status, String(bad)).toBe(400);
    }
    expect((await menuOf(await performer.fetch('/api/studio/menu'))).fanClubDiscountPercent).toBe(0);
    const fan = await newViewer();
    expect((await putDiscount(fan.browser, 10)).status).toBe(403);
  });
});
