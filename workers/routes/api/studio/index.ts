import { router } from '../../../app.ts';
import { studioApps } from './apps.ts';
import { studioDevices } from './devices.ts';
import { studioEarnings } from './earnings-and-payouts.ts';
import { studioGeo } from './geo.ts';
import { studioLive } from './live.ts';
import { studioRoom } from './menu-and-goal.ts';
import { studioNowPlaying } from './now-playing.ts';
import { studioRequests } from './requests.ts';
import { studioShows } from './shows.ts';
import { verification } from './verification.ts';

/** /api/studio: the performer's side, one file per sub-path. */
export const studio = router()
  .route('/', studioEarnings)
  .route('/', studioLive)
  .route('/verification', verification)
  .route('/', studioRoom)
  .route('/', studioGeo)
  .route('/apps', studioApps)
  .route('/', studioNowPlaying)
  .route('/', studioDevices)
  .route('/', studioRequests)
  .route('/', studioShows);
