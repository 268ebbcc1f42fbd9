import { describe, expect, it } from 'vitest';
import { earningsBalance, walletOf } from '../money/fixtures.ts';
import { later, newViewer, RoomSocket } from '../room/room-socket.ts';
import {
  accepted,
  holdOf,
  refusal,
  runShowJob,
  showEvents,
  showRoom,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

describe('spies and group shows', () => {
  it('bills a spy the spy rate from their join, ends their seat with the show, keeps them out of chat', async () => {
    const { handle, performerId, performerSocket, socket } = await showRoom({ spyRate: 6 });
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 30_000);
    const spy = await newViewer(100);
    const { socket: spySocket } = await RoomSocket.join(handle, spy.browser);
    accepted(await write(spySocket, { type: 'show.spy', showId }));
    expect(await walletOf(spy.userId)).toBe(94);
    expect(refusal(await write(spySocket, { type: 'show.chat', showId, text: 'hi' }))).toBe('FORBIDDEN');
    accepted(await write(socket, { type: 'show.chat', showId, text: 'hello' }));
    expect((await waitForShowEvent(performerSocket, 'chat')).message.text).toBe('hello');
    await later(handle, 45_000);
    await runShowJob(handle);
    // The viewer's minute 1 fell due (75 s in); the spy's first minute has 15 s to run.
    expect(await walletOf(spy.userId)).toBe(94);
    accepted(await write(socket, { type: 'show.end', showId }));
    const ended = await waitForShowEvent(spySocket, 'ended');
    expect(ended.summary).toMatchObject({ minutes: 1, tokens: 6, reason: 'show-ended' });
    await runShowJob(handle);
    expect(await holdOf(showId)).toBe(0);
    // 20 from the viewer (two minutes) and 6 from the spy, each at the split.
    expect(await earningsBalance(performerId)).toBe(14 + 4);
  });

  it('runs a group show: free seats to the minimum, each participant billed, a latecomer from joining', async () => {
    const { handle, performerId, performerSocket } = await showRoom({ groupRate: 8, groupMinimum: 2 });
    const a = await newViewer(100);
    const b = await newViewer(100);
    const late = await newViewer(100);
    const { socket: aSocket } = await RoomSocket.join(handle, a.browser);
    const { socket: bSocket } = await RoomSocket.join(handle, b.browser);
    const { socket: lateSocket } = await RoomSocket.join(handle, late.browser);
    accepted(await write(performerSocket, { type: 'group.announce', title: 'Party' }));
    const announced = (await aSocket.waitForEvents('shows'))[0]!.current!;
    expect(announced).toMatchObject({ kind: 'group', phase: 'announced', rate: 8, minimum: 2, title: 'Party' });
    const showId = announced.id;
    accepted(await write(aSocket, { type: 'group.reserve', showId }));
    expect(refusal(await write(performerSocket, { type: 'group.start', showId }))).toBe('BELOW_MINIMUM_SEATS');
    accepted(await write(bSocket, { type: 'group.reserve', showId }));
    expect(await walletOf(a.userId)).toBe(100);
    accepted(await write(performerSocket, { type: 'group.start', showId }));
    expect(await walletOf(a.userId)).toBe(92);
    expect(await walletOf(b.userId)).toBe(92);
    await later(handle, 30_000);
    accepted(await write(lateSocket, { type: 'group.join', showId }));
    expect(await walletOf(late.userId)).toBe(92);
    await later(handle, 30_000);
    await runShowJob(handle);
    expect(await walletOf(a.userId)).toBe(84);
    expect(await walletOf(late.userId)).toBe(92);
    accepted(await write(bSocket, { type: 'show.leave', showId }));
    expect((await waitForShowEvent(bSocket, 'ended')).summary).toMatchObject({ minutes: 2, tokens: 16 });
    accepted(await write(aSocket, { type: 'show.chat', showId, text: 'so good' }));
    // Everyone reads a group show's chat; only participants write.
    expect((await waitForShowEvent(lateSocket, 'chat')).message.text).toBe('so good');
    expect(refusal(await write(bSocket, { type: 'show.chat', showId, text: 'me too' }))).toBe('FORBIDDEN');
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    await runShowJob(handle);
    expect(await holdOf(showId)).toBe(0);
    expect(await walletOf(late.userId)).toBe(92);
    expect(showEvents(aSocket, 'minute').length).toBe(2);
    // 16 + 16 + 8 tokens charged, at the split.
    expect(await earningsBalance(performerId)).toBe(11 + 11 + 5);
  });
});
