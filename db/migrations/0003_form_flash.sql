CREATE TABLE `form_flash` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`form_key` text NOT NULL,
	`result` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `form_flash_expires_idx` ON `form_flash` (`expires_at`);