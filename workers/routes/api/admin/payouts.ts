import { createRoute, z } from '@hono/zod-openapi';
import { Payout } from '../../../../wire/money.ts';
import { shownText } from '../../../../wire/text.ts';
import { findUserById } from '../../../accounts/users.ts';
import { router } from '../../../app.ts';
import { adminAudit } from '../../../audit/log.ts';
import { database } from '../../../db/index.ts';
import { ApiError } from '../../../errors.ts';
import { Account } from '../../../money/accounts.ts';
import { checkLedger } from '../../../money/check.ts';
import { moneyConfig } from '../../../money/config.ts';
import { debtWriteOffDraft } from '../../../money/drafts.ts';
import { balanceOf, commit, entryCount } from '../../../money/ledger.ts';
import {
  failPayout,
  reconcilePayout,
  refuseUnpayableAccounts,
  settlePayout,
} from '../../../money/payout-settlement.ts';
import { type AdminPayoutRow, payoutsByStatus, toPayout } from '../../../money/payouts.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { paymentProvider } from '../../../payments/index.ts';
import { unfreezeStatement } from '../../../safety/suspension.ts';

const tags = ['Admin'];
const AdminPayout = Payout.extend({ performerHandle: z.string(), approvedBy: z.string().nullable() });
const toAdmin = (r: AdminPayoutRow) => ({ ...toPayout(r), performerHandle: r.handle, approvedBy: r.approvedBy });

/** Admin money routes, mounted inside the Access-protected admin router. */
export const adminMoney = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/payouts',
      tags,
      summary: 'Payouts, oldest first, by status',
      request: {
        query: z.object({ status: z.enum(['requested', 'approved', 'paid', 'failed']).default('requested') }),
      },
      responses: { 200: json(z.object({ payouts: z.array(AdminPayout) }), 'Payouts') },
    }),
    async (c) => {
      const results = await payoutsByStatus(c.env.DB, c.req.valid('query').status, 500);
      return c.json({ payouts: results.map(toAdmin) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payouts/approve',
      tags,
      summary: 'Approve a batch of payouts and send them through the payout provider',
      request: { body: jsonBody(z.object({ ids: z.array(z.string().min(1)).min(1).max(100) })) },
      responses: {
        200: json(
          z.object({ payouts: z.array(Payout) }),
          'Each payout as it ended: paid, failed with the reason, ' +
            'or still approved when the provider gave no answer (reconcile it)',
        ),
        ...errors([409, "A performer's payout account cannot be paid now; nothing was sent"]),
      },
    }),
    async (c) => {
      const provider = paymentProvider(c.env, new URL(c.req.url).origin);
      const { ids } = c.req.valid('json');
      // The whole batch or none of it: one disabled account is named before any transfer is sent.
      await refuseUnpayableAccounts(c.env.DB, ids);
      const payouts: Payout[] = [];
      try {
        // One at a time: transfers are few, and each is independent of the others' outcome.
        for (const id of ids) payouts.push(await settlePayout(c.env.DB, provider, id, c.get('adminEmail')));
      } finally {
        // One row for the batch, written even when one throws half-way (a 404): what was sent is recorded.
        const outcomes = Object.fromEntries(payouts.map((p) => [p.id, p.status]));
        await adminAudit(c, 'payout.approve', 'payout', ids.join(' '), { ids, outcomes }).run();
      }
      return c.json({ payouts }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payouts/{id}/fail',
      tags,
      summary: 'Mark a requested payout failed (for example, bad bank details); the money goes back to earnings',
      request: {
        params: z.object({ id: z.string() }),
        body: jsonBody(z.object({ reason: shownText().trim().min(3).max(300) })),
      },
      responses: {
        200: json(z.object({ payout: Payout }), 'The failed payout'),
        ...errors([404, 'No such payout'], [409, 'Already settled, or sent to the provider and not yet reconciled']),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const { performerId, ...payout } = await failPayout(c.env.DB, id, reason);
      // After the booking (failPayout owns its batch); a refusal above leaves no row, as nothing changed.
      await adminAudit(c, 'payout.fail', 'payout', id, { reason, amount: payout.amount, performerId }).run();
      return c.json({ payout }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payouts/{id}/reconcile',
      tags,
      summary:
        'Settle an approved payout from the provider’s record: ' +
        'paid if its transfer exists, otherwise back to requested',
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: json(z.object({ payout: Payout }), 'The payout as it now stands'),
        ...errors([404, 'No such payout'], [409, 'No transfer yet, but one may still be in flight']),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const payout = await reconcilePayout(c.env.DB, paymentProvider(c.env, new URL(c.req.url).origin), id);
      await adminAudit(c, 'payout.reconcile', 'payout', id, { status: payout.status }).run();
      return c.json({ payout }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payouts.csv',
      tags,
      summary: 'Approved (or paid) payouts as CSV, for manual processors',
      request: { query: z.object({ status: z.enum(['approved', 'paid']).default('approved') }) },
      responses: { 200: { description: 'CSV, one payout per row', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      const results = await payoutsByStatus(c.env.DB, status);
      // The export carries who gets paid how much: a reveal, so it is audited like a change.
      await adminAudit(c, 'payouts.export', 'payout', status, { count: results.length }).run();
      const lines = [
        'payout_id,performer_handle,amount_usd,status,requested_at,approved_by',
        ...results.map((r) =>
          [
            r.id,
            r.handle,
            (r.amount / 100).toFixed(2),
            r.status,
            new Date(r.requestedAt).toISOString(),
            r.approvedBy ?? '',
          ]
            .map(csvCell)
            .join(','),
        ),
      ];
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="payouts-${status}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(`${lines.join('\r\n')}\r\n`, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ledger/check',
      tags,
      summary: 'Check the ledger invariants now',
      responses: { 200: json(z.object({ ok: z.boolean() }).passthrough(), 'The ledger report') },
    }),
    async (c) => {
      const report = await checkLedger(c.env.DB, { feePercent: moneyConfig(c.env).platformFeePercent });
      await adminAudit(c, 'ledger.check', 'ledger', 'all', { ok: report.ok }).run();
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/wallets/{userId}/settle',
      tags,
      summary: "Settle a frozen wallet: write off the buyer's unpaid debt (optional) and let them tip again",
      request: {
        params: z.object({ userId: z.string() }),
        body: jsonBody(z.object({ reason: shownText().trim().min(3).max(300), writeOffDebt: z.boolean() })),
      },
      responses: {
        200: json(z.object({ debt: z.number().int(), frozen: z.boolean() }), 'The debt left and the freeze state'),
        ...errors([404, 'No such user']),
      },
    }),
    async (c) => {
      const { userId } = c.req.valid('param');
      const { reason, writeOffDebt } = c.req.valid('json');
      const db = c.env.DB;
      if (!(await findUserById(database(c.env), userId))) throw new ApiError(404, 'NOT_FOUND', 'No such user');
      const debt = -(await balanceOf(db, Account.debt(userId)));
      const unfreeze = unfreezeStatement(db, userId);
      const audit = adminAudit(c, 'wallet.settle', 'user', userId, { reason, writeOffDebt, debt });
      if (writeOffDebt && debt > 0) {
        // Keyed by the debt's size: a double click writes it off once; a later, new debt gets its own key.
        const key = `debt-write-off:${userId}:${await entryCount(db, Account.debt(userId))}`;
        // A replayed double click writes nothing, the audit row included: one change, one row.
        await commit(db, debtWriteOffDraft({ userId, amount: debt, adminEmail: c.get('adminEmail'), reason }), key, [
          unfreeze,
          audit,
        ]);
      } else {
        await db.batch([unfreeze, audit]);
      }
      return c.json({ debt: -(await balanceOf(db, Account.debt(userId))), frozen: false }, 200);
    },
  );

/** Quotes a CSV cell, and defuses spreadsheet formulas (a handle cannot start with one, but be sure). */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
