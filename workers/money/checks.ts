/**
 * The ledger's invariants as SQL, so the same queries run in the Worker (GET
 * /api/admin/ledger/check), in tests, and from `npm run ledger:check` through wrangler.
 */
export const LEDGER_CHECKS = {
  transactions: 'select count(*) as value from ledger_transactions',
  entrySum: 'select coalesce(sum(amount), 0) as value from ledger_entries',
  unbalancedTransactions:
    'select count(*) as value from (select transaction_id from ledger_entries group by transaction_id having sum(amount) <> 0 or count(*) < 2)',
  driftedBalances: `select count(*) as value from (
      select account from account_balances b
       where balance <> coalesce((select sum(amount) from ledger_entries e where e.account = b.account), 0)
      union
      select distinct account from ledger_entries e where not exists (select 1 from account_balances b where b.account = e.account))`,
  negativeBalances: `select count(*) as value from account_balances
      where balance < 0 and (account like 'wallet:%' or account like 'earnings:%' or account like 'hold:%' or account = 'platform:fees')`,
  tokensInWallets: "select coalesce(sum(balance), 0) as value from account_balances where account like 'wallet:%'",
  tokensSold: `select coalesce(sum(tokens + bonus_tokens), 0) as value from purchases where status in ('paid', 'refunded', 'disputed')`,
  tokensReversed: `select coalesce(sum(e.amount), 0) as value from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
      where t.kind in ('refund', 'chargeback') and (e.account like 'external:payments' or e.account like 'platform:promotions')`,
  /** Tokens admins put into (positive) or took out of (negative) wallets, against platform:promotions. */
  tokensAdjusted: `select coalesce(sum(e.amount), 0) as value from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
      where t.kind = 'adjustment' and e.account like 'wallet:%'`,
} as const;

export type LedgerReport = { [K in keyof typeof LEDGER_CHECKS]: number } & { ok: boolean; tokensOutstanding: number };

export function report(values: { [K in keyof typeof LEDGER_CHECKS]: number }): LedgerReport {
  const tokensOutstanding = values.tokensSold - values.tokensReversed + values.tokensAdjusted;
  const ok =
    values.entrySum === 0 &&
    values.unbalancedTransactions === 0 &&
    values.driftedBalances === 0 &&
    values.negativeBalances === 0 &&
    values.tokensInWallets <= tokensOutstanding;
  return { ...values, tokensOutstanding, ok };
}

export function formatReport(r: LedgerReport): string {
  const line = (label: string, value: number, bad = false) => `${label.padEnd(44)} ${String(value).padStart(12)}${bad ? '   << VIOLATION' : ''}`;
  return [
    line('transactions', r.transactions),
    line('sum of all entries (must be 0)', r.entrySum, r.entrySum !== 0),
    line('unbalanced transactions (must be 0)', r.unbalancedTransactions, r.unbalancedTransactions !== 0),
    line('balances that differ from their entries (0)', r.driftedBalances, r.driftedBalances !== 0),
    line('negative wallet/earnings/hold balances (0)', r.negativeBalances, r.negativeBalances !== 0),
    line('tokens in wallets', r.tokensInWallets, r.tokensInWallets > r.tokensOutstanding),
    line('tokens sold (paid purchases, with bonus)', r.tokensSold),
    line('tokens taken back by refunds and disputes', r.tokensReversed),
    line('tokens adjusted by admins (audited)', r.tokensAdjusted),
    line('tokens outstanding (sold - taken back + adjusted)', r.tokensOutstanding),
    r.ok ? 'ledger OK' : 'LEDGER VIOLATION',
  ].join('\n');
}
