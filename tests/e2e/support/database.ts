// End-to-end support: Database (read-only).
import Database from "better-sqlite3";
import { DB_PATH } from "./base";

export type CaseRow = {
  id: number;
  reference: string;
  status: string;
  channel: string;
  urgent: number;
  concern: string;
  contact_types: string;
  contact_details: string | null;
  submission_key: string | null;
};

export type PersonRow = {
  id: number;
  case_id: number;
  role: string;
  position: number;
  full_name: string;
  date_of_birth: string | null;
  age_years: number | null;
  details: string;
};

export type OutboxRow = { id: number; kind: string; to_address: string; subject: string; text_body: string; sent_at: number | null };

/** Opens the e2e database read-only; runs `fn` and closes it again. */
export function withDb<T>(fn: (db: Database.Database) => T): T {
  return withDbAt(DB_PATH, fn);
}

/** Opens the SQLite file at `dbPath` (read-only unless asked); runs `fn` and closes it again. */
export function withDbAt<T>(dbPath: string, fn: (db: Database.Database) => T, { readonly = true } = {}): T {
  const db = new Database(dbPath, { readonly, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return fn(db);
  } finally {
    db.close();
  }
}

export function caseByReference(reference: string): CaseRow | undefined {
  return withDb((db) => db.prepare("select * from cases where reference = ?").get(reference) as CaseRow | undefined);
}

export function peopleOfCase(caseId: number): PersonRow[] {
  return withDb(
    (db) =>
      db
        .prepare(
          "select * from case_people where case_id = ? order by case when role = 'applicant' then 0 when role = 'child' then 1 else 2 end, position",
        )
        .all(caseId) as PersonRow[],
  );
}

/** Every case whose applicant has this (canary) name. */
export function casesForApplicant(fullName: string): CaseRow[] {
  return withDb(
    (db) =>
      db
        .prepare(
          "select c.* from cases c join case_people p on p.case_id = c.id where p.role = 'applicant' and p.full_name = ? order by c.id",
        )
        .all(fullName) as CaseRow[],
  );
}

export function outboxRowsMentioning(text: string): OutboxRow[] {
  return withDb(
    (db) =>
      db.prepare("select * from outbox where instr(text_body, ?) > 0 or instr(subject, ?) > 0 order by id").all(text, text) as OutboxRow[],
  );
}

export function outboxRowsTo(address: string): OutboxRow[] {
  return withDb((db) => db.prepare("select * from outbox where to_address = ? order by id").all(address) as OutboxRow[]);
}
