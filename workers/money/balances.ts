/**
 * The two statements every money batch ends with: make sure each touched account has a
 * balance row, then add the sum of the batch's entries to it. They run in the same D1 batch as
 * the entries, so the cached balance always equals the sum of the account's entries, and the
 * CHECK on account_balances turns an overdraft into a failure of the whole batch. (Two steps,
 * not an upsert: SQLite checks the CHECK constraint on the row an upsert would insert.)
 * `transactionIdsJson` is a JSON array of the batch's transaction ids.
 */
export function applyBalances(db: D1Database, transactionIdsJson: string, accounts: string[]): D1PreparedStatement[] {
  return [
    db
      .prepare('insert or ignore into account_balances (account, balance) select value, 0 from json_each(?)')
      .bind(JSON.stringify([...new Set(accounts)])),
    db
      .prepare(
        `update account_balances set balance = balance + moved.delta
           from (select account, sum(amount) as delta from ledger_entries
                  where transaction_id in (select value from json_each(?)) group by account) as moved
          where account_balances.account = moved.account`,
      )
      .bind(transactionIdsJson),
  ];
}
