/** Ledger account names. Balances of wallets, earnings and holds can never go negative. */
export const Account = {
  wallet: (userId: string) => `wallet:${userId}`,
  earnings: (performerId: string) => `earnings:${performerId}`,
  /** Tokens a user spent that a refund or chargeback later took back: a debt, at or below zero. */
  debt: (userId: string) => `debt:${userId}`,
  payoutHold: (performerId: string) => `hold:payout:${performerId}`,
  fees: 'platform:fees',
  promotions: 'platform:promotions',
  payments: 'external:payments',
  payouts: 'external:payouts',
} as const;
