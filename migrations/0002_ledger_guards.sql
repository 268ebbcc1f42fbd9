-- The ledger is append-only, and every account's cached balance is the sum of its entries.
-- Written by hand (drizzle-kit does not generate triggers); applied like every migration.
CREATE TRIGGER `ledger_transactions_append_only_update` BEFORE UPDATE ON `ledger_transactions`
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_transactions_append_only_delete` BEFORE DELETE ON `ledger_transactions`
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_append_only_update` BEFORE UPDATE ON `ledger_entries`
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_append_only_delete` BEFORE DELETE ON `ledger_entries`
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
--> statement-breakpoint
-- The CHECK on account_balances then refuses any entry that would overdraw a wallet, earnings
-- or hold, which aborts the whole D1 batch it came in.
CREATE TRIGGER `ledger_entries_update_balance` AFTER INSERT ON `ledger_entries`
BEGIN
  -- Two steps, not an upsert: SQLite checks CHECK constraints on the row an upsert would
  -- insert, so a debit of an existing wallet would be refused as a negative new row.
  INSERT OR IGNORE INTO `account_balances` (`account`, `balance`) VALUES (NEW.`account`, 0);
  UPDATE `account_balances` SET `balance` = `balance` + NEW.`amount` WHERE `account` = NEW.`account`;
END;
