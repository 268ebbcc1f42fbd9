import { createRoute } from '@hono/zod-openapi';
import { AvailableResponse, ShowAvailability } from '../../../wire/show-availability.ts';
import { PerformerReviews } from '../../../wire/show-reviews.ts';
import { router } from '../../app.ts';
import { errors, HandleParam, json } from '../../openapi.ts';
import { findVisiblePerformer } from '../../performers/visible.ts';
import { pictureUrl } from '../../pictures/store.ts';
import { isRequestBlocked, parseBlockList } from '../../safety/geo.ts';
import { availabilityOf, availableForSessions } from '../../shows/availability.ts';
import { performerReviews } from '../../shows/reviews.ts';

const tags = ['Shows'];

/** /api/performers/:handle/…: what the profile shows of paid shows (rating, reviews, availability). */
export const performerShows = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{handle}/reviews',
      tags,
      summary: "A performer's average show rating, review count and latest reviews",
      request: { params: HandleParam },
      responses: {
        200: json(PerformerReviews, 'The rating and recent reviews'),
        ...errors([404, 'No such performer']),
      },
    }),
    async (c) => {
      const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
      return c.json(await performerReviews(c.env.DB, performer.user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{handle}/availability',
      tags,
      summary: 'Whether the performer takes sessions (kinds and rates) and is in a private or group show now',
      request: { params: HandleParam },
      responses: { 200: json(ShowAvailability, 'Availability'), ...errors([404, 'No such performer']) },
    }),
    async (c) => {
      const { user } = await findVisiblePerformer(c, c.req.valid('param').handle);
      return c.json(await availabilityOf(c.env, user), 200);
    },
  );

/** /api/shows/available: the directory's "Available for sessions" list. */
export const showsAvailable = router().openapi(
  createRoute({
    method: 'get',
    path: '/available',
    tags,
    summary: 'Performers available for one-to-one sessions while not live, with their rates',
    responses: { 200: json(AvailableResponse, 'Up to 100 performers, by name') },
  }),
  async (c) => {
    const rows = await availableForSessions(c.env.DB);
    // As in the live directory: performers who block the viewer's place are not listed to them at all.
    const performers = rows
      .filter((r) => !isRequestBlocked(parseBlockList(r.blockedRegions), c.req.raw, c.env))
      .map((r) => ({
        handle: r.handle,
        displayName: r.displayName,
        avatarUrl: pictureUrl(r.avatarKey),
        tags: r.tags,
        sessions: r.sessions,
      }));
    return c.json({ performers }, 200);
  },
);
