import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MenuResponse } from '../../wire/tip-menu.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { Browser, errorOf } from '../client.ts';
import { count, walletOf } from '../money/fixtures.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

const putMenu = (browser: Browser, body: unknown) => browser.fetch('/api/studio/menu', { method: 'PUT', json: body });
const menuOf = async (response: Response) => ((await response.json()) as MenuResponse).items;

describe('tip menu', () => {
  it('shows the performer’s menu in the snapshot and tells the room when it changes', async () => {
    const { handle, performer } = await liveRoom();
    const { socket } = await RoomSocket.join(handle);
    const response = await putMenu(performer, {
      items: [
        { label: 'Play a request', price: 100 },
        { label: 'Wave', price: 5, deviceAction: { kind: 'pattern', pattern: 'wave', intensity: 40, seconds: 5 } },
      ],
    });
    expect(response.status).toBe(200);
    const items = await menuOf(response);
    expect(items).toMatchObject([
      { label: 'Play a request', price: 100, deviceAction: null },
      { label: 'Wave', price: 5, deviceAction: { kind: 'pattern', pattern: 'wave', intensity: 40, seconds: 5 } },
    ]);
    const [event] = await socket.waitForEvents('menu');
    expect(event?.menu).toEqual(items);
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.menu).toEqual(items);
    // An item keeps its id across edits, so a viewer's tap on the old row still matches it.
    const edited = await menuOf(
      await putMenu(performer, { items: [{ id: items[1]!.id, label: 'Wave twice', price: 8 }] }),
    );
    expect(edited).toEqual([{ id: items[1]!.id, label: 'Wave twice', price: 8, deviceAction: null }]);
    expect(await menuOf(await performer.fetch('/api/studio/menu'))).toEqual(edited);
  });

  it('commits a tip for an item at its price, and everyone sees what it was for', async () => {
    const { handle, performer } = await liveRoom();
    const [item] = await menuOf(await putMenu(performer, { items: [{ label: 'Sing happy birthday', price: 150 }] }));
    const fan = await newViewer(500);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 150, menuItemId: item!.id });
    expect(await socket.next('tip.result', (m) => m.clientId === id)).toMatchObject({ balance: 350 });
    const [tip] = await stage.waitForEvents('tip');
    expect(tip?.tip).toMatchObject({ amount: 150, menuItem: 'Sing happy birthday' });
    const memo = await env.DB.prepare("select memo from ledger_transactions where kind = 'tip' and actor_id = ?")
      .bind(fan.userId)
      .first<{ memo: string }>();
    expect(JSON.parse(memo!.memo)).toMatchObject({ menuItem: 'Sing happy birthday' });
  });

  it('answers a resend of a menu tip once, even after the performer changed the price', async () => {
    const { handle, performer } = await liveRoom();
    const [item] = await menuOf(await putMenu(performer, { items: [{ label: 'Shout-out', price: 40 }] }));
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 40, menuItemId: item!.id });
    const first = await socket.next('tip.result', (m) => m.clientId === id);
    await putMenu(performer, { items: [{ id: item!.id, label: 'Shout-out', price: 60 }] });
    const from = socket.received.length;
    socket.send({ type: 'tip.send', clientId: id, amount: 40, menuItemId: item!.id });
    expect(await socket.next('tip.result', (m) => m.clientId === id, from)).toMatchObject({
      tipId: first.tipId,
      balance: 60,
    });
    expect(
      await count("select count(*) as n from ledger_transactions where actor_id = ? and kind = 'tip'", fan.userId),
    ).toBe(1);
    // A new tip for it must pay the new price.
    const next = clientId();
    socket.send({ type: 'tip.send', clientId: next, amount: 40, menuItemId: item!.id });
    expect(await socket.next('rejected', (m) => m.clientId === next)).toMatchObject({
      reason: 'INVALID',
      message: '“Shout-out” costs 60 tokens',
    });
  });

  it('refuses a tip at the wrong price or for an item not on the menu, and charges nothing', async () => {
    const { handle, performer } = await liveRoom();
    const [item] = await menuOf(await putMenu(performer, { items: [{ label: 'Dance', price: 200 }] }));
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const cheap = clientId();
    socket.send({ type: 'tip.send', clientId: cheap, amount: 20, menuItemId: item!.id });
    expect(await socket.next('rejected', (m) => m.clientId === cheap)).toMatchObject({
      of: 'tip.send',
      reason: 'INVALID',
    });
    const gone = clientId();
    socket.send({ type: 'tip.send', clientId: gone, amount: 200, menuItemId: 'not-on-menu' });
    expect(await socket.next('rejected', (m) => m.clientId === gone)).toMatchObject({ reason: 'INVALID' });
    await drained(handle, socket);
    expect(socket.eventsOf('tip')).toEqual([]);
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect(
      await count("select count(*) as n from ledger_transactions where actor_id = ? and kind = 'tip'", fan.userId),
    ).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('is edited only by a performer, for their own room', async () => {
    const { handle, performer } = await liveRoom();
    await putMenu(performer, { items: [{ label: 'Mine', price: 10 }] });
    const viewer = await newViewer();
    expect(await errorOf(await putMenu(viewer.browser, { items: [{ label: 'Hijack', price: 1 }] }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await errorOf(await putMenu(new Browser(), { items: [] }))).toMatchObject({ status: 401 });
    // Another performer edits their own room, never this one.
    const other = await liveRoom();
    await putMenu(other.performer, { items: [{ label: 'Theirs', price: 3 }] });
    expect((await RoomSocket.join(handle)).welcome.snapshot.menu).toMatchObject([{ label: 'Mine', price: 10 }]);
  });

  it('refuses bad menus with a clear 400 and keeps the old one', async () => {
    const { handle, performer } = await liveRoom();
    await putMenu(performer, { items: [{ label: 'Keep me', price: 10 }] });
    const bad = [
      { items: [{ label: 'x'.repeat(61), price: 10 }] },
      { items: [{ label: '   ', price: 10 }] },
      { items: [{ label: 'Free', price: 0 }] },
      { items: [{ label: 'Half', price: 2.5 }] },
      { items: Array.from({ length: 31 }, (_, i) => ({ label: `Item ${i}`, price: 1 })) },
      { items: 'nope' },
      {},
      // A device action is a reaction now, not free text; and a reaction within its limits.
      { items: [{ label: 'Buzz', price: 5, deviceAction: 'buzz:short' }] },
      { items: [{ label: 'Buzz', price: 5, deviceAction: { kind: 'steady', intensity: 101, seconds: 5 } }] },
      { items: [{ label: 'Buzz', price: 5, deviceAction: { kind: 'steady', intensity: 50, seconds: 0 } }] },
    ];
    for (const body of bad)
      expect(await errorOf(await putMenu(performer, body))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await RoomSocket.join(handle)).welcome.snapshot.menu).toMatchObject([{ label: 'Keep me', price: 10 }]);
  });
});
