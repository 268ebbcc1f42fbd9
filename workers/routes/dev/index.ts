import { Hono } from 'hono';
import { devAccess } from '../../access/dev-access.ts';
import type { AppEnv } from '../../env.ts';
import { devBench } from './bench.ts';
import { devCheckout } from './checkout.ts';
import { devDevices } from './devices.ts';
import { devMail } from './mail.ts';
import { devPush } from './push.ts';

/** /dev: the local stack's stand-ins (404 wherever they are not enabled, see stand-ins.ts). */
export const dev = new Hono<AppEnv>();
dev.route('/access', devAccess);
dev.route('/', devCheckout);
dev.route('/bench', devBench);
dev.route('/mail', devMail);
dev.route('/push', devPush);
dev.route('/devices', devDevices);
