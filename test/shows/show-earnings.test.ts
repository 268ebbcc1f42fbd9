import { describe, expect, it } from 'vitest';
import type { EarningsResponse } from '../../wire/money.ts';
import type { ShowEarningsResponse } from '../../wire/show-earnings.ts';
import { Browser, errorOf, signedUp } from '../client.ts';
import { fund } from '../money/fixtures.ts';
import { settleShowMinutes } from './show-money.ts';
import { showRows } from './show-rows.ts';

const HOUR = 3_600_000;

describe('the earnings page’s paid shows', () => {
  it('list finished seats newest first: kind, viewer unless anonymous, minutes and the performer’s share', async () => {
    const performer = await signedUp({ role: 'performer' });
    const named = await signedUp();
    const hidden = await signedUp();
    const spy = await signedUp();
    const now = Date.now();
    const privateShow = await showRows({
      performerId: performer.user.id,
      rate: 30,
      endedAt: now - 3 * HOUR,
      seats: [
        { userId: named.user.id, minutes: 4, tokens: 120 },
        { userId: spy.user.id, role: 'spy', minutes: 2, tokens: 20 },
      ],
    });
    const session = await showRows({
      performerId: performer.user.id,
      kind: 'session-voice',
      rate: 10,
      endedAt: now - HOUR,
      seats: [{ userId: hidden.user.id, anonymous: true, minutes: 3, tokens: 31 }],
    });
    // Still running: not on the list until it ends.
    await showRows({ performerId: performer.user.id, endedAt: null, seats: [{ userId: named.user.id }] });
    for (const [viewerId, showId, tokens] of [
      [named.user.id, privateShow, 120],
      [spy.user.id, privateShow, 20],
      [hidden.user.id, session, 31],
    ] as const) {
      await fund(viewerId, tokens);
      await settleShowMinutes({ showId, viewerId, performerId: performer.user.id, tokens });
    }

    const answer = await performer.browser.fetch('/api/studio/shows/earnings');
    expect(answer.status).toBe(200);
    const text = await answer.text();
    const list = JSON.parse(text) as ShowEarningsResponse;
    // The session ended last; the private show's two seats started together, in either order.
    expect(list.shows.map((s) => s.showId)).toEqual([session, privateShow, privateShow]);
    expect(list.shows[0]).toMatchObject({ kind: 'session-voice', viewer: null, minutes: 3, tokens: 31, earned: 21 });
    expect(
      list.shows
        .slice(1)
        .map((s) => [s.kind, s.viewer?.handle, s.minutes, s.earned])
        .sort(),
    ).toEqual(
      [
        ['private', named.account.handle, 4, 84],
        ['spy', spy.account.handle, 2, 14],
      ].sort(),
    );
    expect(text).not.toContain(hidden.account.handle);
    expect(text).not.toContain(hidden.account.displayName);
    expect(list.allTime).toBe(84 + 14 + 21);
    expect(list.last30Days).toBe(84 + 14 + 21);

    const totals = (await (await performer.browser.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(totals.allTime).toBe(84 + 14 + 21);
  });

  it("show a performer only their own shows, and no one else's to a viewer", async () => {
    const performer = await signedUp({ role: 'performer' });
    const other = await signedUp({ role: 'performer' });
    const viewer = await signedUp();
    await showRows({ performerId: performer.user.id, seats: [{ userId: viewer.user.id }] });
    expect(await (await other.browser.fetch('/api/studio/shows/earnings')).json()).toEqual({
      shows: [],
      last30Days: 0,
      allTime: 0,
    });
    expect(await errorOf(await viewer.browser.fetch('/api/studio/shows/earnings'))).toMatchObject({ status: 403 });
    expect(await errorOf(await new Browser().fetch('/api/studio/shows/earnings'))).toMatchObject({ status: 401 });
  });
});
