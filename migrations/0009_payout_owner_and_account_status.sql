CREATE TABLE `local_transfers` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`transfer_id` text NOT NULL,
	`payout_id` text NOT NULL,
	`account_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `local_transfers_payout` ON `local_transfers` (`payout_id`);--> statement-breakpoint
ALTER TABLE `payout_accounts` ADD `status` text DEFAULT 'pending' NOT NULL;