PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ledger_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload_hash` text NOT NULL,
	`actor_id` text,
	`counterparty_id` text,
	`reference` text,
	`memo` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "ledger_transactions_kind" CHECK(kind in ('purchase', 'tip', 'show_minute', 'goal_refund', 'refund', 'chargeback', 'payout_request', 'payout_paid', 'payout_failed', 'adjustment', 'request_hold', 'request_income', 'request_refund'))
);
--> statement-breakpoint
INSERT INTO `__new_ledger_transactions`("id", "kind", "idempotency_key", "payload_hash", "actor_id", "counterparty_id", "reference", "memo", "created_at") SELECT "id", "kind", "idempotency_key", "payload_hash", "actor_id", "counterparty_id", "reference", "memo", "created_at" FROM `ledger_transactions`;--> statement-breakpoint
DROP TABLE `ledger_transactions`;--> statement-breakpoint
ALTER TABLE `__new_ledger_transactions` RENAME TO `ledger_transactions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_transactions_idempotency_key_unique` ON `ledger_transactions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_actor` ON `ledger_transactions` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_counterparty` ON `ledger_transactions` (`counterparty_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_reference` ON `ledger_transactions` (`reference`);--> statement-breakpoint
-- Written by hand: the rebuild above (a new transaction kind changes the kind CHECK) drops the table's
-- triggers, so they are made again exactly as 0002 and 0010 made them.
CREATE TRIGGER `ledger_transactions_append_only_update` BEFORE UPDATE ON `ledger_transactions`
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_transactions_append_only_delete` BEFORE DELETE ON `ledger_transactions`
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `payout_settlement_matches_status` BEFORE INSERT ON `ledger_transactions`
WHEN NEW.kind IN ('payout_paid', 'payout_failed')
  AND NOT EXISTS (SELECT 1 FROM payouts WHERE id = NEW.reference AND status = substr(NEW.kind, 8))
BEGIN SELECT RAISE(ABORT, 'payout_settlement_matches_status: the payout is not in the state this booking needs'); END;
