import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Figures } from '../../wire/admin-figures.ts';
import type { ShowEarningsResponse } from '../../wire/show-earnings.ts';
import type { OwnReviewResponse, PerformerReviews } from '../../wire/show-reviews.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { asAdminFetch } from '../admin/fixtures.ts';
import { Browser, errorOf } from '../client.ts';
import { newViewer, RoomSocket } from '../room/room-socket.ts';
import { accepted, runShowJob, showRoom, startPrivate, waitForShowEvent, write } from './show-helpers.ts';

const figures = async () => (await (await asAdminFetch('/api/admin/figures')).json()) as Figures;

describe('after a private show run by the Room', () => {
  it('the viewer rates it, the profile shows it, and the earnings and admin figures count it', async () => {
    const before = await figures();
    const { handle, performer, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    // While it runs its viewer is told to wait for the end; anyone else still finds no such show.
    const early = await fan.browser.post(`/api/shows/${showId}/review`, { stars: 5 });
    expect(await errorOf(early)).toMatchObject({ status: 409, code: 'SHOW_NOT_ENDED' });
    const stranger = await newViewer();
    const probe = await stranger.browser.post(`/api/shows/${showId}/review`, { stars: 5 });
    expect(await errorOf(probe)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await checkLedger(env.DB)).ok).toBe(true);
    const running = (await (await performer.fetch('/api/studio/shows/earnings')).json()) as ShowEarningsResponse;
    expect(running.shows).toEqual([]);

    accepted(await write(socket, { type: 'show.end', showId }));
    const ended = await waitForShowEvent(socket, 'ended');
    await runShowJob(handle);

    const posted = await fan.browser.post(`/api/shows/${showId}/review`, { stars: 4, comment: 'Lovely chat' });
    expect(posted.status).toBe(201);
    expect(((await posted.json()) as OwnReviewResponse).review).toMatchObject({ stars: 4, kind: 'private' });
    const profile = (await (await new Browser().fetch(`/api/performers/${handle}/reviews`)).json()) as PerformerReviews;
    expect(profile).toMatchObject({ average: 4, count: 1, recent: [{ comment: 'Lovely chat' }] });

    const list = (await (await performer.fetch('/api/studio/shows/earnings')).json()) as ShowEarningsResponse;
    expect(list.shows).toEqual([
      expect.objectContaining({
        showId,
        kind: 'private',
        viewer: { handle: fan.handle, displayName: fan.displayName },
        minutes: ended.summary.minutes,
        tokens: ended.summary.tokens,
      }),
    ]);
    expect(list.allTime).toBe(list.shows[0]?.earned);

    const after = await figures();
    expect(after.today.shows - before.today.shows).toBe(1);
    expect(after.today.showTokens - before.today.showTokens).toBe(ended.summary.tokens);
    expect(after.today.tipTokens).toBe(before.today.tipTokens);
    socket.close();
    performerSocket.close();
  });

  it('tells a group show’s latecomer to wait for the end while it runs, and a stranger: no such show', async () => {
    const { handle, performerSocket } = await showRoom({ groupMinimum: 2 });
    const announced = accepted(await write(performerSocket, { type: 'group.announce', title: 'Party' }));
    const showId = announced.shows.current!.id;
    for (const viewer of [await newViewer(100), await newViewer(100)]) {
      const { socket } = await RoomSocket.join(handle, viewer.browser);
      accepted(await write(socket, { type: 'group.reserve', showId }));
    }
    accepted(await write(performerSocket, { type: 'group.start', showId }));
    const late = await newViewer(100);
    const { socket: lateSocket } = await RoomSocket.join(handle, late.browser);
    accepted(await write(lateSocket, { type: 'group.join', showId }));
    const early = await late.browser.post(`/api/shows/${showId}/review`, { stars: 5 });
    expect(await errorOf(early)).toMatchObject({ status: 409, code: 'SHOW_NOT_ENDED' });
    const probe = await (await newViewer()).browser.post(`/api/shows/${showId}/review`, { stars: 5 });
    expect(await errorOf(probe)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
