import { router } from '../../app.ts';
import { readSession } from '../../auth/session.ts';
import { limitBodies } from '../../middleware/body-limit.ts';
import { admin } from './admin/index.ts';
import { auth } from './auth.ts';
import { documentApi } from './docs.ts';
import { health } from './health.ts';
import { live } from './live.ts';
import { me } from './me/index.ts';
import { payments } from './payments.ts';
import { performers } from './performers.ts';
import { rooms } from './rooms.ts';
import { studio } from './studio/index.ts';
import { wallet } from './wallet/index.ts';

/** The JSON API at /api: every route is typed with zod and listed in /api/openapi.json. One mount per path. */
export const api = router();
api.use('*', limitBodies, readSession);
api.route('/health', health);
api.route('/auth', auth);
api.route('/me', me);
api.route('/performers', performers);
api.route('/wallet', wallet);
api.route('/payments', payments);
api.route('/studio', studio);
api.route('/rooms', rooms);
api.route('/live', live);
api.route('/admin', admin);
documentApi(api);
