import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  AccountState,
  AdjustmentBody,
  AdjustmentResponse,
  ReasonBody,
  UserProfileResponse,
  UserSearchQuery,
  UserSearchResponse,
} from '../../../../wire/admin-users.ts';
import { findUserById, searchUsers } from '../../../accounts/users.ts';
import { router } from '../../../app.ts';
import { adminAudit } from '../../../audit/log.ts';
import { database } from '../../../db/index.ts';
import type { User } from '../../../db/schema.ts';
import type { AppEnv } from '../../../env.ts';
import { ApiError } from '../../../errors.ts';
import { kycStatusOf } from '../../../kyc/records.ts';
import { Account } from '../../../money/accounts.ts';
import { walletAdjustmentDraft } from '../../../money/adjustments.ts';
import { walletHistory } from '../../../money/history.ts';
import { balanceOf, commit } from '../../../money/ledger.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { openReportsAbout } from '../../../safety/reports.ts';
import {
  accountStateOf,
  freezeStatement,
  suspendAccount,
  unfreezeStatement,
  unsuspendStatement,
  walletFreezeOf,
} from '../../../safety/suspension.ts';

const tags = ['Admin'];
const UserParam = z.object({ userId: z.string().min(1).max(64) });
const summary = (r: User) => ({
  id: r.id,
  email: r.email,
  handle: r.handle,
  displayName: r.displayName,
  role: r.role,
  status: r.status,
  createdAt: new Date(r.createdAt).toISOString(),
});

async function userRow(c: Context<AppEnv>, userId: string): Promise<User> {
  const row = await findUserById(database(c.env), userId);
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such user');
  return row;
}

async function accountState(db: D1Database, userId: string, socketsClosed?: number) {
  return { ...(await accountStateOf(db, userId)), ...(socketsClosed === undefined ? {} : { socketsClosed }) };
}

const stateRoute = <P extends string>(path: P, summaryText: string) =>
  createRoute({
    method: 'post',
    path,
    tags,
    summary: summaryText,
    request: { params: UserParam, body: jsonBody(ReasonBody) },
    responses: {
      200: json(AccountState, 'The account now'),
      ...errors([400, 'No reason given'], [404, 'No such user']),
    },
  });

/** Users: find an account, see it whole, suspend it, freeze its wallet, adjust its tokens. */
export const adminUsers = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags,
      summary: 'Find accounts by the start of their email or handle',
      request: { query: UserSearchQuery },
      responses: { 200: json(UserSearchResponse, 'Up to 25 matches'), ...errors([400, 'No search text']) },
    }),
    async (c) => {
      const results = await searchUsers(database(c.env), c.req.valid('query').q);
      return c.json({ users: results.map(summary) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users/{userId}',
      tags,
      summary: 'One account: role, status, KYC, wallet and its recent entries (audited as a view)',
      request: { params: UserParam },
      responses: { 200: json(UserProfileResponse, 'The account'), ...errors([404, 'No such user']) },
    }),
    async (c) => {
      const db = c.env.DB;
      const user = await userRow(c, c.req.valid('param').userId);
      const [kyc, freeze, balance, earnings, history, reports] = await Promise.all([
        kycStatusOf(db, user.id),
        walletFreezeOf(db, user.id),
        balanceOf(db, Account.wallet(user.id)),
        user.role === 'performer' ? balanceOf(db, Account.earnings(user.id)) : Promise.resolve(null),
        walletHistory(db, user.id, undefined, 20),
        openReportsAbout(db, user.id),
        adminAudit(c, 'user.view', 'user', user.id).run(),
      ]);
      return c.json(
        {
          user: {
            ...summary(user),
            kycStatus: kyc ?? 'none',
            wallet: {
              balance,
              frozen: freeze
                ? {
                    reason: freeze.reason,
                    frozenBy: freeze.frozenBy,
                    since: new Date(freeze.createdAt).toISOString(),
                  }
                : null,
              recent: history.items,
            },
            earnings,
            openReports: reports,
          },
        },
        200,
      );
    },
  )
  .openapi(
    stateRoute('/users/{userId}/suspend', 'Suspend an account: its sessions end and its room sockets close'),
    async (c) => {
      const user = await userRow(c, c.req.valid('param').userId);
      const { reason } = c.req.valid('json');
      const { socketsClosed } = await suspendAccount(c.env, user.id, [
        adminAudit(c, 'user.suspend', 'user', user.id, { reason }),
      ]);
      return c.json(await accountState(c.env.DB, user.id, socketsClosed), 200);
    },
  )
  .openapi(
    stateRoute('/users/{userId}/unsuspend', 'Restore a suspended account (the user signs in again)'),
    async (c) => {
      const user = await userRow(c, c.req.valid('param').userId);
      const { reason } = c.req.valid('json');
      await c.env.DB.batch([
        unsuspendStatement(c.env.DB, user.id),
        adminAudit(c, 'user.unsuspend', 'user', user.id, { reason }),
      ]);
      return c.json(await accountState(c.env.DB, user.id), 200);
    },
  )
  .openapi(
    stateRoute('/users/{userId}/freeze', 'Freeze a wallet: it cannot tip or spend until unfrozen'),
    async (c) => {
      const user = await userRow(c, c.req.valid('param').userId);
      const { reason } = c.req.valid('json');
      await c.env.DB.batch([
        freezeStatement(c.env.DB, user.id, reason, c.get('adminEmail')),
        adminAudit(c, 'wallet.freeze', 'user', user.id, { reason }),
      ]);
      return c.json(await accountState(c.env.DB, user.id), 200);
    },
  )
  .openapi(
    stateRoute(
      '/users/{userId}/unfreeze',
      'Unfreeze a wallet (a chargeback debt is settled with /wallets/{userId}/settle)',
    ),
    async (c) => {
      const user = await userRow(c, c.req.valid('param').userId);
      const { reason } = c.req.valid('json');
      await c.env.DB.batch([
        unfreezeStatement(c.env.DB, user.id),
        adminAudit(c, 'wallet.unfreeze', 'user', user.id, { reason }),
      ]);
      return c.json(await accountState(c.env.DB, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{userId}/adjustments',
      tags,
      summary: 'Give or take back tokens with a reason, against platform:promotions (never below zero; audited)',
      request: { params: UserParam, body: jsonBody(AdjustmentBody) },
      responses: {
        200: json(AdjustmentResponse, 'The adjustment (or the first one, for a repeated key)'),
        ...errors(
          [400, 'Zero, too large, or no reason'],
          [404, 'No such user'],
          [409, 'More than the wallet holds, or the key was used for another adjustment'],
        ),
      },
    }),
    async (c) => {
      const user = await userRow(c, c.req.valid('param').userId);
      const { amount, reason, idempotencyKey } = c.req.valid('json');
      const draft = walletAdjustmentDraft({ userId: user.id, amount, adminEmail: c.get('adminEmail'), reason });
      // The audit row rides in the money batch: an adjustment and its trace land together or not at all.
      // A repeated key writes neither again: the one adjustment keeps its one row.
      const done = await commit(c.env.DB, draft, `admin-adjustment:${user.id}:${idempotencyKey}`, [
        adminAudit(c, 'wallet.adjust', 'user', user.id, { amount, reason, idempotencyKey }),
      ]);
      return c.json({ ...done, balance: await balanceOf(c.env.DB, Account.wallet(user.id)) }, 200);
    },
  );
