import { eq } from 'drizzle-orm';
import type { PayoutAccountResponse, PayoutAccountStatus } from '../../wire/money.ts';
import { database } from '../db/index.ts';
import { payoutAccounts } from '../db/money-schema.ts';
import type { PaymentProvider } from '../payments/provider.ts';

type Stored = Pick<typeof payoutAccounts.$inferSelect, 'providerAccountId' | 'ready' | 'status'>;

async function stored(db: D1Database, performerId: string): Promise<Stored | undefined> {
  const [row] = await database({ DB: db })
    .select({
      providerAccountId: payoutAccounts.providerAccountId,
      ready: payoutAccounts.ready,
      status: payoutAccounts.status,
    })
    .from(payoutAccounts)
    .where(eq(payoutAccounts.performerId, performerId));
  return row;
}

/**
 * The status the earnings page shows, from Encore's own record: kept from the provider's `account.updated`
 * events (payments/account-events.ts) and refreshed whenever the performer opens setup.
 */
export async function payoutAccountStatusOf(db: D1Database, performerId: string): Promise<PayoutAccountStatus> {
  const account = await stored(db, performerId);
  if (!account) return 'not_started';
  return account.ready ? 'active' : account.status;
}

/**
 * Creates the performer's payout account on first use, asks the provider where it stands, keeps
 * that, and returns where to go next. Open to every performer at any time: setting it up early
 * means the first payout is not held up once earnings are payable.
 */
export async function setUpPayoutAccount(
  db: D1Database,
  provider: PaymentProvider,
  performer: { id: string; email: string },
  returnUrl: string,
): Promise<PayoutAccountResponse> {
  let account = await stored(db, performer.id);
  if (!account) {
    const { accountId } = await provider.createPayoutAccount(performer);
    await database({ DB: db })
      .insert(payoutAccounts)
      .values({
        performerId: performer.id,
        provider: provider.name,
        providerAccountId: accountId,
        ready: false,
        status: 'pending',
        updatedAt: Date.now(),
      })
      .onConflictDoNothing();
    // Two racing first clicks: the row that won is the account; the other stays unused at the provider.
    account = (await stored(db, performer.id))!;
  }
  const status = await keepStatus(db, provider, performer.id, account);
  if (status === 'active') return { ready: true, status, onboardingUrl: null };
  return {
    ready: false,
    status,
    onboardingUrl: await provider.onboardingUrl(account.providerAccountId, { returnUrl, refreshUrl: returnUrl }),
  };
}

/**
 * Asks the provider where the performer's account stands and keeps the answer. Called after the
 * provider refused a transfer, which usually means it wants something from the performer; best
 * effort, as the refusal is already booked.
 */
export async function refreshPayoutAccount(
  db: D1Database,
  provider: PaymentProvider,
  performerId: string,
): Promise<void> {
  const account = await stored(db, performerId);
  if (account) await keepStatus(db, provider, performerId, account).catch(() => undefined);
}

async function keepStatus(
  db: D1Database,
  provider: PaymentProvider,
  performerId: string,
  account: Stored,
): Promise<Stored['status']> {
  const status = await provider.payoutAccountStatus(account.providerAccountId);
  if (status !== account.status || (status === 'active') !== account.ready) {
    await database({ DB: db })
      .update(payoutAccounts)
      .set({ status, ready: status === 'active', updatedAt: Date.now() })
      .where(eq(payoutAccounts.performerId, performerId));
  }
  return status;
}
