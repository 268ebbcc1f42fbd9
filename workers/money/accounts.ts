/**
 * Ledger account names, and which of them may never go negative. The schema's CHECK on
 * account_balances (workers/db/money-schema.ts) and the ledger check (checks.ts) are both built
 * from NEVER_NEGATIVE, so a new kind of account is named once, here.
 */
export const Account = {
  wallet: (userId: string) => `wallet:${userId}`,
  earnings: (performerId: string) => `earnings:${performerId}`,
  /** Tokens a user spent that a refund or chargeback later took back: a debt, at or below zero. */
  debt: (userId: string) => `debt:${userId}`,
  payoutHold: (performerId: string) => `hold:payout:${performerId}`,
  /** Tips toward an escrowed goal, until the goal is decided (goal-escrow.ts). */
  goalHold: (goalId: string) => `hold:goal:${goalId}`,
  /** A song request's tokens (its price and bumps), until it is played or refunded (request-escrow.ts). */
  requestHold: (requestId: string) => `hold:request:${requestId}`,
  /** A paid show's prepaid minutes, until each seat ends: used ones settled, the rest refunded (show-escrow.ts). */
  showHold: (showId: string) => `hold:show:${showId}`,
  fees: 'platform:fees',
  promotions: 'platform:promotions',
  payments: 'external:payments',
  payouts: 'external:payouts',
} as const;

/**
 * Accounts whose balance can never go below zero: every wallet, earnings account and hold (a `%`
 * pattern, as in SQL LIKE), and the platform's fees. Debts and the external accounts can.
 */
export const NEVER_NEGATIVE = [Account.wallet('%'), Account.earnings('%'), 'hold:%', Account.fees] as const;

/** SQL that is true when `column` names an account in NEVER_NEGATIVE (the text the schema's CHECK holds). */
export function neverNegativeSql(column: string): string {
  return NEVER_NEGATIVE.map((name) => `${column} ${name.endsWith('%') ? 'like' : '='} '${name}'`).join(' or ');
}
