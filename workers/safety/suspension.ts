/**
 * Suspending an account: status `suspended` and the session version bumped in one statement, so
 * every outstanding session token stops working at once (readSession compares both), then the
 * user's sockets are closed (room-control.ts). `also` carries the audit row and any bookkeeping
 * (a report marked actioned) into the same batch.
 */
import { eq } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { walletFreezes } from '../db/money-schema.ts';
import { users } from '../db/schema.ts';
import { disconnectEverywhere } from './room-control.ts';

export type WalletFreeze = typeof walletFreezes.$inferSelect;

export async function suspendAccount(
  env: Env,
  userId: string,
  also: D1PreparedStatement[],
): Promise<{ socketsClosed: number }> {
  await env.DB.batch([
    env.DB.prepare(
      "update users set status = 'suspended', session_version = session_version + 1, updated_at = ? where id = ?",
    ).bind(Date.now(), userId),
    ...also,
  ]);
  return { socketsClosed: await disconnectEverywhere(env, userId) };
}

export function unsuspendStatement(db: D1Database, userId: string): D1PreparedStatement {
  return db.prepare("update users set status = 'active', updated_at = ? where id = ?").bind(Date.now(), userId);
}

/** Freezing is idempotent: a wallet frozen already keeps its first reason and admin. */
export function freezeStatement(
  db: D1Database,
  userId: string,
  reason: string,
  adminEmail: string,
): D1PreparedStatement {
  return db
    .prepare(
      `insert into wallet_freezes (user_id, reason, frozen_by, created_at) values (?, ?, ?, ?) on conflict (user_id)
         do nothing`,
    )
    .bind(userId, reason, adminEmail, Date.now());
}

export function unfreezeStatement(db: D1Database, userId: string): D1PreparedStatement {
  return db.prepare('delete from wallet_freezes where user_id = ?').bind(userId);
}

/** The wallet's freeze (why, by which admin, since when), if it is frozen. */
export async function walletFreezeOf(db: D1Database, userId: string): Promise<WalletFreeze | undefined> {
  const [row] = await database({ DB: db }).select().from(walletFreezes).where(eq(walletFreezes.userId, userId));
  return row;
}

/** Whether the account is suspended and its wallet frozen: what the admin sees after acting on it. */
export async function accountStateOf(
  db: D1Database,
  userId: string,
): Promise<{ status: 'active' | 'suspended'; frozen: boolean }> {
  const [user, freeze] = await Promise.all([
    database({ DB: db }).select({ status: users.status }).from(users).where(eq(users.id, userId)),
    walletFreezeOf(db, userId),
  ]);
  return { status: user[0]?.status ?? 'suspended', frozen: freeze !== undefined };
}
