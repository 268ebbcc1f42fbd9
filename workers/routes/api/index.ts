import { router } from '../../app.ts';
import { readSession } from '../../auth/session.ts';
import { limitBodies } from '../../middleware/body-limit.ts';
import { accountEmail } from './account-email.ts';
import { admin } from './admin/index.ts';
import { auth } from './auth.ts';
import { consent } from './consent.ts';
import { documentApi } from './docs.ts';
import { fanClub } from './fan-club.ts';
import { health } from './health.ts';
import { live } from './live.ts';
import { me } from './me/index.ts';
import { notificationsPublic } from './notifications.ts';
import { payments } from './payments.ts';
import { performerShows, showsAvailable } from './performer-shows.ts';
import { performers } from './performers.ts';
import { rooms } from './rooms.ts';
import { showCam } from './show-cam.ts';
import { showReviews } from './show-reviews.ts';
import { studio } from './studio/index.ts';
import { wallet } from './wallet/index.ts';

/** The JSON API at /api: every route is typed with zod and listed in /api/openapi.json. One mount per path. */
export const api = router(limitBodies, readSession)
  .route('/health', health)
  .route('/auth', auth)
  .route('/auth', accountEmail)
  .route('/me', me)
  .route('/performers', performers)
  .route('/performers', fanClub)
  .route('/performers', performerShows)
  .route('/shows', showReviews)
  .route('/shows', showsAvailable)
  .route('/wallet', wallet)
  .route('/payments', payments)
  .route('/studio', studio)
  .route('/rooms', rooms)
  .route('/live', live)
  .route('/live', showCam)
  .route('/notifications', notificationsPublic)
  .route('/admin', admin)
  .route('/consent', consent);
documentApi(api);

/** The API's routes, inputs and answers as one type: `hc<AppType>` in the web app (see workers/api-type.ts). */
export type AppType = typeof api;
