CREATE TABLE `room_visits` (
	`user_id` text NOT NULL,
	`handle` text NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `handle`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `room_visits_seen` ON `room_visits` (`last_seen_at`);