import type { PayoutAccountResponse, PayoutAccountStatus } from '../../wire/money.ts';
import type { PaymentProvider } from '../payments/provider.ts';

type Stored = { provider_account_id: string; ready: number; status: Exclude<PayoutAccountStatus, 'not_started'> };

const stored = (db: D1Database, performerId: string) =>
  db
    .prepare('select provider_account_id, ready, status from payout_accounts where performer_id = ?')
    .bind(performerId)
    .first<Stored>();

/** The status the earnings page shows, from Encore's own record (refreshed whenever the performer opens setup). */
export async function payoutAccountStatusOf(db: D1Database, performerId: string): Promise<PayoutAccountStatus> {
  const account = await stored(db, performerId);
  if (!account) return 'not_started';
  return account.ready === 1 ? 'active' : account.status;
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
    await db
      .prepare(
        "insert into payout_accounts (performer_id, provider, provider_account_id, ready, status, updated_at) values (?, ?, ?, 0, 'pending', ?) on conflict do nothing",
      )
      .bind(performer.id, provider.name, accountId, Date.now())
      .run();
    // Two racing first clicks: the row that won is the account; the other stays unused at the provider.
    account = (await stored(db, performer.id))!;
  }
  const status = await keepStatus(db, provider, performer.id, account);
  if (status === 'active') return { ready: true, status, onboardingUrl: null };
  return {
    ready: false,
    status,
    onboardingUrl: await provider.onboardingUrl(account.provider_account_id, { returnUrl, refreshUrl: returnUrl }),
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
  const status = await provider.payoutAccountStatus(account.provider_account_id);
  if (status !== account.status || (status === 'active') !== (account.ready === 1)) {
    await db
      .prepare('update payout_accounts set status = ?, ready = ?, updated_at = ? where performer_id = ?')
      .bind(status, status === 'active' ? 1 : 0, Date.now(), performerId)
      .run();
  }
  return status;
}
