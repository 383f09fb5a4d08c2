CREATE TABLE `bank_holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`check_type` text NOT NULL,
	`done_by` text NOT NULL,
	`done_at` integer NOT NULL,
	`result_summary` text NOT NULL,
	`relevant` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_checks_case_idx` ON `case_checks` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`version` integer NOT NULL,
	`decision` text NOT NULL,
	`outcome` text,
	`reasons` text NOT NULL,
	`assessment_record_id` integer NOT NULL,
	`decided_by` integer NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_decisions_version_unique` ON `case_decisions` (`case_id`,`version`);--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`at` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_notes_case_idx` ON `case_notes` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `case_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`code` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_outcomes_unique` ON `case_outcomes` (`case_id`,`code`);--> statement-breakpoint
CREATE TABLE `case_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`data` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_records_version_unique` ON `case_records` (`case_id`,`kind`,`version`);--> statement-breakpoint
CREATE TABLE `notifications_sent` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_sent_key_unique` ON `notifications_sent` (`dedupe_key`);--> statement-breakpoint
ALTER TABLE `cases` ADD `created_by` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `assigned_to` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `risk_check_due_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `interview_due_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `decision_due_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `risk_checked_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `interviewed_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `decided_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `next_due_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `last_retriage_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `subject_is_rso` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `disclosure_made` integer;--> statement-breakpoint
CREATE INDEX `cases_open_due_idx` ON `cases` (`closed_at`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_assignee_due_idx` ON `cases` (`assigned_to`,`closed_at`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_urgent_due_idx` ON `cases` (`urgent`,`closed_at`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_status_due_idx` ON `cases` (`status`,`next_due_at`);