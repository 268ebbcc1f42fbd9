CREATE TABLE `tip_refusals` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`payload_hash` text NOT NULL,
	`reason` text NOT NULL,
	`tipper_id` text NOT NULL,
	`created_at` integer NOT NULL
);
