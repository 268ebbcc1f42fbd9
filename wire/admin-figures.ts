import { z } from 'zod';

export const FiguresQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .pipe(z.union([z.literal(14), z.literal(30)]))
    .default(14),
});

/** Platform figures now and today (UTC), and one point per UTC day for the chosen window. */
export const Figures = z.object({
  now: z.object({ liveRooms: z.number().int(), viewers: z.number().int() }),
  today: z.object({
    /**
     * Tips paid to performers today: direct tips, and goal tips when released (never while held, never once
     * refunded).
     */
    tips: z.number().int(),
    /**
     * Their gross tokens (performer's share + platform fee): `feeTokens` is the platform's part of the same
     * entries.
     */
    tipTokens: z.number().int(),
    purchases: z.number().int(),
    purchaseCents: z.number().int(),
    feeTokens: z.number().int(),
    signups: z.number().int(),
    /** Fan-club periods paid today (joins and renewals) and their gross tokens; their fees are in feeTokens. */
    fanClubCharges: z.number().int(),
    fanClubTokens: z.number().int(),
  }),
  kycBacklog: z.number().int(),
  openReports: z.number().int(),
  series: z.object({
    /** Midnight UTC of each day, oldest first, in seconds (uPlot's x axis). */
    days: z.array(z.number().int()),
    tipTokens: z.array(z.number().int()),
    purchaseCents: z.array(z.number().int()),
    feeTokens: z.array(z.number().int()),
    signups: z.array(z.number().int()),
    fanClubTokens: z.array(z.number().int()),
  }),
});
export type Figures = z.infer<typeof Figures>;
