-- Issue 9: one way to say "saved". The success message for the page a saved form goes to is kept on
-- the person's server-side session (never in the URL or the browser) and taken on the next view of
-- that page, so it shows once. It holds our own words: a case reference at most, never a person.
ALTER TABLE `staff_sessions` ADD `notice` text;
