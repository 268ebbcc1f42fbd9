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
CREATE INDEX `mcp_activity_client` ON `mcp_activity` (`performer_id`,`client_id`,`at`);