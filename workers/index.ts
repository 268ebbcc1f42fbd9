import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { devAccess } from './access/dev-access.ts';
import { router } from './app.ts';
import { readSession } from './auth/session.ts';
import type { AppEnv } from './env.ts';
import { notFound, onError } from './errors.ts';
import { limitBodies } from './middleware/body-limit.ts';
import { sameOrigin } from './middleware/same-origin.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { admin } from './routes/admin.ts';
import { adminPages } from './routes/admin-pages.ts';
import { auth } from './routes/auth.ts';
import { documentApi } from './routes/docs.ts';
import { health } from './routes/health.ts';
import { me } from './routes/me.ts';
import { media } from './routes/media.ts';
import { performers } from './routes/performers.ts';

// The JSON API: every route is typed with zod and listed in /api/openapi.json.
const api = router();
api.use('*', limitBodies, readSession);
api.route('/health', health);
api.route('/auth', auth);
api.route('/me', me);
api.route('/performers', performers);
api.route('/admin', admin);
documentApi(api);

const app = new Hono<AppEnv>();
app.use(requestId(), securityHeaders, sameOrigin);
app.route('/api', api);
app.route('/media', media);
app.route('/admin', adminPages);
app.route('/dev/access', devAccess);
app.onError(onError);
app.notFound(notFound);

export default app satisfies ExportedHandler<Env>;
export { Room } from '../durable-objects/room.ts';
