ALTER TABLE `cases` ADD `urgent_reason` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `over_submission_limit` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `referral_due_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `referral_made_at` integer;--> statement-breakpoint
CREATE TABLE `case_referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`agency` text NOT NULL,
	`agency_name` text NOT NULL,
	`team` text,
	`made_at` integer NOT NULL,
	`made_by` text NOT NULL,
	`method` text NOT NULL,
	`their_reference` text,
	`shared_summary` text NOT NULL,
	`suspected_abuse` integer DEFAULT false NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_referrals_case_idx` ON `case_referrals` (`case_id`,`made_at`);--> statement-breakpoint
CREATE INDEX `case_referrals_made_idx` ON `case_referrals` (`made_at`);
