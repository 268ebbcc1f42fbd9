import { z } from 'zod';
import { HistoryItem } from './money.ts';
import { shownText } from './text.ts';

/** Admin user lookup and the actions on one account. */
export const Reason = shownText().trim().min(3).max(300);

export const UserSummary = z.object({
  id: z.string(),
  email: z.string(),
  handle: z.string(),
  displayName: z.string(),
  role: z.enum(['viewer', 'performer']),
  status: z.enum(['active', 'suspended']),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserSearchQuery = z.object({ q: z.string().trim().min(1).max(200) });
export const UserSearchResponse = z.object({ users: z.array(UserSummary) });
export type UserSearchResponse = z.infer<typeof UserSearchResponse>;

export const WalletFreeze = z.object({ reason: z.string(), frozenBy: z.string().nullable(), since: z.string() });

export const UserProfile = UserSummary.extend({
  /** `none` for viewers; for performers the verification's state. */
  kycStatus: z.string(),
  wallet: z.object({ balance: z.number().int(), frozen: WalletFreeze.nullable(), recent: z.array(HistoryItem) }),
  /** Performers only. */
  earnings: z.number().int().nullable(),
  openReports: z.number().int(),
});
export type UserProfile = z.infer<typeof UserProfile>;
export const UserProfileResponse = z.object({ user: UserProfile });
export type UserProfileResponse = z.infer<typeof UserProfileResponse>;

export const ReasonBody = z.object({ reason: Reason });

/** Tokens in (positive) or out (negative) of a wallet; the key makes a retried click count once. */
export const AdjustmentBody = z.object({
  amount: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'An adjustment moves at least one token'),
  reason: Reason,
  idempotencyKey: z.string().min(8).max(100),
});
export type AdjustmentBody = z.infer<typeof AdjustmentBody>;
export const AdjustmentResponse = z.object({
  transactionId: z.string(),
  replayed: z.boolean(),
  balance: z.number().int(),
});
export type AdjustmentResponse = z.infer<typeof AdjustmentResponse>;

export const AccountState = z.object({
  status: z.enum(['active', 'suspended']),
  frozen: z.boolean(),
  socketsClosed: z.number().int().optional(),
});
export type AccountState = z.infer<typeof AccountState>;
