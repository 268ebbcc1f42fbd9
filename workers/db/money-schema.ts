import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { neverNegativeSql } from '../money/accounts.ts';
import { users } from './schema.ts';

/**
 * The double-entry ledger. Transactions and entries are append-only (triggers refuse UPDATE and
 * DELETE; see migrations/0002_ledger_guards.sql); every money batch moves `account_balances` by
 * the sum of its entries (workers/money/balances.ts), and CHECK constraints keep wallets,
 * earnings and holds from going negative, so an overdraft fails the whole D1 batch it is in.
 */
export const TRANSACTION_KINDS = [
  'purchase',
  'tip',
  'show_minute',
  'goal_refund',
  'refund',
  'chargeback',
  'payout_request',
  'payout_paid',
  'payout_failed',
  'adjustment',
  // Song requests (workers/money/request-escrow.ts): a wallet into the request's hold, the hold released to
  // earnings when played (request income), or back to the wallet when refunded.
  'request_hold',
  'request_income',
  'request_refund',
  // A fan club's period, paid from the member's wallet at the usual split (workers/fan-club/charges.ts).
  'fan_club',
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export const ledgerTransactions = sqliteTable(
  'ledger_transactions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: TRANSACTION_KINDS }).notNull(),
    /** The caller's key: a retry with the same key lands once; another payload under it is refused. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** SHA-256 of the canonical request payload, to tell a true retry from a reused key. */
    payloadHash: text('payload_hash').notNull(),
    /** Who started it (tipper, buyer, performer, admin email) and who else it concerns. */
    actorId: text('actor_id'),
    counterpartyId: text('counterparty_id'),
    /** What it is about: a purchase, payout, room or tip-menu item id. */
    reference: text('reference'),
    /** Small JSON details shown in histories (tip note, pack name, reason). */
    memo: text('memo', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('ledger_transactions_actor').on(t.actorId, t.createdAt),
    index('ledger_transactions_counterparty').on(t.counterpartyId, t.kind, t.createdAt),
    index('ledger_transactions_reference').on(t.reference),
    check('ledger_transactions_kind', sql.raw(`kind in (${TRANSACTION_KINDS.map((k) => `'${k}'`).join(', ')})`)),
  ],
);

export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transactionId: text('transaction_id').notNull(),
    account: text('account').notNull(),
    amount: integer('amount').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('ledger_entries_account').on(t.account, t.id),
    index('ledger_entries_transaction').on(t.transactionId),
    check('ledger_entries_nonzero', sql`${t.amount} <> 0`),
  ],
);

export const accountBalances = sqliteTable(
  'account_balances',
  {
    account: text('account').primaryKey(),
    balance: integer('balance').notNull(),
  },
  (t) => [
    // The same text drizzle renders for ${t.account}, so the generated SQL (and the migrations) stay as they were.
    check(
      'account_balances_not_negative',
      sql`${t.balance} >= 0 or not (${sql.raw(neverNegativeSql('"account_balances"."account"'))})`,
    ),
  ],
);

export const PURCHASE_STATUSES = ['pending', 'paid', 'failed', 'cancelled', 'refunded', 'disputed'] as const;

export const purchases = sqliteTable(
  'purchases',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    packId: text('pack_id').notNull(),
    tokens: integer('tokens').notNull(),
    bonusTokens: integer('bonus_tokens').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    provider: text('provider').notNull(),
    /** The provider's checkout session id (Stripe `cs_…`), set when checkout starts. */
    providerSessionId: text('provider_session_id').unique(),
    /** The provider's payment id (Stripe `pi_…`), which refunds and disputes refer to. */
    providerPaymentId: text('provider_payment_id'),
    status: text('status', { enum: PURCHASE_STATUSES }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('purchases_user').on(t.userId, t.createdAt), index('purchases_payment').on(t.providerPaymentId)],
);

/** Webhook events already handled, so a redelivery is acknowledged and does nothing. */
export const paymentEvents = sqliteTable('payment_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: integer('received_at').notNull(),
});

/** Wallets that may not tip (a chargeback left a debt, or an admin froze it). */
export const walletFreezes = sqliteTable('wallet_freezes', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  reason: text('reason').notNull(),
  /** The admin's Access email when an admin froze it; null when a chargeback did. */
  frozenBy: text('frozen_by'),
  createdAt: integer('created_at').notNull(),
});

export const PAYOUT_STATUSES = ['requested', 'approved', 'paid', 'failed'] as const;

export const payouts = sqliteTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id),
    amount: integer('amount').notNull(),
    /** Monday (UTC, YYYY-MM-DD) of the week it was asked for: one request per performer per week. */
    week: text('week').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull(),
    approvedBy: text('approved_by'),
    providerTransferId: text('provider_transfer_id'),
    failureReason: text('failure_reason'),
    requestedAt: integer('requested_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payouts_once_a_week').on(t.performerId, t.week),
    index('payouts_status').on(t.status, t.requestedAt),
    check('payouts_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * Where a payout account stands with the provider: onboarding unfinished, can receive transfers, or the
 * provider wants more.
 */
export const PAYOUT_ACCOUNT_STATUSES = ['pending', 'active', 'action_needed'] as const;

/** A performer's account with the payout provider (Stripe Connect Express, or the local one). */
export const payoutAccounts = sqliteTable('payout_accounts', {
  performerId: text('performer_id')
    .primaryKey()
    .references(() => users.id),
  provider: text('provider').notNull(),
  providerAccountId: text('provider_account_id').notNull(),
  /** Kept equal to `status = 'active'`: what the transfer path checks. */
  ready: integer('ready', { mode: 'boolean' }).notNull().default(false),
  status: text('status', { enum: PAYOUT_ACCOUNT_STATUSES }).notNull().default('pending'),
  /** When the kept status was last known true: a status check, or the provider event's time (older events lose). */
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The local provider's own record of the transfers it made, by idempotency key, so it honours
 * keys as Stripe does and can say whether a payout's transfer exists (reconciliation).
 */
export const localTransfers = sqliteTable(
  'local_transfers',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    transferId: text('transfer_id').notNull(),
    payoutId: text('payout_id').notNull(),
    accountId: text('account_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('local_transfers_payout').on(t.payoutId)],
);

/**
 * Tips the ledger refused, by idempotency key: a client id names one attempt, so its first
 * definitive answer stands. Written in the same batch that refused the tip (workers/money/tips.ts);
 * a later resend with the same key is refused the same way, even after the wallet was refilled.
 */
export const tipRefusals = sqliteTable('tip_refusals', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  /** SHA-256 of the refused tip's payload: the same key for another tip is a conflict, as in the ledger. */
  payloadHash: text('payload_hash').notNull(),
  reason: text('reason', { enum: ['INSUFFICIENT_FUNDS', 'WALLET_FROZEN'] }).notNull(),
  tipperId: text('tipper_id').notNull(),
  createdAt: integer('created_at').notNull(),
});
