-- Four eyes, enforced by the database: nobody who recorded a research check or the risk
-- assessment of a case may sign its decision.
CREATE TRIGGER case_decisions_four_eyes BEFORE INSERT ON case_decisions
WHEN EXISTS (SELECT 1 FROM case_records WHERE case_id = NEW.case_id AND kind = 'assessment' AND recorded_by = NEW.decided_by)
  OR EXISTS (SELECT 1 FROM case_checks WHERE case_id = NEW.case_id AND recorded_by = NEW.decided_by)
BEGIN
  SELECT RAISE(ABORT, 'four eyes: the person deciding researched or assessed this case');
END;
--> statement-breakpoint
-- A signed decision is locked: a change is a new version.
CREATE TRIGGER case_decisions_locked BEFORE UPDATE ON case_decisions
BEGIN
  SELECT RAISE(ABORT, 'case_decisions are locked once signed: record a new version');
END;
--> statement-breakpoint
CREATE TRIGGER case_records_locked BEFORE UPDATE ON case_records
BEGIN
  SELECT RAISE(ABORT, 'case_records are kept as recorded: record a new version');
END;
