import { and, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { CheckoutResponse, Purchase, PurchaseStatus, TokenPack } from '../../wire/money.ts';
import { database } from '../db/index.ts';
import { purchases } from '../db/money-schema.ts';
import { ApiError } from '../errors.ts';
import { log } from '../log.ts';
import { findPack } from '../money/config.ts';
import { paymentProvider, returnUrls } from './index.ts';

/**
 * Purchases of token packs: a row is written (pending) before the buyer is sent to pay, so the
 * webhook that later credits it always finds it; the provider's ids are kept for refunds.
 * Reads go through drizzle; writes stay raw D1 statements, so they can join a ledger batch.
 */
export type PurchaseRow = Omit<typeof purchases.$inferSelect, 'updatedAt'>;

const { updatedAt: _, ...COLUMNS } = getTableColumns(purchases);

async function purchaseWhere(db: D1Database, where: SQL | undefined): Promise<PurchaseRow | null> {
  const [row] = await database({ DB: db }).select(COLUMNS).from(purchases).where(where).limit(1);
  return row ?? null;
}

export function findPurchase(db: D1Database, id: string): Promise<PurchaseRow | null> {
  return purchaseWhere(db, eq(purchases.id, id));
}

export function findPurchaseByPayment(db: D1Database, paymentId: string): Promise<PurchaseRow | null> {
  return purchaseWhere(db, eq(purchases.providerPaymentId, paymentId));
}

/** The buyer's own purchase; anyone else's is as absent as one that never existed. */
export async function findOwnPurchase(db: D1Database, id: string, userId: string): Promise<PurchaseRow> {
  const row = await purchaseWhere(db, and(eq(purchases.id, id), eq(purchases.userId, userId)));
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'No such purchase');
  return row;
}

export function purchaseView(row: PurchaseRow): Purchase {
  return {
    id: row.id,
    packId: row.packId,
    tokens: row.tokens,
    bonusTokens: row.bonusTokens,
    priceCents: row.amountCents,
    currency: row.currency,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** The pack's display name for ledger memos; a pack since retired keeps its id. */
export function packName(row: Pick<PurchaseRow, 'packId'>): string {
  return findPack(row.packId)?.name ?? row.packId;
}

export async function startPurchase(
  env: Env,
  origin: string,
  buyer: { id: string; email: string },
  pack: TokenPack,
): Promise<CheckoutResponse> {
  const provider = paymentProvider(env, origin);
  const now = Date.now();
  const row: PurchaseRow = {
    id: crypto.randomUUID(),
    userId: buyer.id,
    packId: pack.id,
    tokens: pack.tokens,
    bonusTokens: pack.bonusTokens,
    amountCents: pack.priceCents,
    currency: pack.currency,
    provider: provider.name,
    providerSessionId: null,
    providerPaymentId: null,
    status: 'pending',
    createdAt: now,
  };
  await env.DB.prepare(
    `insert into purchases (id, user_id, pack_id, tokens, bonus_tokens, amount_cents, currency, provider, status,
       created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  )
    .bind(
      row.id,
      row.userId,
      row.packId,
      row.tokens,
      row.bonusTokens,
      row.amountCents,
      row.currency,
      row.provider,
      now,
      now,
    )
    .run();
  let session: Awaited<ReturnType<typeof provider.createCheckout>>;
  try {
    session = await provider.createCheckout({
      purchaseId: row.id,
      userId: buyer.id,
      email: buyer.email,
      packName: pack.name,
      tokens: pack.tokens + pack.bonusTokens,
      priceCents: pack.priceCents,
      currency: pack.currency,
      ...returnUrls(origin, row.id),
    });
  } catch (error) {
    log('error', 'checkout_not_started', {
      purchaseId: row.id,
      provider: provider.name,
      error: (error as Error).message,
    });
    await setStatus(env.DB, row.id, 'failed', 'pending').run();
    throw new ApiError(
      502,
      'PAYMENT_PROVIDER_UNAVAILABLE',
      'The payment provider could not start a checkout; try again in a moment',
    );
  }
  await env.DB.prepare('update purchases set provider_session_id = ?, updated_at = ? where id = ?')
    .bind(session.sessionId, Date.now(), row.id)
    .run();
  return { purchase: purchaseView({ ...row, providerSessionId: session.sessionId }), checkoutUrl: session.url };
}

/** Moves a purchase to `status` only from one of `from`, so a late event cannot undo a later state. */
export function setStatus(
  db: D1Database,
  id: string,
  status: PurchaseStatus,
  ...from: PurchaseStatus[]
): D1PreparedStatement {
  return db
    .prepare(
      `update purchases set status = ?, updated_at = ? where id = ? and status in (${from.map(() => '?').join(', ')})`,
    )
    .bind(status, Date.now(), id, ...from);
}
