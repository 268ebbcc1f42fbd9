import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { constraintViolated } from '../workers/db/constraint.ts';
import { database } from '../workers/db/index.ts';
import { users } from '../workers/db/schema.ts';
import { newUser } from './money/fixtures.ts';

/** The error a failing statement throws, for the helper to read. */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
}

describe('constraintViolated', () => {
  it('names the column of a UNIQUE index a D1 write broke, and no other', async () => {
    const id = await newUser();
    const error = await failure(() =>
      env.DB.prepare(
        `insert into payouts (id, performer_id, amount, week, status, requested_at, updated_at)
         values (?, ?, 1, '2026-01-05', 'requested', 0, 0), (?, ?, 1, '2026-01-05', 'requested', 0, 0)`,
      )
        .bind(crypto.randomUUID(), id, crypto.randomUUID(), id)
        .run(),
    );
    expect(constraintViolated(error, 'UNIQUE', 'payouts.performer_id')).toBe(true);
    expect(constraintViolated(error, 'UNIQUE', 'payouts.week')).toBe(true);
    expect(constraintViolated(error, 'UNIQUE')).toBe(true);
    expect(constraintViolated(error, 'UNIQUE', 'payouts.id')).toBe(false);
    expect(constraintViolated(error, 'CHECK')).toBe(false);
  });

  it('reads a UNIQUE violation drizzle wrapped as the cause of its own error', async () => {
    const db = database(env);
    const id = await newUser();
    const [user] = await db.select().from(users).where(eq(users.id, id));
    const error = await failure(() =>
      db.insert(users).values({ ...user!, id: crypto.randomUUID(), handle: `h_${crypto.randomUUID().slice(0, 8)}` }),
    );
    expect(constraintViolated(error, 'UNIQUE', 'users.email')).toBe(true);
    expect(constraintViolated(error, 'UNIQUE', 'users.handle')).toBe(false);
  });

  it('names a CHECK constraint by its name, inside a batch', async () => {
    const error = await failure(() =>
      env.DB.batch([
        env.DB.prepare('insert into account_balances (account, balance) values (?, -1)').bind(
          `wallet:${crypto.randomUUID()}`,
        ),
      ]),
    );
    expect(constraintViolated(error, 'CHECK', 'account_balances_not_negative')).toBe(true);
    expect(constraintViolated(error, 'CHECK', 'ledger_entries_nonzero')).toBe(false);
    expect(constraintViolated(error, 'UNIQUE')).toBe(false);
  });

  it('names a NOT NULL column and a trigger by the name its message starts with', async () => {
    const nullError = await failure(() =>
      env.DB.prepare('insert into payment_events (id, type, received_at) values (?, ?, null)')
        .bind(crypto.randomUUID(), 'test')
        .run(),
    );
    expect(constraintViolated(nullError, 'NOT NULL', 'payment_events.received_at')).toBe(true);
    const triggerError = await failure(() =>
      env.DB.prepare(
        `insert into ledger_transactions (id, kind, idempotency_key, payload_hash, reference, created_at)
         values (?, 'payout_paid', ?, 'x', 'no-such-payout', 0)`,
      )
        .bind(crypto.randomUUID(), crypto.randomUUID())
        .run(),
    );
    expect(constraintViolated(triggerError, 'RAISE', 'payout_settlement_matches_status')).toBe(true);
    expect(constraintViolated(triggerError, 'RAISE', 'payout_settlement')).toBe(false);
    expect(constraintViolated(nullError, 'RAISE', 'payout_settlement_matches_status')).toBe(false);
  });

  it('says no for errors that are not constraint failures', () => {
    expect(constraintViolated(new Error('D1_ERROR: no such table: nope'), 'UNIQUE')).toBe(false);
    expect(constraintViolated('a string', 'CHECK', 'x')).toBe(false);
    expect(constraintViolated(undefined, 'RAISE', 'x')).toBe(false);
  });
});
