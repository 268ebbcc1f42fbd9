CREATE TABLE `fan_club_events` (
	`membership_id` text NOT NULL,
	`period_index` integer NOT NULL,
	`kind` text NOT NULL,
	`performer_id` text NOT NULL,
	`tokens` integer DEFAULT 0 NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`membership_id`, `period_index`, `kind`),
	FOREIGN KEY (`membership_id`) REFERENCES `fan_club_memberships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `fan_club_events_performer` ON `fan_club_events` (`performer_id`,`at`);--> statement-breakpoint
CREATE TABLE `fan_club_memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`performer_id` text NOT NULL,
	`member_id` text NOT NULL,
	`status` text NOT NULL,
	`period_index` integer NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`price_tokens` integer NOT NULL,
	`renews` integer NOT NULL,
	`grace_until` integer,
	`join_key` text,
	`joined_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "fan_club_memberships_status" CHECK("fan_club_memberships"."status" in ('active', 'grace', 'lapsed', 'cancelled')),
	CONSTRAINT "fan_club_memberships_not_self" CHECK("fan_club_memberships"."performer_id" <> "fan_club_memberships"."member_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fan_club_memberships_pair` ON `fan_club_memberships` (`performer_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `fan_club_memberships_due` ON `fan_club_memberships` (`status`,`period_end`);--> statement-breakpoint
CREATE INDEX `fan_club_memberships_member` ON `fan_club_memberships` (`member_id`);--> statement-breakpoint
CREATE TABLE `fan_club_settings` (
	`performer_id` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`price_tokens` integer NOT NULL,
	`perks` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "fan_club_settings_price" CHECK("fan_club_settings"."price_tokens" > 0)
);
--> statement-breakpoint
CREATE TABLE `show_participants` (
	`show_id` text NOT NULL,
	`user_id` text NOT NULL,
	`performer_id` text NOT NULL,
	`role` text NOT NULL,
	`kind` text NOT NULL,
	`rate` integer NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	`minutes` integer DEFAULT 0 NOT NULL,
	`tokens` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`show_id`, `user_id`),
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `show_participants_user` ON `show_participants` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `show_participants_performer` ON `show_participants` (`performer_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `show_settings` (
	`performer_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`private_on` integer DEFAULT false NOT NULL,
	`sessions_available` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `shows` (
	`id` text PRIMARY KEY NOT NULL,
	`performer_id` text NOT NULL,
	`kind` text NOT NULL,
	`rate` integer NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	`minutes` integer DEFAULT 0 NOT NULL,
	`tokens` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `shows_performer` ON `shows` (`performer_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `show_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`show_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`performer_id` text NOT NULL,
	`kind` text NOT NULL,
	`stars` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`removed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`show_id`) REFERENCES `shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "show_reviews_stars" CHECK("show_reviews"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `show_reviews_once` ON `show_reviews` (`show_id`,`reviewer_id`);--> statement-breakpoint
CREATE INDEX `show_reviews_performer` ON `show_reviews` (`performer_id`,`created_at`);--> statement-breakpoint
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
	CONSTRAINT "ledger_transactions_kind" CHECK(kind in ('purchase', 'tip', 'show_minute', 'goal_refund', 'refund', 'chargeback', 'payout_request', 'payout_paid', 'payout_failed', 'adjustment', 'request_hold', 'request_income', 'request_refund', 'fan_club'))
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
CREATE TABLE `__new_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`reporter_id` text NOT NULL,
	`performer_id` text NOT NULL,
	`target` text NOT NULL,
	`message_seq` integer,
	`message_author_id` text,
	`reason` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`evidence` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reports_target" CHECK("__new_reports"."target" in ('message', 'room', 'review')),
	CONSTRAINT "reports_status" CHECK("__new_reports"."status" in ('open', 'dismissed', 'actioned'))
);
--> statement-breakpoint
INSERT INTO `__new_reports`("id", "reporter_id", "performer_id", "target", "message_seq", "message_author_id", "reason", "text", "evidence", "status", "resolution", "resolved_by", "resolved_at", "created_at") SELECT "id", "reporter_id", "performer_id", "target", "message_seq", "message_author_id", "reason", "text", "evidence", "status", "resolution", "resolved_by", "resolved_at", "created_at" FROM `reports`;--> statement-breakpoint
DROP TABLE `reports`;--> statement-breakpoint
ALTER TABLE `__new_reports` RENAME TO `reports`;--> statement-breakpoint
CREATE INDEX `reports_queue` ON `reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_performer` ON `reports` (`performer_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `avatar_key` text;--> statement-breakpoint
ALTER TABLE `live_rooms` ADD `thumbnail_key` text;--> statement-breakpoint
-- Written by hand: the rebuild above (the new kind `fan_club` changes the kind CHECK) drops the table's
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
--> statement-breakpoint
-- Written by hand: a performer's account picture is their profile avatar (workers/accounts/account-picture.ts).
UPDATE `users` SET `avatar_key` = (SELECT `avatar_key` FROM `performer_profiles` WHERE `user_id` = `users`.`id`) WHERE `avatar_key` IS NULL;
