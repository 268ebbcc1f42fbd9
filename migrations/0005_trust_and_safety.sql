CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	`ip` text,
	`detail` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_time` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_object` ON `audit_log` (`object_type`,`object_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor`,`created_at`);--> statement-breakpoint
CREATE TABLE `kyc_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`verification_id` text NOT NULL,
	`side` text NOT NULL,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`stored_size` integer NOT NULL,
	`wrapped_key` text NOT NULL,
	`key_id` text NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`verification_id`) REFERENCES `kyc_verifications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "kyc_documents_side" CHECK("kyc_documents"."side" in ('front', 'back', 'selfie'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kyc_documents_object_key_unique` ON `kyc_documents` (`object_key`);--> statement-breakpoint
CREATE INDEX `kyc_documents_verification` ON `kyc_documents` (`verification_id`,`side`);--> statement-breakpoint
CREATE TABLE `kyc_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`legal_name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`country` text NOT NULL,
	`id_type` text NOT NULL,
	`id_number_sealed` text NOT NULL,
	`id_number_last4` text NOT NULL,
	`stage_names` text DEFAULT '[]' NOT NULL,
	`consent_at` integer,
	`submitted_at` integer,
	`reviewed_at` integer,
	`reviewed_by` text,
	`rejection_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "kyc_verifications_status" CHECK("kyc_verifications"."status" in ('draft', 'submitted', 'approved', 'rejected', 'resubmitted'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kyc_verifications_user_id_unique` ON `kyc_verifications` (`user_id`);--> statement-breakpoint
CREATE INDEX `kyc_verifications_queue` ON `kyc_verifications` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `reports` (
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
	CONSTRAINT "reports_target" CHECK("reports"."target" in ('message', 'room')),
	CONSTRAINT "reports_status" CHECK("reports"."status" in ('open', 'dismissed', 'actioned'))
);
--> statement-breakpoint
CREATE INDEX `reports_queue` ON `reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_performer` ON `reports` (`performer_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `wallet_freezes` ADD `frozen_by` text;--> statement-breakpoint
-- Written by hand (drizzle-kit does not generate triggers): the audit log is append-only.
CREATE TRIGGER `audit_log_append_only_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_append_only_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
