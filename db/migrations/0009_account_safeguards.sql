-- Two-person rule for account changes that hand over an account or raise its privileges: one
-- admin asks, a different admin (not the person concerned) approves or rejects.
CREATE TABLE `staff_approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`roles` text,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decision` text,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_approvals_user_idx` ON `staff_approvals` (`user_id`,`decision`);
--> statement-breakpoint
CREATE TRIGGER staff_approvals_four_eyes BEFORE UPDATE OF decided_by ON staff_approvals
WHEN NEW.decided_by = OLD.requested_by OR NEW.decided_by = OLD.user_id
BEGIN
  SELECT RAISE(ABORT, 'two-person rule: the admin who asked, or the person concerned, cannot decide');
END;
--> statement-breakpoint
-- Wrong second-factor codes per account, across sessions and addresses.
ALTER TABLE `staff_users` ADD `code_failures` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `staff_users` ADD `code_failed_at` integer;
