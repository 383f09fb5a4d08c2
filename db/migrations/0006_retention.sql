CREATE TABLE `retention_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`proposal` text NOT NULL,
	`reason` text NOT NULL,
	`new_review_at` integer,
	`proposed_by` integer NOT NULL,
	`proposed_at` integer NOT NULL,
	`decision` text,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `retention_reviews_case_idx` ON `retention_reviews` (`case_id`,`proposed_at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `review_due_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `erased_at` integer;--> statement-breakpoint
CREATE INDEX `cases_review_due_idx` ON `cases` (`erased_at`,`review_due_at`);