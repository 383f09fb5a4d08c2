CREATE TABLE `application_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`data` text NOT NULL,
	`flash` text,
	`submitted_case_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`submitted_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_drafts_token_unique` ON `application_drafts` (`token_hash`);--> statement-breakpoint
CREATE INDEX `application_drafts_expires_idx` ON `application_drafts` (`expires_at`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_kind` text NOT NULL,
	`type` text NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `case_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`role` text NOT NULL,
	`position` integer DEFAULT 1 NOT NULL,
	`full_name` text NOT NULL,
	`normalised_name` text NOT NULL,
	`other_names` text,
	`date_of_birth` text,
	`age_years` integer,
	`address` text,
	`details` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_people_case_idx` ON `case_people` (`case_id`,`role`,`position`);--> statement-breakpoint
CREATE INDEX `case_people_name_idx` ON `case_people` (`role`,`normalised_name`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`channel` text NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL,
	`contact_types` text NOT NULL,
	`contact_details` text,
	`concern` text NOT NULL,
	`declarations_accepted_at` integer,
	`submission_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_reference_unique` ON `cases` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_submission_key_unique` ON `cases` (`submission_key`);--> statement-breakpoint
CREATE INDEX `cases_status_received_idx` ON `cases` (`status`,`received_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sent_at` integer,
	`failed_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`sent_at`,`failed_at`,`next_attempt_at`);