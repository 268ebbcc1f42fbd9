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
import { router } from '../../../app.ts';
import { adminAudit } from '../../../audit/log.ts';
import type { AppEnv } from '../../../env.ts';
import { ApiError } from '../../../errors.ts';
import { Account } from '../../../money/accounts.ts';
import { walletAdjustmentDraft } from '../../../money/adjustments.ts';
import { walletHistory } from '../../../money/history.ts';
import { balanceOf, commit } from '../../../money/ledger.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { freezeStatement, suspendAccount, unsuspendStatement } from '../../../safety/suspension.ts';

const tags = ['Admin'];
const UserParam = z.object({ userId: z.string().min(1).max(64) });
type UserRow = {
  id: string;
  email: string;
  handle: string;
  display_name: string;
  role: 'viewer' | 'performer';
  status: 'active' | 'suspended';
  created_at: number;
};

const summary = (r: UserRow) => ({
  id: r.id,
  email: r.email,
  handle: r.handle,
  displayName: r.display_name,
  role: r.role,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
});

async function userRow(c: Context<AppEnv>, userId: string): Promise<UserRow> {
  const row = await c.env.DB.prepare(
    'select id, email, handle, display_name, role, status, created_at from users where id = ?',
  )
    .bind(userId)
    .first<UserRow>();
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such user');
  return row;
}

async function accountState(db: D1Database, userId: string, socketsClosed?: number) {
  const row = await db
    .prepare(
      'select u.status, exists(select 1 from wallet_freezes f where f.user_id = u.id) as frozen from users u where u.id = ?',
    )
    .bind(userId)
    .first<{ status: 'active' | 'suspended'; frozen: number }>();
  return {
    status: row?.status ?? 'suspended',
    frozen: row?.frozen === 1,
    ...(socketsClosed === undefined ? {} : { socketsClosed }),
  };
}

const stateRoute = (path: string, summaryText: string) =>
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
      const text = c.req.valid('query').q.toLowerCase().replace(/^@/, '');
      const like = `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const { results } = await c.env.DB.prepare(
        `select id, email, handle, display_name, role, status, created_at from users
          where email like ?1 escape '\\' or handle like ?1 escape '\\' or id = ?2 order by handle limit 25`,
      )
        .bind(like, text)
        .all<UserRow>();
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
        db
          .prepare(
            'select coalesce(v.status, p.kyc_status) as status from performer_profiles p left join kyc_verifications v on v.user_id = p.user_id where p.user_id = ?',
          )
          .bind(user.id)
          .first<{ status: string }>(),
        db
          .prepare('select reason, frozen_by, created_at from wallet_freezes where user_id = ?')
          .bind(user.id)
          .first<{ reason: string; frozen_by: string | null; created_at: number }>(),
        balanceOf(db, Account.wallet(user.id)),
        user.role === 'performer' ? balanceOf(db, Account.earnings(user.id)) : Promise.resolve(null),
        walletHistory(db, user.id, undefined, 20),
        db
          .prepare(
            "select count(*) as n from reports where status = 'open' and (performer_id = ?1 or message_author_id = ?1)",
          )
          .bind(user.id)
          .first<{ n: number }>(),
        adminAudit(c, 'user.view', 'user', user.id).run(),
      ]);
      return c.json(
        {
          user: {
            ...summary(user),
            kycStatus: kyc?.status ?? 'none',
            wallet: {
              balance,
              frozen: freeze
                ? {
                    reason: freeze.reason,
                    frozenBy: freeze.frozen_by,
                    since: new Date(freeze.created_at).toISOString(),
                  }
                : null,
              recent: history.items,
            },
            earnings,
            openReports: reports?.n ?? 0,
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
        c.env.DB.prepare('delete from wallet_freezes where user_id = ?').bind(user.id),
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
