import { database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { purchaseDraft } from './drafts.ts';
import { commit } from './ledger.ts';

/**
 * For `npm run bench:ledger` (the dev bench route, local stack only): a performer and `tippers`
 * viewers, each viewer's wallet credited `tokens` by a paid purchase booked like a real one.
 */
export async function benchAccounts(
  db: D1Database,
  tippers: number,
  tokens: number,
): Promise<{ performer: string; tippers: string[] }> {
  const now = Date.now();
  const run = crypto.randomUUID().slice(0, 8);
  const ids = Array.from({ length: tippers + 1 }, (_, i) => `bench-${run}-${i}`);
  const d = database({ DB: db });
  // One statement per row, in one batch: D1 caps the parameters of a single statement.
  const [first, ...rest] = ids.map((id, i) =>
    d.insert(users).values({
      id,
      email: `${id}@bench.local`,
      handle: `b_${run}_${i}`,
      passwordHash: 'x',
      role: i === 0 ? 'performer' : 'viewer',
      displayName: id,
      dateOfBirth: '1990-01-01',
      status: 'active',
      sessionVersion: 1,
      createdAt: now,
      updatedAt: now,
    }),
  );
  await d.batch([first!, ...rest]);
  for (const id of ids.slice(1)) {
    const purchaseId = crypto.randomUUID();
    const row = db
      .prepare(
        `insert into purchases (id, user_id, pack_id, tokens, bonus_tokens, amount_cents, currency, provider, status,
                                created_at, updated_at)
         values (?, ?, 'bench', ?, 0, ?, 'usd', 'local', 'paid', ?, ?)`,
      )
      .bind(purchaseId, id, tokens, tokens, now, now);
    await commit(
      db,
      purchaseDraft({ userId: id, purchaseId, tokens, bonusTokens: 0, packName: 'bench' }),
      `purchase:${purchaseId}`,
      [row],
    );
  }
  return { performer: ids[0]!, tippers: ids.slice(1) };
}
