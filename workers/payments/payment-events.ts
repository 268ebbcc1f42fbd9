import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { database } from '../db/index.ts';
import { paymentEvents } from '../db/money-schema.ts';

/**
 * `payment_events` remembers every provider event already handled, so a redelivery (Stripe
 * delivers at least once, sometimes twice at the same moment) is acknowledged and does nothing.
 */
export async function alreadyHandled(db: D1Database, eventId: string): Promise<boolean> {
  return (await database({ DB: db }).$count(paymentEvents, eq(paymentEvents.id, eventId))) > 0;
}

/** Records an event as handled; `or ignore` because a concurrent delivery may have recorded it. */
export function recordEvent(db: D1Database, event: Pick<Stripe.Event, 'id' | 'type'>): D1PreparedStatement {
  return db
    .prepare('insert or ignore into payment_events (id, type, received_at) values (?, ?, ?)')
    .bind(event.id, event.type, Date.now());
}

/** Stripe sends a related object as its id, or expanded as the object itself. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
