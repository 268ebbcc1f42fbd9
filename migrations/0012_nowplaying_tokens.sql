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
CREATE INDEX `now_playing_tokens_performer` ON `now_playing_tokens` (`performer_id`);