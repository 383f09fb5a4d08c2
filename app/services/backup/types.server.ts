// Backup types, errors and constants (the module map is in ../backup.server.ts).
import type { AuditVerification } from "../audit.server";

export type BackupErrorReason =
  /** inspectBackup / restoreFrom: the file is not a usable backup. */
  | "missing"
  | "empty"
  | "not_sqlite"
  | "truncated"
  | "corrupt"
  | "wal_present"
  | "foreign"
  | "newer_schema"
  | "unknown_schema"
  /** restoreFrom: the database to replace is open in another connection (the portal runs). */
  | "in_use"
  /** backupTo / restoreFrom: source and destination are the same file, or the destination exists. */
  | "same_file"
  | "exists"
  /** backupTo: the copy failed (I/O, disk full…) or did not pass its integrity check. */
  | "backup_failed"
  /** restoreFrom: the restored file did not open (it was put back as it was). */
  | "restore_failed";

/** A refusal or failure with a machine-readable `reason` and a one-line, human `message`. */
export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** Which migrations a database has: drizzle's `__drizzle_migrations`, matched to our journal. */
export type SchemaVersion = {
  /** Migrations applied (rows of `__drizzle_migrations`). */
  applied: number;
  /** Tag of the newest applied migration ("0007_erasure_unlocks"), null when none. */
  lastTag: string | null;
  /** Migrations of this code not yet applied (openDatabase applies them). */
  pending: number;
};

export type BackupResult = {
  file: string;
  bytes: number;
  ms: number;
  schemaVersion: SchemaVersion;
  /** The result of `PRAGMA integrity_check` on the copy: always "ok" (anything else throws). */
  integrity: string;
};

export type BackupInfo = {
  file: string;
  bytes: number;
  schemaVersion: SchemaVersion;
  /** Row counts of the key tables present in the file. */
  counts: Record<string, number>;
  /** The access log's hash chain; null when the file predates the access log. */
  audit: AuditVerification | null;
  integrity: "ok";
};

export type RestoreResult = {
  from: string;
  target: string;
  /** Where the database that was replaced is kept; null when there was none. */
  previous: string | null;
  /** What the backup held before it was opened. */
  restored: BackupInfo;
  /** Migrations of this code applied to the restored file when it was opened. */
  migrationsApplied: number;
  /** A problem with the replaced database that did not stop the restore (e.g. it was damaged). */
  previousProblem: string | null;
  ms: number;
};

export const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
/** Tables whose row counts `inspectBackup` reports (when present). */
export const KEY_TABLES = [
  "cases",
  "case_people",
  "case_records",
  "case_events",
  "case_notes",
  "outbox",
  "staff_users",
  "audit_log",
] as const;
/** Any one of these marks a database as this portal's (with `__drizzle_migrations`). */
export const PORTAL_TABLES = ["cases", "audit_log"];
export const MIGRATIONS_TABLE = "__drizzle_migrations";

/** Pages copied per step of the online backup (4 KiB pages: 4 MiB, a few ms of work per step). */
export const DEFAULT_PAGES_PER_STEP = 1000;
/** How long restoreFrom waits for another connection to let go of the database. */
export const IN_USE_TIMEOUT_MS = 250;
/** With the schedule off (interval 0), how often the setting is read again. */
export const SETTING_RECHECK_MS = 5 * 60 * 1000;
export const BACKUP_NAME = /^csods-\d{8}T\d{6}(?:\.\d{3})?Z\.db$/;
export const COPY_CHUNK = 1024 * 1024;
