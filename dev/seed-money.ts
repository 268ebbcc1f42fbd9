/**
 * Money for the local demo: a fan who bought two Patron packs and tipped the demo performer nine
 * to eleven days ago, so her earnings are past the 7-day hold and over the US$50 minimum. The
 * demo can then run a payout end to end: set up the payout account, request, approve in /admin.
 *
 * Plain SQL with fixed ids, so running it again adds nothing. The entries are written out here
 * (dev code does not load the Worker's modules); test/money/demo-seed.test.ts checks them against
 * the Worker's own drafts and the ledger check.
 */
export const SEEDED_FAN = {
  id: '00000000-0000-4000-8000-000000000003',
  email: 'fan@encore.local',
  handle: 'milo',
  displayName: 'Milo Fan',
};
const PATRON = { id: 'patron', name: 'Patron', tokens: 5000, bonusTokens: 1000, priceCents: 5000 };
export const SEEDED_TIPS = [4000, 3500, 3000];
const FEE_PERCENT = 30;
const DAY = 86_400_000;

type Value = string | number | null;
const sqlValue = (value: Value) =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
const row = (values: Value[]) => `(${values.map(sqlValue).join(', ')})`;

type Booking = {
  id: string;
  kind: 'purchase' | 'tip';
  key: string;
  actor: string;
  counterparty: string | null;
  reference: string | null;
  memo: string | null;
  at: number;
  entries: [string, number][];
};

export function seedMoneySql(performerId: string, now = Date.now()): string {
  const wallet = `wallet:${SEEDED_FAN.id}`;
  const purchases = [1, 2].map((n) => ({
    id: `00000000-0000-4000-8000-0000000000a${n}`,
    at: now - 12 * DAY + n * 60_000,
  }));
  const bookings: Booking[] = [
    ...purchases.map(
      (p, i): Booking => ({
        id: `00000000-0000-7000-8000-00000000005${i}`,
        kind: 'purchase',
        key: `purchase:${p.id}`,
        actor: SEEDED_FAN.id,
        counterparty: null,
        reference: p.id,
        memo: JSON.stringify({ pack: PATRON.name, bonus: PATRON.bonusTokens }),
        at: p.at,
        entries: [
          ['external:payments', -PATRON.tokens],
          ['platform:promotions', -PATRON.bonusTokens],
          [wallet, PATRON.tokens + PATRON.bonusTokens],
        ],
      }),
    ),
    ...SEEDED_TIPS.map((amount, i): Booking => {
      const performerShare = Math.floor((amount * (100 - FEE_PERCENT)) / 100);
      return {
        id: `00000000-0000-7000-8000-00000000006${i}`,
        kind: 'tip',
        key: `tip:seed-${i}`,
        actor: SEEDED_FAN.id,
        counterparty: performerId,
        reference: null,
        memo: null,
        at: now - (11 - i) * DAY,
        entries: [
          [wallet, -amount],
          [`earnings:${performerId}`, performerShare],
          ['platform:fees', amount - performerShare],
        ],
      };
    }),
  ];

  const fan = row([
    SEEDED_FAN.id,
    SEEDED_FAN.email,
    SEEDED_FAN.handle,
    'no-password',
    'viewer',
    SEEDED_FAN.displayName,
    '1993-08-30',
    'active',
    1,
    now - 13 * DAY,
    now - 13 * DAY,
  ]);
  const purchase = (p: (typeof purchases)[number]) =>
    row([
      p.id,
      SEEDED_FAN.id,
      PATRON.id,
      PATRON.tokens,
      PATRON.bonusTokens,
      PATRON.priceCents,
      'usd',
      'local',
      'paid',
      p.at,
      p.at,
    ]);
  const statements = [
    // No usable password: the fan exists for the money, not to sign in.
    `INSERT INTO users (id, email, handle, password_hash, role, display_name, date_of_birth, status, session_version,
       created_at, updated_at)
     VALUES ${fan} ON CONFLICT DO NOTHING;`,
    ...purchases.map(
      (
        p,
      ) => `INSERT INTO purchases (id, user_id, pack_id, tokens, bonus_tokens, amount_cents, currency, provider, status,
       created_at, updated_at)
     VALUES ${purchase(p)} ON CONFLICT DO NOTHING;`,
    ),
  ];
  for (const b of bookings) {
    const transaction = row([b.id, b.kind, b.key, `seed:${b.key}`, b.actor, b.counterparty, b.reference, b.memo, b.at]);
    statements.push(
      // The payload hash only answers replays of the key, which the seed's keys never see.
      `INSERT INTO ledger_transactions (id, kind, idempotency_key, payload_hash, actor_id, counterparty_id, reference,
       memo, created_at)
     VALUES ${transaction} ON CONFLICT DO NOTHING;`,
      // Entries are append-only and carry no key of their own: add them only the first time.
      `INSERT INTO ledger_entries (transaction_id, account, amount, created_at)
     SELECT * FROM (VALUES ${b.entries.map(([account, amount]) => row([b.id, account, amount, b.at])).join(', ')})
     WHERE NOT EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = ${sqlValue(b.id)});`,
    );
  }
  // Balances recomputed from the entries: equal to their sum however often this runs.
  const accounts = [...new Set(bookings.flatMap((b) => b.entries.map(([account]) => account)))];
  statements.push(
    `INSERT OR IGNORE INTO account_balances (account, balance)
     VALUES ${accounts.map((a) => row([a, 0])).join(', ')};`,
    `UPDATE account_balances
     SET balance = (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.account = account_balances.account)
     WHERE account IN (${accounts.map(sqlValue).join(', ')});`,
  );
  return statements.join('\n');
}
