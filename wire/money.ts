import { z } from 'zod';

/** Tokens are whole numbers; 1 token is 1 US cent of face value. */
export const Tokens = z.number().int().positive().max(10_000_000);

export const TokenPack = z.object({
  id: z.string(),
  name: z.string(),
  /** Tokens paid for, plus bonus tokens on top. */
  tokens: z.number().int(),
  bonusTokens: z.number().int(),
  priceCents: z.number().int(),
  currency: z.string(),
});
export type TokenPack = z.infer<typeof TokenPack>;
export const PacksResponse = z.object({ packs: z.array(TokenPack) });
export type PacksResponse = z.infer<typeof PacksResponse>;

export const WalletResponse = z.object({
  balance: z.number().int(),
  /** Set when tipping is blocked (for example after a chargeback), with the reason. */
  frozen: z.string().nullable(),
});
export type WalletResponse = z.infer<typeof WalletResponse>;

export const HistoryItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  /** Positive: tokens in; negative: tokens out. */
  amount: z.number().int(),
  description: z.string(),
  createdAt: z.string(),
  /** For a tip sent from a room: the client id it was sent with (what GET /api/wallet/tips/:clientId looks up). */
  clientId: z.string().nullable().optional(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;
export const HistoryResponse = z.object({ items: z.array(HistoryItem), nextCursor: z.string().nullable() });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** What became of one of your tips, from the ledger: accepted (with the tip) or refused for good. */
export const TipFateResponse = z.discriminatedUnion('status', [
  z.object({
    clientId: z.string(),
    status: z.literal('accepted'),
    tipId: z.string(),
    amount: z.number().int(),
    room: z.string().nullable(),
    at: z.string(),
  }),
  z.object({
    clientId: z.string(),
    status: z.literal('refused'),
    reason: z.enum(['INSUFFICIENT_FUNDS', 'WALLET_FROZEN']),
  }),
]);
export type TipFateResponse = z.infer<typeof TipFateResponse>;

export const PurchaseBody = z.object({ packId: z.string().min(1).max(40) });
export type PurchaseBody = z.infer<typeof PurchaseBody>;

export const PurchaseStatus = z.enum(['pending', 'paid', 'failed', 'cancelled', 'refunded', 'disputed']);
export type PurchaseStatus = z.infer<typeof PurchaseStatus>;

export const Purchase = z.object({
  id: z.string(),
  packId: z.string(),
  tokens: z.number().int(),
  bonusTokens: z.number().int(),
  priceCents: z.number().int(),
  currency: z.string(),
  status: PurchaseStatus,
  createdAt: z.string(),
});
export type Purchase = z.infer<typeof Purchase>;
export const PurchaseResponse = z.object({ purchase: Purchase });
export type PurchaseResponse = z.infer<typeof PurchaseResponse>;
/** Where to send the browser to pay (Stripe Checkout, or the local provider's page). */
export const CheckoutResponse = z.object({ purchase: Purchase, checkoutUrl: z.string() });
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

export const EarningsDay = z.object({ day: z.string(), tokens: z.number().int() });
export const TopTipper = z.object({ handle: z.string(), displayName: z.string(), tokens: z.number().int() });
export type TopTipper = z.infer<typeof TopTipper>;

export const PayoutStatus = z.enum(['requested', 'approved', 'paid', 'failed']);
export type PayoutStatus = z.infer<typeof PayoutStatus>;
export const Payout = z.object({
  id: z.string(),
  amount: z.number().int(),
  status: PayoutStatus,
  requestedAt: z.string(),
  failureReason: z.string().nullable(),
});
export type Payout = z.infer<typeof Payout>;

/**
 * The performer's payout account: none yet, onboarding unfinished, can receive transfers, or the provider
 * wants more.
 */
export const PayoutAccountStatus = z.enum(['not_started', 'pending', 'active', 'action_needed']);
export type PayoutAccountStatus = z.infer<typeof PayoutAccountStatus>;

/** Why a payout cannot be asked for now; null when it can. */
export const PayoutBlocker = z.enum(['KYC_NOT_APPROVED', 'BELOW_MINIMUM', 'ALREADY_THIS_WEEK', 'NO_PAYOUT_ACCOUNT']);
export type PayoutBlocker = z.infer<typeof PayoutBlocker>;

export const EarningsResponse = z.object({
  /** Earned tokens (the performer's share after the platform fee); 1 token = 1 cent. */
  today: z.number().int(),
  last7Days: z.number().int(),
  last30Days: z.number().int(),
  allTime: z.number().int(),
  /** Of those: song requests played (request income), the last 30 days and all time. */
  requestsLast30Days: z.number().int().default(0),
  requestsAllTime: z.number().int().default(0),
  /** Of those: fan-club memberships (joins and renewals), the last 30 days and all time. */
  fanClubLast30Days: z.number().int().default(0),
  fanClubAllTime: z.number().int().default(0),
  /** Tips younger than the hold period, not yet payable. */
  pending: z.number().int(),
  payable: z.number().int(),
  /** The last 30 days, oldest first, one entry per UTC day (zeros included). */
  perDay: z.array(EarningsDay),
  topTippers: z.array(TopTipper),
  payoutMinimum: z.number().int(),
  holdDays: z.number().int(),
  payoutBlocker: PayoutBlocker.nullable(),
  payoutAccount: PayoutAccountStatus,
  payouts: z.array(Payout),
});
export type EarningsResponse = z.infer<typeof EarningsResponse>;

export const PayoutResponse = z.object({ payout: Payout });
export type PayoutResponse = z.infer<typeof PayoutResponse>;
export const PayoutAccountResponse = z.object({
  ready: z.boolean(),
  status: PayoutAccountStatus,
  onboardingUrl: z.string().nullable(),
});
export type PayoutAccountResponse = z.infer<typeof PayoutAccountResponse>;
