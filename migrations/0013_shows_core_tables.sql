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
CREATE INDEX `shows_performer` ON `shows` (`performer_id`,`started_at`);