-- Issue 12a: finding any case (search by name, date of birth and postcode, open and closed), the
-- Closed queue, saved searches (so a results list survives Back without names in the URL) and
-- server-side drafts of long staff forms.
--
-- Names and addresses, as trigram terms for partial matching. Contentless (content=''): the index
-- keeps no copy of the text, only the terms, and contentless_delete lets erasure remove a
-- person's terms with the row. rowid = case_people.id. The triggers keep it in step.
CREATE VIRTUAL TABLE `case_people_search` USING fts5(names, address, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
--> statement-breakpoint
INSERT INTO `case_people_search` (rowid, names, address)
  SELECT id, normalised_name || ' ' || coalesce(other_names, ''), coalesce(address, '') FROM `case_people`;
--> statement-breakpoint
CREATE TRIGGER case_people_search_insert AFTER INSERT ON case_people
BEGIN
  INSERT INTO case_people_search (rowid, names, address)
    VALUES (new.id, new.normalised_name || ' ' || coalesce(new.other_names, ''), coalesce(new.address, ''));
END;
--> statement-breakpoint
CREATE TRIGGER case_people_search_delete AFTER DELETE ON case_people
BEGIN
  DELETE FROM case_people_search WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER case_people_search_update AFTER UPDATE OF normalised_name, other_names, address ON case_people
BEGIN
  DELETE FROM case_people_search WHERE rowid = old.id;
  INSERT INTO case_people_search (rowid, names, address)
    VALUES (new.id, new.normalised_name || ' ' || coalesce(new.other_names, ''), coalesce(new.address, ''));
END;
--> statement-breakpoint
CREATE INDEX `case_people_dob_idx` ON `case_people` (`date_of_birth`);
--> statement-breakpoint
CREATE INDEX `cases_closed_idx` ON `cases` (`status`,`closed_at`);
--> statement-breakpoint
CREATE TABLE `staff_searches` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`criteria` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_searches_expires_idx` ON `staff_searches` (`expires_at`);
--> statement-breakpoint
CREATE TABLE `staff_form_drafts` (
	`user_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`form` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `case_id`, `form`),
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
