import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AdminReport } from '../../wire/admin-reports.ts';
import type { OwnReviewResponse, PerformerReviews, ReviewReportResponse } from '../../wire/show-reviews.ts';
import { asAdminFetch } from '../admin/fixtures.ts';
import { Browser, countRows, errorOf, signedUp } from '../client.ts';
import { showRows } from './show-rows.ts';

const DAY = 86_400_000;

/** A performer, and a signed-in viewer who paid for a private show of theirs that ended a minute ago. */
async function paidShow(seat: { anonymous?: boolean } = {}) {
  const performer = await signedUp({ role: 'performer' });
  const viewer = await signedUp();
  const showId = await showRows({ performerId: performer.user.id, seats: [{ userId: viewer.user.id, ...seat }] });
  return { performer, viewer, showId };
}

const reviewsOf = async (handle: string) =>
  (await (await new Browser().fetch(`/api/performers/${handle}/reviews`)).json()) as PerformerReviews;
const reviewCount = (showId: string) =>
  env.DB.prepare('select count(*) as n from show_reviews where show_id = ?').bind(showId).first<{ n: number }>();

describe('show reviews', () => {
  it("let the show's paying viewer rate it once, and the profile shows the average and the latest", async () => {
    const { performer, viewer, showId } = await paidShow();
    const posted = await viewer.browser.post(`/api/shows/${showId}/review`, { stars: 4, comment: '  Lovely  ' });
    expect(posted.status).toBe(201);
    const { review } = (await posted.json()) as OwnReviewResponse;
    expect(review).toMatchObject({
      showId,
      stars: 4,
      comment: 'Lovely',
      kind: 'private',
      reviewer: { handle: viewer.account.handle },
    });
    expect(Date.parse(review.editableUntil) - Date.parse(review.createdAt)).toBe(7 * DAY);

    const second = await signedUp();
    const other = await showRows({ performerId: performer.user.id, seats: [{ userId: second.user.id }] });
    expect((await second.browser.post(`/api/shows/${other}/review`, { stars: 5 })).status).toBe(201);

    const profile = await reviewsOf(performer.account.handle);
    expect(profile.average).toBe(4.5);
    expect(profile.count).toBe(2);
    expect(profile.recent.map((r) => [r.stars, r.comment, r.reviewer?.handle])).toEqual(
      expect.arrayContaining([
        [4, 'Lovely', viewer.account.handle],
        [5, '', second.account.handle],
      ]),
    );
    expect(await (await viewer.browser.fetch(`/api/shows/${showId}/review`)).json()).toEqual({ review });
  });

  it('show an anonymous show’s review as Anonymous, with the viewer named nowhere', async () => {
    const { performer, viewer, showId } = await paidShow({ anonymous: true });
    const posted = await viewer.browser.post(`/api/shows/${showId}/review`, { stars: 2, comment: 'Too short' });
    expect(((await posted.json()) as OwnReviewResponse).review.reviewer).toBeNull();
    const text = await (await performer.browser.fetch(`/api/performers/${performer.account.handle}/reviews`)).text();
    expect(JSON.parse(text)).toMatchObject({ count: 1, recent: [{ stars: 2, comment: 'Too short', reviewer: null }] });
    expect(text).not.toContain(viewer.account.handle);
    expect(text).not.toContain(viewer.account.displayName);
  });

  it('keep one review when the same one is sent many times at once, each answered with it', async () => {
    const { viewer, showId } = await paidShow();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        viewer.browser.post(`/api/shows/${showId}/review`, { stars: 5, comment: 'Wow' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as OwnReviewResponse).review.id)));
    expect(ids.size).toBe(1);
    expect((await reviewCount(showId))?.n).toBe(1);
  });

  it('keep exactly one of two different reviews sent at once, and refuse the other as already rated', async () => {
    const { viewer, showId } = await paidShow();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((stars) => viewer.browser.post(`/api/shows/${showId}/review`, { stars })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(await errorOf(refused)).toMatchObject({ code: 'ALREADY_REVIEWED' });
    expect((await reviewCount(showId))?.n).toBe(1);
  });

  it('let the viewer change their review for 7 days, then refuse the change', async () => {
    const { performer, viewer, showId } = await paidShow();
    expect((await viewer.browser.post(`/api/shows/${showId}/review`, { stars: 1 })).status).toBe(201);
    const changed = await viewer.browser.fetch(`/api/shows/${showId}/review`, {
      method: 'PUT',
      json: { stars: 5, comment: 'Changed my mind' },
    });
    expect(changed.status).toBe(200);
    expect((await reviewsOf(performer.account.handle)).recent[0]).toMatchObject({
      stars: 5,
      comment: 'Changed my mind',
    });

    await env.DB.prepare('update show_reviews set created_at = ? where show_id = ?')
      .bind(Date.now() - 7 * DAY - 1_000, showId)
      .run();
    const late = await viewer.browser.fetch(`/api/shows/${showId}/review`, { method: 'PUT', json: { stars: 2 } });
    expect(await errorOf(late)).toMatchObject({ status: 409, code: 'REVIEW_CLOSED' });
    expect((await reviewsOf(performer.account.handle)).recent[0]?.stars).toBe(5);
  });

  it('refuse a first review more than 7 days after the show ended', async () => {
    const performer = await signedUp({ role: 'performer' });
    const viewer = await signedUp();
    const showId = await showRows({
      performerId: performer.user.id,
      endedAt: Date.now() - 8 * DAY,
      seats: [{ userId: viewer.user.id }],
    });
    const answer = await viewer.browser.post(`/api/shows/${showId}/review`, { stars: 3 });
    expect(await errorOf(answer)).toMatchObject({ status: 409, code: 'REVIEW_CLOSED' });
    expect((await reviewCount(showId))?.n).toBe(0);
  });

  it('refuse unknown shows, other people’s shows, spies and shows still running, changing nothing', async () => {
    const { performer, viewer, showId } = await paidShow();
    const stranger = await signedUp();
    const spy = await signedUp();
    const spied = await showRows({
      performerId: performer.user.id,
      seats: [{ userId: viewer.user.id }, { userId: spy.user.id, role: 'spy' }],
    });
    const running = await showRows({
      performerId: performer.user.id,
      endedAt: null,
      seats: [{ userId: viewer.user.id }],
    });
    const before = await countRows('show_reviews');
    const post = (who: Browser, id: string) => who.post(`/api/shows/${id}/review`, { stars: 5 });

    expect(await errorOf(await post(viewer.browser, crypto.randomUUID()))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await errorOf(await post(stranger.browser, showId))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(await post(performer.browser, showId))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(await post(spy.browser, spied))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(await post(viewer.browser, running))).toMatchObject({ status: 409, code: 'SHOW_NOT_ENDED' });
    const edit = await stranger.browser.fetch(`/api/shows/${showId}/review`, { method: 'PUT', json: { stars: 1 } });
    expect(await errorOf(edit)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const nothingToEdit = await viewer.browser.fetch(`/api/shows/${showId}/review`, {
      method: 'PUT',
      json: { stars: 1 },
    });
    expect(await errorOf(nothingToEdit)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await errorOf(await new Browser().post(`/api/shows/${showId}/review`, { stars: 5 }))).toMatchObject({
      status: 401,
    });
    expect(await countRows('show_reviews')).toBe(before);
  });

  it('refuse stars outside 1 to 5 and over-long comments, naming the field', async () => {
    const { viewer, showId } = await paidShow();
    for (const body of [{ stars: 0 }, { stars: 6 }, { stars: 2.5 }, { stars: '5' }, {}]) {
      const answer = await viewer.browser.post(`/api/shows/${showId}/review`, body);
      expect(await errorOf(answer)).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: { stars: expect.any(String) },
      });
    }
    const long = await viewer.browser.post(`/api/shows/${showId}/review`, { stars: 5, comment: 'x'.repeat(501) });
    expect(await errorOf(long)).toMatchObject({ status: 400, fields: { comment: expect.any(String) } });
    expect((await reviewCount(showId))?.n).toBe(0);
  });

  it('can be reported once per person into the admin queue, and taken down from the profile there', async () => {
    const { performer, viewer, showId } = await paidShow({ anonymous: true });
    const posted = (await (
      await viewer.browser.post(`/api/shows/${showId}/review`, { stars: 1, comment: 'rude words' })
    ).json()) as OwnReviewResponse;
    const reporter = await signedUp();
    const report = (body: unknown) => reporter.browser.post(`/api/shows/reviews/${posted.review.id}/report`, body);
    const [first, again] = await Promise.all([
      report({ reason: 'harassment', text: 'Insulting' }),
      report({ reason: 'harassment', text: 'Insulting' }),
    ]);
    expect([first.status, again.status]).toEqual([201, 201]);
    const { reportId } = (await first.json()) as ReviewReportResponse;
    expect(((await again.json()) as ReviewReportResponse).reportId).toBe(reportId);
    expect(await errorOf(await report({ reason: 'nonsense' }))).toMatchObject({ status: 400 });
    const own = await viewer.browser.post(`/api/shows/reviews/${posted.review.id}/report`, { reason: 'spam' });
    expect(await errorOf(own)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const unknown = await reporter.browser.post(`/api/shows/reviews/${crypto.randomUUID()}/report`, { reason: 'spam' });
    expect(await errorOf(unknown)).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    const queued = (await (await asAdminFetch(`/api/admin/reports/${reportId}`)).json()) as { report: AdminReport };
    expect(queued.report).toMatchObject({
      target: 'review',
      reason: 'harassment',
      author: { handle: viewer.account.handle },
      performer: { handle: performer.account.handle },
      evidence: { review: { id: posted.review.id, stars: 1, comment: 'rude words', anonymous: true } },
    });
    const resolved = await asAdminFetch(`/api/admin/reports/${reportId}/resolve`, {
      method: 'POST',
      json: { action: 'delete_message', note: 'Insults in a review' },
    });
    expect(resolved.status).toBe(200);
    expect(await reviewsOf(performer.account.handle)).toEqual({ average: null, count: 0, recent: [] });
    const edit = await viewer.browser.fetch(`/api/shows/${showId}/review`, { method: 'PUT', json: { stars: 5 } });
    expect(await errorOf(edit)).toMatchObject({ status: 409, code: 'REVIEW_CLOSED' });
  });

  it('answer an unknown performer’s reviews with 404 and a performer without any with an empty rating', async () => {
    expect(await errorOf(await new Browser().fetch('/api/performers/nobody_here/reviews'))).toMatchObject({
      status: 404,
    });
    const performer = await signedUp({ role: 'performer' });
    expect(await reviewsOf(performer.account.handle)).toEqual({ average: null, count: 0, recent: [] });
  });
});
