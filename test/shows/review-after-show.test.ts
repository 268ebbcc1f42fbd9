import { describe, expect, it } from 'vitest';
import type { Figures } from '../../wire/admin-figures.ts';
import type { ShowEarningsResponse } from '../../wire/show-earnings.ts';
import type { OwnReviewResponse, PerformerReviews } from '../../wire/show-reviews.ts';
import { asAdminFetch } from '../admin/fixtures.ts';
import { Browser, errorOf } from '../client.ts';
import { accepted, runShowJob, showRoom, startPrivate, waitForShowEvent, write } from './show-helpers.ts';

const figures = async () => (await (await asAdminFetch('/api/admin/figures')).json()) as Figures;

describe('after a private show run by the Room', () => {
  it('the viewer rates it, the profile shows it, and the earnings and admin figures count it', async () => {
    const before = await figures();
    const { handle, performer, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    // While it runs there is nothing to rate yet: D1 learns of a show when its seats settle.
    const early = await fan.browser.post(`/api/shows/${showId}/review`, { stars: 5 });
    expect(await errorOf(early)).toMatchObject({ status: 404, code: 'NOT_FOUND' });

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
});
