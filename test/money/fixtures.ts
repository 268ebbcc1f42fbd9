import { env } from 'cloudflare:workers';
import { Account } from '../../workers/money/accounts.ts';
import { purchaseDraft } from '../../workers/money/drafts.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';

/** A user id that exists in `users`, so foreign keys hold; money tests need no sign-up. */
export async function newUser(role: 'viewer' | 'performer' = 'viewer'): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    `insert into users (id, email, handle, password_hash, role, display_name, date_of_birth, status, session_version,
       created_at, updated_at)
     values (?, ?, ?, 'x', ?, ?, '1990-01-01', 'active', 1, ?, ?)`,
  )
    .bind(id, `${id}@example.com`, `h_${id.slice(0, 8)}${id.slice(9, 13)}`, role, `User ${id.slice(0, 4)}`, now, now)
    .run();
  if (role === 'performer') {
    await env.DB.prepare("insert into performer_profiles (user_id, kyc_status, updated_at) values (?, 'approved', ?)")
      .bind(id, now)
      .run();
  }
  return id;
}

/** Credits `tokens` to a wallet as a completed purchase would. */
export async function fund(userId: string, tokens: number): Promise<void> {
  const purchaseId = crypto.randomUUID();
  await commit(
    env.DB,
    purchaseDraft({ userId, purchaseId, tokens, bonusTokens: 0, packName: 'test' }),
    `purchase:${purchaseId}`,
    [paidPurchase(userId, purchaseId, tokens)],
  );
}

/** The purchases row a paid checkout leaves, so the ledger check can match tokens to sales. */
export function paidPurchase(userId: string, purchaseId: string, tokens: number): D1PreparedStatement {
  const now = Date.now();
  return env.DB.prepare(
    `insert or ignore into purchases (id, user_id, pack_id, tokens, bonus_tokens, amount_cents, currency, provider,
       status, created_at, updated_at)
     values (?, ?, 'test', ?, 0, ?, 'usd', 'local', 'paid', ?, ?)`,
  ).bind(purchaseId, userId, tokens, tokens, now, now);
}

export const walletOf = (userId: string) => balanceOf(env.DB, Account.wallet(userId));
export const earningsBalance = (userId: string) => balanceOf(env.DB, Account.earnings(userId));

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...params)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}
