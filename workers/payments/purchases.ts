import type { CheckoutResponse, Purchase, PurchaseStatus, TokenPack } from '../../wire/money.ts';
import { ApiError } from '../errors.ts';
import { log } from '../log.ts';
import { findPack } from '../money/config.ts';
import { paymentProvider, returnUrls } from './index.ts';

/**
 * Purchases of token packs: a row is written (pending) before the buyer is sent to pay, so the
 * webhook that later credits it always finds it; the provider's ids are kept for refunds.
 * Raw D1 rather than drizzle, so these statements can join a ledger batch.
 */
export type PurchaseRow = {
  id: string;
  userId: string;
  packId: string;
  tokens: number;
  bonusTokens: number;
  amountCents: number;
  currency: string;
  provider: string;
  providerSessionId: string | null;
  providerPaymentId: string | null;
  status: PurchaseStatus;
  createdAt: number;
};

const COLUMNS = `id, user_id as userId, pack_id as packId, tokens, bonus_tokens as bonusTokens, amount_cents as amountCents,
  currency, provider, provider_session_id as providerSessionId, provider_payment_id as providerPaymentId, status, created_at as createdAt`;

export function findPurchase(db: D1Database, id: string): Promise<PurchaseRow | null> {
  return db.prepare(`select ${COLUMNS} from purchases where id = ?`).bind(id).first<PurchaseRow>();
}

export function findPurchaseByPayment(db: D1Database, paymentId: string): Promise<PurchaseRow | null> {
  return db
    .prepare(`select ${COLUMNS} from purchases where provider_payment_id = ?`)
    .bind(paymentId)
    .first<PurchaseRow>();
}

/** The buyer's own purchase; anyone else's is as absent as one that never existed. */
export async function findOwnPurchase(db: D1Database, id: string, userId: string): Promise<PurchaseRow> {
  const row = await db
    .prepare(`select ${COLUMNS} from purchases where id = ? and user_id = ?`)
    .bind(id, userId)
    .first<PurchaseRow>();
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
    `insert into purchases (id, user_id, pack_id, tokens, bonus_tokens, amount_cents, currency, provider, status, created_at, updated_at)
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
  let session;
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
