-- Issue 10: bind checks → assessment → signed decision → delivery.
-- Research checks keep a result, what a trace found, another officer present, and (for
-- children's social care) each named child's child protection plan status.
ALTER TABLE `case_checks` ADD `result` text;--> statement-breakpoint
ALTER TABLE `case_checks` ADD `findings` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `case_checks` ADD `other_officer` text;--> statement-breakpoint
ALTER TABLE `case_checks` ADD `child_plans` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- A decision names the assessment version it decided, and for a disclosure the approved
-- recipient (a person record) and wording; a departure from the presumption, its rationale.
ALTER TABLE `case_decisions` ADD `assessment_version` integer;--> statement-breakpoint
ALTER TABLE `case_decisions` ADD `recipient_person_id` integer;--> statement-breakpoint
ALTER TABLE `case_decisions` ADD `recipient_name` text;--> statement-breakpoint
ALTER TABLE `case_decisions` ADD `recipient_reason` text;--> statement-breakpoint
ALTER TABLE `case_decisions` ADD `wording` text;--> statement-breakpoint
ALTER TABLE `case_decisions` ADD `departure` text;--> statement-breakpoint
ALTER TABLE `case_decisions` ADD `departure_rationale` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `presumption_departure` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE `case_countersignatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`decision_id` integer NOT NULL,
	`signed_by` integer NOT NULL,
	`signed_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decision_id`) REFERENCES `case_decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_countersignatures_decision_unique` ON `case_countersignatures` (`decision_id`);--> statement-breakpoint
-- The second signature on a departure from the presumption: another manager, enforced here too.
CREATE TRIGGER case_countersignatures_four_eyes BEFORE INSERT ON case_countersignatures
WHEN EXISTS (SELECT 1 FROM case_decisions WHERE id = NEW.decision_id AND decided_by = NEW.signed_by)
  OR EXISTS (SELECT 1 FROM case_records WHERE case_id = NEW.case_id AND kind = 'assessment' AND recorded_by = NEW.signed_by)
  OR EXISTS (SELECT 1 FROM case_checks WHERE case_id = NEW.case_id AND recorded_by = NEW.signed_by)
BEGIN
  SELECT RAISE(ABORT, 'four eyes: the second signature must be another manager who did not assess or sign');
END;
--> statement-breakpoint
CREATE TRIGGER case_countersignatures_locked BEFORE UPDATE ON case_countersignatures
BEGIN
  SELECT RAISE(ABORT, 'case_countersignatures are locked once signed');
END;
