import type Stripe from 'stripe';
import { z } from 'zod';
import { validationError } from '../errors.ts';
import { recordEvent } from './payment-events.ts';
import type { ProviderAccountStatus } from './provider.ts';

/**
 * Stripe's `account.updated` Connect event: a performer's payout account changed at the provider
 * (onboarding finished, requirements came due, Stripe disabled or re-enabled it). Only the fields
 * the status is read from are checked; Stripe sends many more.
 */
const ConnectedAccount = z.object({
  id: z.string().min(1),
  payouts_enabled: z.boolean(),
  details_submitted: z.boolean(),
  capabilities: z.object({ transfers: z.string().optional() }).optional(),
  requirements: z
    .object({
      disabled_reason: z.string().nullable().optional(),
      currently_due: z.array(z.string()).nullable().optional(),
      past_due: z.array(z.string()).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type ConnectedAccount = z.infer<typeof ConnectedAccount>;

const AccountUpdated = z
  .object({
    id: z.string().min(1),
    type: z.literal('account.updated'),
    /** Unix seconds: when Stripe made the change, which orders the events about one account. */
    created: z.number().int().positive(),
    /** The connected account the event is about (absent for the platform's own account). */
    account: z.string().optional(),
    data: z.object({ object: ConnectedAccount }),
  })
  .refine((event) => event.account === undefined || event.account === event.data.object.id, {
    message: 'The event is about another account than its object',
    path: ['account'],
  });

/**
 * Active once transfers can be sent; before the performer submitted their details, pending; after,
 * anything Stripe still asks for (or a reason it disabled the account) needs the performer.
 */
export function accountStatus(account: ConnectedAccount): ProviderAccountStatus {
  if (account.payouts_enabled && account.capabilities?.transfers === 'active') return 'active';
  if (!account.details_submitted) return 'pending';
  const r = account.requirements;
  return r?.disabled_reason || (r?.currently_due?.length ?? 0) > 0 || (r?.past_due?.length ?? 0) > 0
    ? 'action_needed'
    : 'pending';
}

/**
 * Keeps the status the event gives, unless what is kept is newer: `updated_at` is when the kept
 * status was last known true (an event's `created`, or the time of a status check), compared at
 * Stripe's one-second grain, so a redelivered or late older event never moves it back. In one
 * batch with recording the event. An account that is not a performer's is acknowledged and left.
 */
export async function keepAccountUpdate(db: D1Database, event: Stripe.Event): Promise<'handled' | 'ignored'> {
  const parsed = AccountUpdated.safeParse(event);
  if (!parsed.success) throw validationError(parsed.error);
  const { created, data } = parsed.data;
  const known = await db
    .prepare('select 1 from payout_accounts where provider_account_id = ?')
    .bind(data.object.id)
    .first();
  if (!known) return 'ignored';
  const status = accountStatus(data.object);
  await db.batch([
    db
      .prepare(
        `update payout_accounts set status = ?, ready = ?, updated_at = max(updated_at, ?)
          where provider_account_id = ? and updated_at < ?`,
      )
      .bind(status, status === 'active' ? 1 : 0, created * 1000, data.object.id, (created + 1) * 1000),
    recordEvent(db, parsed.data),
  ]);
  return 'handled';
}
