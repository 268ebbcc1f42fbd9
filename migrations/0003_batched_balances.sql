-- Balances move once per money batch (one UPDATE per account touched, from the batch's
-- entries) instead of twice per entry in a trigger: the same invariant, a fraction of the
-- work for group-committed tips. The statements live in workers/money/balances.ts and run in
-- the same D1 batch as the entries, so a balance never differs from its entries.
DROP TRIGGER `ledger_entries_update_balance`;
