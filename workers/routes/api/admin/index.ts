import { createRoute } from '@hono/zod-openapi';
import { AdminMeResponse } from '../../../../wire/admin.ts';
import { requireAccess } from '../../../access/verify.ts';
import { router } from '../../../app.ts';
import { errors, json } from '../../../openapi.ts';
import { adminAuditLog } from './audit.ts';
import { adminFigures } from './figures.ts';
import { adminKyc } from './kyc.ts';
import { adminMoney } from './payouts.ts';
import { adminReports } from './reports.ts';
import { adminUsers } from './users.ts';

/** Everything under /api/admin needs a verified Cloudflare Access token for an allow-listed email. */
export const admin = router(requireAccess)
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Admin'],
      summary: 'The signed-in admin (from the Access token)',
      responses: {
        200: json(AdminMeResponse, 'The admin'),
        ...errors([401, 'No Access token'], [403, 'Token refused']),
      },
    }),
    (c) => c.json({ admin: { email: c.get('adminEmail') } }, 200),
  )
  .route('/', adminMoney)
  .route('/kyc', adminKyc)
  .route('/', adminAuditLog)
  .route('/', adminReports)
  .route('/', adminUsers)
  .route('/', adminFigures);
