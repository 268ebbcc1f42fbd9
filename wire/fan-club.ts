import { z } from 'zod';
import { shownText } from './text.ts';

/**
 * Fan clubs: a performer's monthly membership, paid in tokens from the wallet. The first 30 days are charged
 * on joining; the renewal job charges each later period; a wallet that cannot pay gets 3 days of grace, then
 * the membership lapses. Cancelling stops renewal; the membership lasts to the end of the paid period.
 */
export const FAN_CLUB_PERIOD_DAYS = 30;
export const FAN_CLUB_GRACE_DAYS = 3;
export const FAN_CLUB_MIN_PRICE = 10;
export const FAN_CLUB_MAX_PRICE = 10_000;
export const FAN_CLUB_MAX_PERKS = 8;
export const FAN_CLUB_PERK_MAX_CHARS = 80;

export const FanClubSettings = z.object({
  enabled: z.boolean(),
  priceTokens: z.number().int().min(FAN_CLUB_MIN_PRICE).max(FAN_CLUB_MAX_PRICE),
  perks: z.array(shownText().trim().min(1).max(FAN_CLUB_PERK_MAX_CHARS)).max(FAN_CLUB_MAX_PERKS),
});
export type FanClubSettings = z.infer<typeof FanClubSettings>;
export type FanClubSettingsInput = z.input<typeof FanClubSettings>;

export const FanClubSettingsResponse = z.object({ settings: FanClubSettings });

/** What a viewer sees of a performer's club (GET /api/performers/{handle}/fan-club). */
export const FanClubOffer = z.object({
  handle: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  priceTokens: z.number().int(),
  perks: z.array(z.string()),
});
export type FanClubOffer = z.infer<typeof FanClubOffer>;

/**
 * active: paid and renewing; grace: a renewal could not be paid, still a member until `graceUntil`;
 * lapsed: not a member, nothing is charged (join again to rejoin); cancelled: not renewing, a member until
 * `periodEnd`.
 */
export const MembershipStatus = z.enum(['active', 'grace', 'lapsed', 'cancelled']);
export type MembershipStatus = z.infer<typeof MembershipStatus>;

export const Membership = z.object({
  performer: z.object({ handle: z.string(), displayName: z.string() }),
  status: MembershipStatus,
  /** Whether the person counts as a member right now (badge, members-only chat, discounts). */
  member: z.boolean(),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  renews: z.boolean(),
  graceUntil: z.iso.datetime().nullable(),
  /** What the current period cost. */
  priceTokens: z.number().int(),
  /** What the next renewal will charge (the club's price now); null when it will not renew. */
  nextPriceTokens: z.number().int().nullable(),
  joinedAt: z.iso.datetime(),
});
export type Membership = z.infer<typeof Membership>;

export const FanClubView = z.object({ club: FanClubOffer, membership: Membership.nullable() });
export type FanClubView = z.infer<typeof FanClubView>;

export const JoinFanClubBody = z.object({
  /** One per join attempt, kept by the client across resends. */
  idempotencyKey: z.string().regex(/^[\w-]{8,64}$/),
});
export type JoinFanClubBody = z.input<typeof JoinFanClubBody>;

export const JoinFanClubResult = z.object({
  membership: Membership,
  /** Tokens charged by this request (0 when it was a resend or the person was already a member). */
  charged: z.number().int(),
  /** The wallet after the join. */
  balance: z.number().int(),
  /** The same join sent again (same key): the first answer, nothing charged. */
  replayed: z.boolean(),
});
export type JoinFanClubResult = z.infer<typeof JoinFanClubResult>;

export const CancelFanClubResult = z.object({ membership: Membership });
export type CancelFanClubResult = z.infer<typeof CancelFanClubResult>;

export const MyMemberships = z.object({ memberships: z.array(Membership) });
export type MyMemberships = z.infer<typeof MyMemberships>;

/** A member as the performer sees them in the studio. */
export const FanClubMember = z.object({
  handle: z.string(),
  displayName: z.string(),
  status: MembershipStatus,
  member: z.boolean(),
  periodEnd: z.iso.datetime(),
  renews: z.boolean(),
  joinedAt: z.iso.datetime(),
});
export type FanClubMember = z.infer<typeof FanClubMember>;

/** One calendar month (UTC) of the club. */
export const FanClubMonth = z.object({
  /** YYYY-MM */
  month: z.string(),
  /** People who paid for a period that month (a join or a renewal). */
  members: z.number().int(),
  joins: z.number().int(),
  lapses: z.number().int(),
  /** Tokens members paid that month (before the platform's share). */
  recurringTokens: z.number().int(),
});
export type FanClubMonth = z.infer<typeof FanClubMonth>;

export const FanClubMembersResponse = z.object({
  members: z.array(FanClubMember),
  /** Members right now. */
  memberCount: z.number().int(),
  /** Newest month first, up to 12. */
  months: z.array(FanClubMonth),
});
export type FanClubMembersResponse = z.infer<typeof FanClubMembersResponse>;
