import { createRoute } from '@hono/zod-openapi';
import {
  OwnReviewResponse,
  ReviewBody,
  ReviewReportBody,
  ReviewReportResponse,
  ShowReviewParam,
} from '../../../wire/show-reviews.ts';
import { router } from '../../app.ts';
import { currentUser } from '../../auth/session.ts';
import { errors, json, jsonBody } from '../../openapi.ts';
import { reportReview } from '../../shows/review-reports.ts';
import { editReview, ownReview, postReview } from '../../shows/reviews.ts';

const tags = ['Shows'];
const writeErrors = errors(
  [400, 'Stars outside 1 to 5, or a comment too long'],
  [401, 'Not signed in'],
  [403, "Not this show's paying viewer"],
  [404, 'No such show (or, to edit, no review yet)'],
  [409, 'Already rated, the show still running, or the review window closed'],
);

/** /api/shows: the viewer's review of a show they paid for, and reports about reviews. */
export const showReviews = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/review',
      tags,
      summary: 'Rate a show you paid for, once (1 to 5 stars, optional comment), within 7 days of its end',
      request: { params: ShowReviewParam, body: jsonBody(ReviewBody) },
      responses: { 201: json(OwnReviewResponse, 'Your review (the same one again on a resend)'), ...writeErrors },
    }),
    async (c) => {
      const user = currentUser(c);
      const review = await postReview(c.env.DB, c.req.valid('param').id, user.id, c.req.valid('json'));
      return c.json({ review }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/review',
      tags,
      summary: 'Change your review of a show, for 7 days after writing it',
      request: { params: ShowReviewParam, body: jsonBody(ReviewBody) },
      responses: { 200: json(OwnReviewResponse, 'Your changed review'), ...writeErrors },
    }),
    async (c) => {
      const user = currentUser(c);
      const review = await editReview(c.env.DB, c.req.valid('param').id, user.id, c.req.valid('json'));
      return c.json({ review }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/review',
      tags,
      summary: 'Your own review of a show, with until when you can change it',
      request: { params: ShowReviewParam },
      responses: {
        200: json(OwnReviewResponse, 'Your review'),
        ...errors([401, 'Not signed in'], [404, 'Not rated (yet)']),
      },
    }),
    async (c) => c.json({ review: await ownReview(c.env.DB, c.req.valid('param').id, currentUser(c).id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{id}/report',
      tags,
      summary: 'Report a show review to the moderators (once per review; a resend is the same report)',
      request: { params: ShowReviewParam, body: jsonBody(ReviewReportBody) },
      responses: {
        201: json(ReviewReportResponse, 'The report'),
        ...errors(
          [400, 'Unknown reason or text too long'],
          [401, 'Not signed in'],
          [403, 'Your own review'],
          [404, 'No such review'],
        ),
      },
    }),
    async (c) => {
      const reportId = await reportReview(c.env.DB, c.req.valid('param').id, currentUser(c).id, c.req.valid('json'));
      return c.json({ reportId }, 201);
    },
  );
