import type { ReviewReportBody } from '../../wire/show-reviews.ts';
import { sha256Hex } from '../auth/encoding.ts';
import { ApiError } from '../errors.ts';
import { reviewById } from './reviews.ts';

/** What a review report keeps as evidence: the review as it read when reported (it may be edited later). */
export type ReviewEvidence = {
  capturedAt: string;
  review: { id: string; showId: string; kind: string; stars: number; comment: string; anonymous: boolean };
};

/**
 * Files a report about a show review into the same admin queue as chat reports (target `review`, the
 * reviewer as the author, so warn and suspend act on them). One report per reporter and review: its id is
 * derived from both, so a resend or a duplicate sent at once is the same report.
 */
export async function reportReview(
  db: D1Database,
  reviewId: string,
  reporterId: string,
  body: { reason: ReviewReportBody['reason']; text: string },
  now = Date.now(),
): Promise<string> {
  const review = await reviewById(db, reviewId);
  if (!review || review.removedAt !== null) throw new ApiError(404, 'NOT_FOUND', 'No such review');
  if (review.reviewerId === reporterId) throw new ApiError(403, 'FORBIDDEN', 'You cannot report your own review');
  const id = `review-${(await sha256Hex(`${reviewId}:${reporterId}`)).slice(0, 32)}`;
  const evidence: ReviewEvidence = {
    capturedAt: new Date(now).toISOString(),
    review: {
      id: review.id,
      showId: review.showId,
      kind: review.kind,
      stars: review.stars,
      comment: review.comment,
      anonymous: review.anonymous,
    },
  };
  await db
    .prepare(
      `insert or ignore into reports (id, reporter_id, performer_id, target, message_author_id, reason, text,
         evidence, created_at)
       values (?, ?, ?, 'review', ?, ?, ?, ?, ?)`,
    )
    .bind(id, reporterId, review.performerId, review.reviewerId, body.reason, body.text, JSON.stringify(evidence), now)
    .run();
  return id;
}

/** The reported review's id, from a review report's evidence. */
export function reportedReviewId(evidence: Record<string, unknown>): string | null {
  const review = evidence.review as { id?: unknown } | undefined;
  return typeof review?.id === 'string' ? review.id : null;
}
