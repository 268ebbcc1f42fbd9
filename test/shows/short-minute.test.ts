import { describe, expect, it } from 'vitest';
import { roomStub } from '../room/room-socket.ts';
import { showRoom, startPrivate, waitForShowEvent } from './show-helpers.ts';

describe('the short test minute', () => {
  it('bills each minute on the Room’s own alarm', async () => {
    const { handle, performerSocket, socket } = await showRoom();
    expect(await roomStub(handle).setShowMinuteForTests(1_000)).toEqual({ ok: true, value: null });
    await startPrivate(socket, performerSocket);
    const third = await waitForShowEvent(socket, 'minute', 3, 15_000);
    expect(third.seat.tally.minutesPaid).toBe(3);
  });
});
