CREATE TABLE `mcp_consent_answers` (
	`handle_hash` text PRIMARY KEY NOT NULL,
	`answered_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mcp_revoked_grants` (
	`grant_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`revoked_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `account_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`email` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_tokens_user` ON `account_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `known_devices` (
	`user_id` text NOT NULL,
	`device_hash` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `device_hash`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `local_mailbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `local_mailbox_to` ON `local_mailbox` (`to`,`created_at`);--> statement-breakpoint
CREATE TABLE `go_live_notices` (
	`user_id` text NOT NULL,
	`performer_id` text NOT NULL,
	`show_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `performer_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_mutes` (
	`user_id` text NOT NULL,
	`performer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `performer_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`push` integer NOT NULL,
	`email` integer NOT NULL,
	`in_app` integer NOT NULL,
	`quiet_start` integer,
	`quiet_end` integer,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notification_settings_quiet" CHECK(("notification_settings"."quiet_start" is null) = ("notification_settings"."quiet_end" is null))
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_key_unique` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`endpoint` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);--> statement-breakpoint
CREATE TABLE `mcp_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`performer_id` text NOT NULL,
	`client_id` text NOT NULL,
	`client_name` text NOT NULL,
	`tool` text NOT NULL,
	`outcome` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "mcp_activity_tool_length" CHECK(length("mcp_activity"."tool") between 1 and 64)
);
--> statement-breakpoint
CREATE INDEX `mcp_activity_performer` ON `mcp_activity` (`performer_id`,`at`);--> statement-breakpoint
CREATE INDEX `mcp_activity_client` ON `mcp_activity` (`performer_id`,`client_id`,`at`);--> statement-breakpoint
CREATE TABLE `now_playing_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`performer_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`hint` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `now_playing_tokens_token_hash_unique` ON `now_playing_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `now_playing_tokens_performer` ON `now_playing_tokens` (`performer_id`);--> statement-breakpoint
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
ALTER TABLE `users` ADD `email_verified_at` integer;--> statement-breakpoint
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
