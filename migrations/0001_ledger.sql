CREATE TABLE `account_balances` (
	`account` text PRIMARY KEY NOT NULL,
	`balance` integer NOT NULL,
	CONSTRAINT "account_balances_not_negative" CHECK("account_balances"."balance" >= 0 or not ("account_balances"."account" like 'wallet:%' or "account_balances"."account" like 'earnings:%' or "account_balances"."account" like 'hold:%' or "account_balances"."account" = 'platform:fees'))
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` text NOT NULL,
	`account` text NOT NULL,
	`amount` integer NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "ledger_entries_nonzero" CHECK("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_transaction` ON `ledger_entries` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `ledger_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload_hash` text NOT NULL,
	`actor_id` text,
	`counterparty_id` text,
	`reference` text,
	`memo` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "ledger_transactions_kind" CHECK(kind in ('purchase', 'tip', 'show_minute', 'goal_refund', 'refund', 'chargeback', 'payout_request', 'payout_paid', 'payout_failed', 'adjustment'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_transactions_idempotency_key_unique` ON `ledger_transactions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_actor` ON `ledger_transactions` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_counterparty` ON `ledger_transactions` (`counterparty_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_reference` ON `ledger_transactions` (`reference`);--> statement-breakpoint
CREATE TABLE `payment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payout_accounts` (
	`performer_id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`provider_account_id` text NOT NULL,
	`ready` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`performer_id` text NOT NULL,
	`amount` integer NOT NULL,
	`week` text NOT NULL,
	`status` text NOT NULL,
	`approved_by` text,
	`provider_transfer_id` text,
	`failure_reason` text,
	`requested_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payouts_amount_positive" CHECK("payouts"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_once_a_week` ON `payouts` (`performer_id`,`week`);--> statement-breakpoint
CREATE INDEX `payouts_status` ON `payouts` (`status`,`requested_at`);--> statement-breakpoint
CREATE TABLE `purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`pack_id` text NOT NULL,
	`tokens` integer NOT NULL,
	`bonus_tokens` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`provider` text NOT NULL,
	`provider_session_id` text,
	`provider_payment_id` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchases_provider_session_id_unique` ON `purchases` (`provider_session_id`);--> statement-breakpoint
CREATE INDEX `purchases_user` ON `purchases` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchases_payment` ON `purchases` (`provider_payment_id`);--> statement-breakpoint
CREATE TABLE `wallet_freezes` (
	`user_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
