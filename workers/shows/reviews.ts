import { and, avg, count, desc, eq, isNull } from 'drizzle-orm';
import {
  OwnShowReview,
  type PerformerReviews,
  RECENT_REVIEWS,
  REVIEW_EDIT_DAYS,
  type ReviewBody,
  type ShowReview,
} from '../../wire/show-reviews.ts';
import { database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { type ShowReviewRow, showReviews } from '../db/show-reviews-schema.ts';
import { showParticipants, shows } from '../db/shows-schema.ts';
import { ApiError } from '../errors.ts';

/**
 * Show reviews: the show's paying viewer (or a group participant) rates an ended show once, within
 * REVIEW_EDIT_DAYS of its end, and may edit that review for REVIEW_EDIT_DAYS after writing it. Spies watched
 * without taking part, so they do not review.
 */
const WINDOW_MS = REVIEW_EDIT_DAYS * 86_400_000;
type Review = ReviewBody & { stars: number; comment: string };

/** The caller's seat in the show, checked: 404 for no such show, 403 for not theirs, 409 while it runs. */
async function reviewableSeat(db: D1Database, showId: string, userId: string, now: number) {
  const [row] = await database({ DB: db })
    .select({
      performerId: shows.performerId,
      showEnded: shows.endedAt,
      seat: {
        role: showParticipants.role,
        kind: showParticipants.kind,
        anonymous: showParticipants.anonymous,
        tokens: showParticipants.tokens,
        endedAt: showParticipants.endedAt,
      },
    })
    .from(shows)
    .leftJoin(showParticipants, and(eq(showParticipants.showId, shows.id), eq(showParticipants.userId, userId)))
    .where(eq(shows.id, showId));
  // The Room records a show in D1 as it starts (shows/show-opening.ts); a running show stays unknown to strangers.
  const notFound = () => new ApiError(404, 'NOT_FOUND', 'No such show ended (a show can be rated once it ends)');
  if (!row) throw notFound();
  const seat = row.seat;
  if (!seat && row.showEnded === null) throw notFound();
  const forbidden = () => new ApiError(403, 'FORBIDDEN', "Only the show's paying viewer can review it");
  if (!seat || seat.role === 'spy') throw forbidden();
  // A group participant who left has a finished seat while the show runs on: their part of it can be rated.
  const endedAt = seat.endedAt ?? row.showEnded;
  if (endedAt === null) throw new ApiError(409, 'SHOW_NOT_ENDED', 'Rate the show once it has ended');
  if (seat.tokens <= 0) throw forbidden();
  if (now > endedAt + WINDOW_MS)
    throw new ApiError(409, 'REVIEW_CLOSED', `Shows can be rated for ${REVIEW_EDIT_DAYS} days after they end`);
  return { performerId: row.performerId, kind: seat.kind, anonymous: seat.anonymous };
}

function ownReviewOf(db: D1Database, showId: string, reviewerId: string): Promise<ShowReviewRow | undefined> {
  return database({ DB: db })
    .select()
    .from(showReviews)
    .where(and(eq(showReviews.showId, showId), eq(showReviews.reviewerId, reviewerId)))
    .get();
}

/**
 * Rates a show once. The unique (show, reviewer) index decides between duplicates sent at once; a resend
 * of the same review gets the same review back, a different second one is refused (edit it instead).
 */
export async function postReview(
  db: D1Database,
  showId: string,
  reviewerId: string,
  body: Review,
  now = Date.now(),
): Promise<OwnShowReview> {
  const seat = await reviewableSeat(db, showId, reviewerId, now);
  await database({ DB: db })
    .insert(showReviews)
    .values({
      id: crypto.randomUUID(),
      showId,
      reviewerId,
      performerId: seat.performerId,
      kind: seat.kind,
      stars: body.stars,
      comment: body.comment,
      anonymous: seat.anonymous,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const stored = await ownReviewOf(db, showId, reviewerId);
  if (!stored) throw new Error(`review of ${showId} by ${reviewerId} vanished after its insert`);
  if (stored.stars !== body.stars || stored.comment !== body.comment || stored.removedAt !== null)
    throw new ApiError(409, 'ALREADY_REVIEWED', 'You already rated this show; edit your review instead');
  return ownView(db, stored, reviewerId);
}

/** Changes the caller's review while it is younger than REVIEW_EDIT_DAYS (checked again in the update itself). */
export async function editReview(
  db: D1Database,
  showId: string,
  reviewerId: string,
  body: Review,
  now = Date.now(),
): Promise<OwnShowReview> {
  const stored = await ownReviewOf(db, showId, reviewerId);
  if (!stored) {
    // The same answers as posting for a show that is not theirs; otherwise there is simply nothing to edit.
    await reviewableSeat(db, showId, reviewerId, now);
    throw new ApiError(404, 'NOT_FOUND', 'You have not rated this show yet');
  }
  if (stored.removedAt !== null) throw new ApiError(409, 'REVIEW_CLOSED', 'This review was taken down');
  const closed = () =>
    new ApiError(409, 'REVIEW_CLOSED', `A review can be changed for ${REVIEW_EDIT_DAYS} days after it was written`);
  if (now > stored.createdAt + WINDOW_MS) throw closed();
  const [updated] = await database({ DB: db })
    .update(showReviews)
    .set({ stars: body.stars, comment: body.comment, updatedAt: now })
    .where(and(eq(showReviews.id, stored.id), isNull(showReviews.removedAt)))
    .returning();
  if (!updated) throw closed();
  return ownView(db, updated, reviewerId);
}

export async function ownReview(db: D1Database, showId: string, reviewerId: string): Promise<OwnShowReview> {
  const stored = await ownReviewOf(db, showId, reviewerId);
  if (!stored || stored.removedAt !== null) throw new ApiError(404, 'NOT_FOUND', 'You have not rated this show');
  return ownView(db, stored, reviewerId);
}

async function ownView(db: D1Database, row: ShowReviewRow, reviewerId: string): Promise<OwnShowReview> {
  const reviewer = await database({ DB: db })
    .select({ handle: users.handle, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, reviewerId))
    .get();
  return OwnShowReview.parse({
    ...publicView(row, reviewer ?? null),
    showId: row.showId,
    editableUntil: new Date(row.createdAt + WINDOW_MS).toISOString(),
  });
}

function publicView(row: ShowReviewRow, reviewer: { handle: string; displayName: string } | null): ShowReview {
  return {
    id: row.id,
    stars: row.stars,
    comment: row.comment,
    reviewer: row.anonymous ? null : reviewer,
    kind: row.kind,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The profile's rating: the average of the reviews still up, their count, and the latest few. */
export async function performerReviews(db: D1Database, performerId: string): Promise<PerformerReviews> {
  const orm = database({ DB: db });
  const shown = and(eq(showReviews.performerId, performerId), isNull(showReviews.removedAt));
  const [[totals], recent] = await Promise.all([
    orm
      .select({ average: avg(showReviews.stars), count: count() })
      .from(showReviews)
      .where(shown),
    orm
      .select({ review: showReviews, handle: users.handle, displayName: users.displayName })
      .from(showReviews)
      .innerJoin(users, eq(users.id, showReviews.reviewerId))
      .where(shown)
      .orderBy(desc(showReviews.createdAt))
      .limit(RECENT_REVIEWS),
  ]);
  const average = totals?.average == null ? null : Math.round(Number(totals.average) * 10) / 10;
  return {
    average,
    count: totals?.count ?? 0,
    recent: recent.map((r) => publicView(r.review, { handle: r.handle, displayName: r.displayName })),
  };
}

export function reviewById(db: D1Database, id: string): Promise<ShowReviewRow | undefined> {
  return database({ DB: db }).select().from(showReviews).where(eq(showReviews.id, id)).get();
}

/** An admin takes a reported review down: it leaves the profile and the average; the row stays as the record. */
export function removeReviewStatement(db: D1Database, id: string, now = Date.now()): D1PreparedStatement {
  return db.prepare('update show_reviews set removed_at = ? where id = ? and removed_at is null').bind(now, id);
}
