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
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `reports_queue` ON `reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_performer` ON `reports` (`performer_id`,`created_at`);