import { z } from 'zod';
import { REPORT_TEXT_MAX, ReportReason } from './moderation.ts';
import { shownText } from './text.ts';

/**
 * Reviews of paid shows: after a show its paying viewer rates it once (1 to 5 stars, an optional comment) and
 * may edit that review for REVIEW_EDIT_DAYS. The same schemas check the form and the API.
 */
export const REVIEW_COMMENT_MAX = 500;
/** A show can be reviewed this long after it ended, and a review edited this long after it was written. */
export const REVIEW_EDIT_DAYS = 7;
export const RECENT_REVIEWS = 10;

export const ReviewBody = z.object({
  stars: z
    .number({ message: 'Choose 1 to 5 stars' })
    .int('Choose 1 to 5 stars')
    .min(1, 'Choose 1 to 5 stars')
    .max(5, 'Choose 1 to 5 stars'),
  comment: shownText().trim().max(REVIEW_COMMENT_MAX, `At most ${REVIEW_COMMENT_MAX} characters`).default(''),
});
export type ReviewBody = z.input<typeof ReviewBody>;

export const ShowReviewParam = z.object({ id: z.string().min(1).max(64) });

/** A review as anyone sees it: an anonymous show's viewer is `reviewer: null` ("Anonymous") everywhere. */
export const ShowReview = z.object({
  id: z.string(),
  stars: z.number().int(),
  comment: z.string(),
  reviewer: z.object({ handle: z.string(), displayName: z.string() }).nullable(),
  /** The show's kind (private, group, spy, session-video, …), as the show row names it. */
  kind: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ShowReview = z.infer<typeof ShowReview>;

/** The reviewer's own view adds the show and until when it can still be changed. */
export const OwnShowReview = ShowReview.extend({ showId: z.string(), editableUntil: z.string() });
export type OwnShowReview = z.infer<typeof OwnShowReview>;
export const OwnReviewResponse = z.object({ review: OwnShowReview });
export type OwnReviewResponse = z.infer<typeof OwnReviewResponse>;

/** A performer's rating: the average of all their reviews (null with none) and the most recent ones. */
export const PerformerReviews = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
  recent: z.array(ShowReview),
});
export type PerformerReviews = z.infer<typeof PerformerReviews>;

export const ReviewReportBody = z.object({
  reason: ReportReason,
  text: shownText().trim().max(REPORT_TEXT_MAX).default(''),
});
export type ReviewReportBody = z.input<typeof ReviewReportBody>;
export const ReviewReportResponse = z.object({ reportId: z.string() });
export type ReviewReportResponse = z.infer<typeof ReviewReportResponse>;
