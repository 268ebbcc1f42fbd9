CREATE TABLE `mcp_consent_answers` (
	`handle_hash` text PRIMARY KEY NOT NULL,
	`answered_at` integer NOT NULL
);
