-- Erasure removes a case's personal data, including locked decisions and records, but only
-- once the case is marked erased (after a manager approved it). Nothing else may delete them.
CREATE TRIGGER case_decisions_no_delete BEFORE DELETE ON case_decisions
WHEN NOT EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id AND erased_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'case_decisions can only be removed by erasure');
END;
--> statement-breakpoint
CREATE TRIGGER case_records_no_delete BEFORE DELETE ON case_records
WHEN NOT EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id AND erased_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'case_records can only be removed by erasure');
END;
