// Backups and restores of the one SQLite file (docs/decisions/008-backup-and-restore.md).
//
//  - `backupTo` takes an ONLINE copy with SQLite's backup API while the portal keeps serving and
//    writing. The copy is written under "<file>.partial", made self-contained (rollback journal
//    instead of WAL, so it is one file), fsynced, checked with `PRAGMA integrity_check`, and only
//    then renamed to its final name: a half-written or damaged copy never carries a backup's name.
//  - `inspectBackup` says what a file holds and refuses anything that is not a whole, healthy
//    database of this portal with a schema this code knows.
//  - `restoreFrom` puts a checked backup in place of the database (server stopped), keeping the
//    previous file next to it, then opens it the way the server does (pragmas, newer migrations).
//  - `startBackupSchedule` takes a backup every `backup.intervalMinutes` into the backup folder
//    and keeps the newest `backup.keep`.
//
// Logs carry file names, sizes and times only: never any content of the database.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { MIGRATIONS_FOLDER, openDatabase, type Sqlite } from "../../db/client";
import { MAX_REASON_LENGTH, recordAudit, verifyAuditChain, type AuditVerification } from "./audit.server";
import { getConfig } from "./config.server";
import { getSqlite } from "./db.server";
import { describeError, log } from "./logger.server";
import { SETTING_DEFAULTS, getSetting } from "./settings.server";

// ---------------------------------------------------------------------------------------------
// Types and errors
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
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
const PORTAL_TABLES = ["cases", "audit_log"];
const MIGRATIONS_TABLE = "__drizzle_migrations";

/** Pages copied per step of the online backup (4 KiB pages: 4 MiB, a few ms of work per step). */
export const DEFAULT_PAGES_PER_STEP = 1000;
/** How long restoreFrom waits for another connection to let go of the database. */
const IN_USE_TIMEOUT_MS = 250;
/** With the schedule off (interval 0), how often the setting is read again. */
const SETTING_RECHECK_MS = 5 * 60 * 1000;
const BACKUP_NAME = /^csods-\d{8}T\d{6}(?:\.\d{3})?Z\.db$/;
const COPY_CHUNK = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Backup
// ---------------------------------------------------------------------------------------------

/**
 * Online backup of `sqlite` (by default the portal's own connection) into `file`.
 * Safe while the portal serves requests: the copy advances `pagesPerStep` pages per turn of the
 * event loop; writes made meanwhile on the same connection are carried into the copy, so it
 * holds every transaction committed before it finished. (Writes from another process make
 * SQLite restart the copy; the backup script therefore copies in one step, see
 * scripts/db-backup.ts.)
 *
 * Rejects with a BackupError ("exists", "same_file", "backup_failed") and leaves no file behind
 * on failure. It is never called from a request: callers (the schedule, the script) decide what
 * a failure means.
 */
export async function backupTo(
  file: string,
  sqlite: Sqlite = getSqlite(),
  options: {
    /** Pages per step (default DEFAULT_PAGES_PER_STEP); 0x7fffffff copies in one step. */
    pagesPerStep?: number;
    /** Called as soon as the copy is complete, before it is checked: the snapshot's moment. */
    onCopied?: () => void;
  } = {},
): Promise<BackupResult> {
  const started = performance.now();
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const source = sqlite.name && sqlite.name !== ":memory:" ? path.resolve(sqlite.name) : null;
  if (source !== null && (source === target || source === partial)) {
    throw new BackupError("same_file", `Refusing to back up the database onto itself (${target}).`);
  }
  if (fs.existsSync(target)) {
    throw new BackupError("exists", `${target} already exists: choose a new file name.`);
  }
  const pages = Math.max(1, Math.min(0x7fffffff, Math.trunc(options.pagesPerStep ?? DEFAULT_PAGES_PER_STEP)));

  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    removeWithSidecars(partial);
    // Created empty and owner-only first, so the copy is never readable by others, not even briefly.
    fs.closeSync(fs.openSync(partial, "wx", 0o600));
    const flusher = backgroundFlusher(partial);
    try {
      await sqlite.backup(partial, {
        progress: () => {
          flusher.kick();
          return pages;
        },
      });
    } finally {
      await flusher.close();
    }
    options.onCopied?.();

    // Making the copy self-contained, fsyncing it and `integrity_check` read every page: seconds
    // for a large file. Off the main thread, so the portal keeps answering meanwhile.
    const integrity = await checkCopyOffThread(partial);
    if (integrity !== "ok") {
      throw new BackupError("backup_failed", `The copy failed its integrity check: ${integrity}`);
    }
    const checked = new Database(partial, { readonly: true, fileMustExist: true });
    let schemaVersion: SchemaVersion;
    try {
      schemaVersion = readSchemaVersion(checked).version;
    } finally {
      checked.close();
    }

    fs.renameSync(partial, target);
    fsyncDir(path.dirname(target));
    const bytes = fs.statSync(target).size;
    return { file: target, bytes, ms: Math.round(performance.now() - started), schemaVersion, integrity };
  } catch (error) {
    quietly(() => removeWithSidecars(partial));
    if (error instanceof BackupError) throw error;
    throw new BackupError("backup_failed", `Backup to ${target} failed: ${describeError(error)}`);
  }
}

/**
 * The last step of the copy commits it, and SQLite's fsync then waits for every page written so
 * far: on the main thread. Flushing the file from the thread pool while the copy runs leaves that
 * final fsync little to do (measured: a final step of ~100 ms for 100 MB becomes ~40 ms).
 */
function backgroundFlusher(file: string): { kick(): void; close(): Promise<void> } {
  const fd = fs.openSync(file, "r+");
  let pending: Promise<void> | undefined;
  return {
    kick() {
      if (pending) return;
      pending = new Promise<void>((resolve) => {
        fs.fdatasync(fd, () => resolve()); // best effort: an error here only means less flushed
      }).then(() => {
        pending = undefined;
      });
    },
    async close() {
      if (pending) await pending;
      fs.closeSync(fd);
    },
  };
}

// Runs in a worker thread (CommonJS, better-sqlite3 resolved by the main thread): turns the WAL
// flag of the copy off (one file, nothing beside it), fsyncs it, runs integrity_check.
const CHECK_COPY_WORKER = `
const fs = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const file = workerData.file;
let db = new Database(file, { fileMustExist: true });
try { db.pragma("journal_mode = DELETE"); } finally { db.close(); }
const fd = fs.openSync(file, "r+");
try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const rows = db.prepare("PRAGMA integrity_check(5)").pluck().all();
  parentPort.postMessage(rows.join("; ") || "no result");
} finally { db.close(); }
`;

function checkCopyOffThread(file: string): Promise<string> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  return new Promise((resolve, reject) => {
    let answer: string | undefined;
    const worker = new Worker(CHECK_COPY_WORKER, { eval: true, workerData: { file, driver } });
    worker.on("message", (message: unknown) => {
      answer = String(message);
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (answer !== undefined) resolve(answer);
      else reject(new Error(`the check of the copy stopped (exit code ${code})`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Inspection
// ---------------------------------------------------------------------------------------------

/**
 * What a backup file holds: schema version, row counts, the access log chain check. Throws a
 * BackupError when it is missing or empty, not SQLite, truncated or damaged, next to a live WAL,
 * not this portal's ("foreign"), or from a newer version of the portal. Never writes to the file.
 */
export function inspectBackup(file: string): BackupInfo {
  const resolved = path.resolve(file);
  const bytes = checkFileShape(resolved);

  // A read-only connection to a WAL-flagged file creates -wal/-shm next to it: remove those we made.
  const createdSidecars = ["-wal", "-shm"].filter((suffix) => !fs.existsSync(resolved + suffix));
  let sqlite: Sqlite;
  try {
    sqlite = new Database(resolved, { readonly: true, fileMustExist: true });
  } catch (error) {
    removeSidecars(resolved, createdSidecars);
    throw new BackupError("corrupt", `${resolved} could not be opened as a database: ${describeError(error)}`);
  }
  try {
    let integrity: string;
    try {
      integrity = integrityOf(sqlite);
    } catch (error) {
      throw new BackupError("corrupt", `${resolved} is damaged: ${describeError(error)}`);
    }
    if (integrity !== "ok") {
      throw new BackupError("corrupt", `${resolved} is damaged: integrity_check says "${integrity}"`);
    }

    const tables = new Set(
      (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]),
    );
    if (!tables.has(MIGRATIONS_TABLE) || !PORTAL_TABLES.some((name) => tables.has(name))) {
      throw new BackupError(
        "foreign",
        `${resolved} is an SQLite database but not one of this portal's ` +
          `(${tables.has(MIGRATIONS_TABLE) ? "no cases or audit_log table" : "no __drizzle_migrations table"}).`,
      );
    }

    const { version, unknown } = readSchemaVersion(sqlite);
    if (unknown) {
      const latest = readJournal().at(-1);
      if (unknown.newer) {
        throw new BackupError(
          "newer_schema",
          `${resolved} comes from a newer version of the portal: its migration of ${new Date(unknown.createdAt).toISOString()} ` +
            `is not known to this code (latest known: ${latest?.tag ?? "none"}). Upgrade the portal, then restore.`,
        );
      }
      throw new BackupError(
        "unknown_schema",
        `${resolved} has a migration this code does not know (${new Date(unknown.createdAt).toISOString()}): ` +
          "it comes from another build of the portal.",
      );
    }

    const counts: Record<string, number> = {};
    for (const table of KEY_TABLES) {
      if (tables.has(table)) {
        counts[table] = Number(sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get());
      }
    }
    const audit = tables.has("audit_log") ? verifyAuditChain(sqlite) : null;
    return { file: resolved, bytes, schemaVersion: version, counts, audit, integrity: "ok" };
  } finally {
    sqlite.close();
    removeSidecars(resolved, createdSidecars);
  }
}

/** Existence, size and SQLite header checks, before anything opens the file. Returns its size. */
function checkFileShape(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError("missing", `No backup file at ${file}.`);
  }
  if (!stat.isFile()) throw new BackupError("missing", `${file} is not a file.`);
  if (stat.size === 0) throw new BackupError("empty", `${file} is empty (0 bytes): it is not a backup.`);

  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, "r");
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(SQLITE_HEADER)) {
    throw new BackupError(
      "not_sqlite",
      `${file} is not an SQLite database (it does not start with "SQLite format 3").`,
    );
  }
  // Header: page size at 16 (1 = 65536), page count at 28, valid when the change counter (24)
  // equals "version-valid-for" (92). A shorter file was cut short (an interrupted copy).
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pageCount > 0;
  const expected = pageSize * pageCount;
  if (countValid && stat.size < expected) {
    throw new BackupError(
      "truncated",
      `${file} is truncated: ${stat.size} bytes where its header says ${expected} (copy cut short?).`,
    );
  }
  if (pageSize >= 512 && stat.size % pageSize !== 0) {
    throw new BackupError(
      "truncated",
      `${file} is truncated: ${stat.size} bytes is not a whole number of ${pageSize}-byte pages.`,
    );
  }
  let walBytes = 0;
  try {
    walBytes = fs.statSync(`${file}-wal`).size;
  } catch {
    // no WAL next to it: a self-contained file
  }
  if (walBytes > 0) {
    throw new BackupError(
      "wal_present",
      `${file}-wal lies next to ${path.basename(file)}: it is a live database or a copy taken while it ` +
        "was open, and the file alone is incomplete. Take a backup with npm run db:backup instead.",
    );
  }
  return stat.size;
}

function integrityOf(sqlite: Sqlite): string {
  const rows = sqlite.prepare("PRAGMA integrity_check(5)").pluck().all() as string[];
  return rows.join("; ") || "no result";
}

type JournalEntry = { tag: string; when: number };

function readJournal(): JournalEntry[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
  ) as { entries: JournalEntry[] };
  return [...journal.entries].sort((a, b) => a.when - b.when);
}

/**
 * drizzle records each applied migration with `created_at` = the journal entry's `when`, and
 * applies the entries whose `when` is after the newest `created_at`. A `created_at` that is not
 * in our journal is unknown: from a newer version when it is after our latest entry.
 */
function readSchemaVersion(sqlite: Sqlite): {
  version: SchemaVersion;
  unknown: { createdAt: number; newer: boolean } | null;
} {
  const journal = readJournal();
  const known = new Map(journal.map((entry) => [entry.when, entry.tag]));
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(MIGRATIONS_TABLE);
  const applied = hasTable
    ? (sqlite.prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).pluck().all() as unknown[]).map(Number)
    : [];
  const latestKnown = journal.at(-1)?.when ?? 0;
  const strange = applied.filter((createdAt) => !known.has(createdAt));
  const newest = applied.at(-1);
  let unknown: { createdAt: number; newer: boolean } | null = null;
  if (strange.length > 0) {
    const last = strange[strange.length - 1];
    unknown = { createdAt: last, newer: last > latestKnown };
  }
  return {
    version: {
      applied: applied.length,
      lastTag: newest === undefined ? null : (known.get(newest) ?? null),
      pending: journal.filter((entry) => newest === undefined || entry.when > newest).length,
    },
    unknown,
  };
}

// ---------------------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------------------

/**
 * Replace the database at `targetPath` with the backup `file`. The portal must be stopped.
 *
 * 1. inspectBackup(file): refuses before anything is touched;
 * 2. refuses when another connection has `targetPath` open (the portal is running);
 * 3. copies the backup to "<target>.restoring" (owner-only) and fsyncs it;
 * 4. keeps the current database as "<target>.before-restore-<UTC time>" (its WAL checkpointed,
 *    or moved along with it when that was not possible), so no -wal or -shm of the old file is
 *    left to be applied to the new one;
 * 5. renames the copy into place, opens it with openDatabase (pragmas, newer migrations) and
 *    appends a "restored" row to its access log. If it does not open, the previous file is put back.
 *
 * Synchronous: it runs from scripts/db-restore.ts with the server stopped.
 */
export function restoreFrom(
  file: string,
  targetPath: string = getConfig().databasePath,
  options: { onInspected?: (info: BackupInfo) => void; now?: Date } = {},
): RestoreResult {
  const started = performance.now();
  const from = path.resolve(file);
  const target = path.resolve(targetPath);
  if (sameFile(from, target)) {
    throw new BackupError("same_file", `${from} is the database being replaced: restore from a copy of it.`);
  }

  const restored = inspectBackup(from);
  options.onInspected?.(restored);

  // Refuse early, before spending time on the copy; checked again just before the swap.
  if (fs.existsSync(target)) releaseCurrent(target);

  const stamp = utcStamp(options.now ?? new Date());
  const staging = `${target}.restoring`;
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  removeWithSidecars(staging);
  let previousProblem: string | null = null;
  try {
    copyFileDurably(from, staging);
    const copiedBytes = fs.statSync(staging).size;
    if (copiedBytes !== restored.bytes) {
      throw new BackupError(
        "restore_failed",
        `Copying ${from} gave ${copiedBytes} bytes instead of ${restored.bytes}: nothing was replaced.`,
      );
    }
    if (fs.existsSync(target)) previousProblem = releaseCurrent(target);
  } catch (error) {
    quietly(() => removeWithSidecars(staging));
    if (error instanceof BackupError) throw error;
    throw new BackupError("restore_failed", `Copying ${from} failed (${describeError(error)}): nothing was replaced.`);
  }

  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${stamp}`;
    moveWithSidecars(target, previous);
  }
  // Nothing of the old file may stay next to the new one: a stale -wal would be replayed into it.
  removeSidecars(target, ["-wal", "-shm", "-journal"]);
  fs.renameSync(staging, target);
  fsyncDir(path.dirname(target));

  let migrationsApplied: number;
  try {
    const { db, sqlite } = openDatabase(target);
    try {
      migrationsApplied = readSchemaVersion(sqlite).version.applied - restored.schemaVersion.applied;
      db.transaction((tx) => {
        recordAudit(tx, {
          action: "alteration",
          actor: { kind: "system" },
          entityType: "database",
          reason: (
            `restored from backup ${path.basename(from)}` +
            (previous ? `; previous database kept as ${path.basename(previous)}` : "")
          ).slice(0, MAX_REASON_LENGTH),
        });
      });
    } finally {
      sqlite.close();
    }
  } catch (error) {
    // Put things back as they were: the restored file aside, the previous one in place.
    const failed = `${target}.failed-restore-${stamp}`;
    let undone: string;
    try {
      moveWithSidecars(target, failed);
      if (previous) moveWithSidecars(previous, target);
      fsyncDir(path.dirname(target));
      undone = `${previous ? "the previous database is back in place" : "nothing was replaced"} and the restored copy was kept as ${failed}`;
    } catch (undoError) {
      undone = `putting the previous database back failed too (${describeError(undoError)}): it is at ${previous ?? "(none)"}`;
    }
    throw new BackupError("restore_failed", `The restored database did not open (${describeError(error)}); ${undone}.`);
  }

  return {
    from,
    target,
    previous,
    restored,
    migrationsApplied,
    previousProblem,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Make sure nobody else has the current database open, then fold its WAL into the main file.
 * Every open WAL-mode connection holds a shared lock on the file for as long as it is open, so an
 * exclusive lock is only granted when no other connection (in any process) has it open.
 * Returns a problem found with the current file that does not stop the restore (it is damaged:
 * that may be why it is being restored), or null.
 */
function releaseCurrent(target: string): string | null {
  let probe: Sqlite;
  try {
    probe = new Database(target, { fileMustExist: true, timeout: IN_USE_TIMEOUT_MS });
  } catch (error) {
    return `the current database could not be opened (${describeError(error)}); it is kept as it was`;
  }
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("COMMIT");
    probe.pragma("wal_checkpoint(TRUNCATE)");
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))) {
      throw new BackupError(
        "in_use",
        `The database ${target} is in use (the portal or another process has it open): ` +
          "stop the portal, then run the restore again.",
      );
    }
    return `the current database could not be checkpointed (${describeError(error)}); it is kept with its -wal`;
  } finally {
    // As the only connection, closing it deletes the (now empty) -wal and the -shm.
    probe.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Schedule
// ---------------------------------------------------------------------------------------------

export type BackupScheduleOptions = {
  /** Overrides the `backup.intervalMinutes` setting (tests); 0 = off. */
  intervalMs?: number;
  /** Overrides the `backup.keep` setting. */
  keep?: number;
  /** Overrides BACKUP_DIR / DATA_DIR/backups. */
  dir?: string;
  /** Defaults to the portal's connection. */
  sqlite?: Sqlite;
};

export type BackupSchedule = {
  /** Stops the timer and waits for a backup in progress (call before closing the database). */
  stop(): Promise<void>;
  /** Takes a backup now (and prunes). Resolves null on failure, which is logged: never rejects. */
  runNow(): Promise<BackupResult | null>;
};

/** Where scheduled backups go: BACKUP_DIR, or DATA_DIR/backups. */
export function backupDirectory(): string {
  const fromEnv = process.env.BACKUP_DIR?.trim();
  return path.resolve(fromEnv ? fromEnv : path.join(getConfig().dataDir, "backups"));
}

/** "csods-20250301T090000.000Z.db": UTC, sorts by time as text. */
export function backupFileName(at: Date): string {
  return `csods-${utcStamp(at)}.db`;
}

/**
 * Every `backup.intervalMinutes` (read again before each run, so a change applies without a
 * restart; 0 = off) writes DIR/csods-<UTC time>.db and deletes all but the newest `backup.keep`.
 * The first run comes one interval after the newest backup already in the folder (at once if
 * that is overdue), so restarts do not stretch the gap between backups. Failures are logged
 * (`backup_failed`) and never stop the server.
 */
export function startBackupSchedule(options: BackupScheduleOptions = {}): BackupSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<BackupResult | null> | undefined;
  let stopped = false;

  const dir = () => (options.dir ? path.resolve(options.dir) : backupDirectory());

  const intervalMs = (): number => {
    if (options.intervalMs !== undefined) return Math.max(0, options.intervalMs);
    const minutes = readNumberSetting("backup.intervalMinutes", 0);
    return minutes * 60 * 1000;
  };

  const keep = (): number => {
    if (options.keep !== undefined) return Math.max(1, Math.trunc(options.keep));
    return Math.max(1, Math.trunc(readNumberSetting("backup.keep", 1)));
  };

  const run = (): Promise<BackupResult | null> => {
    if (running) return running;
    running = (async () => {
      const folder = dir();
      try {
        removeStalePartials(folder);
        const result = await backupTo(path.join(folder, backupFileName(new Date())), options.sqlite ?? getSqlite());
        const pruned = pruneBackups(folder, keep());
        log.info("backup_completed", {
          file: path.basename(result.file),
          bytes: result.bytes,
          ms: result.ms,
          migrations: result.schemaVersion.applied,
          pruned: pruned.length,
        });
        return result;
      } catch (error) {
        log.error("backup_failed", {
          reason: error instanceof BackupError ? error.reason : "backup_failed",
          error: describeError(error),
        });
        return null;
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  const tick = () => {
    let interval: number;
    try {
      interval = intervalMs();
    } catch (error) {
      log.error("backup_failed", { reason: "settings", error: describeError(error) });
      schedule(SETTING_RECHECK_MS);
      return;
    }
    if (interval <= 0) {
      schedule(SETTING_RECHECK_MS);
      return;
    }
    void run().then(() => schedule(interval));
  };

  warnIfSameDisk(dir(), options.sqlite ?? null);

  // First run: one interval after the newest backup already there.
  let firstDelay = SETTING_RECHECK_MS;
  try {
    const interval = intervalMs();
    if (interval > 0) {
      const newest = newestBackupTime(dir());
      firstDelay = newest === null ? interval : Math.min(interval, Math.max(0, newest + interval - Date.now()));
    }
  } catch (error) {
    log.error("backup_failed", { reason: "settings", error: describeError(error) });
  }
  schedule(firstDelay);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
    runNow: run,
  };
}

/** Backups on the database's own disk do not survive that disk: say so once, at start. */
function warnIfSameDisk(dir: string, sqlite: Sqlite | null): void {
  try {
    const database = sqlite?.name ?? getConfig().databasePath;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (fs.statSync(dir).dev === fs.statSync(path.dirname(path.resolve(database))).dev) {
      log.warn("backup_dir_same_disk", {
        dir,
        advice: "set BACKUP_DIR to another disk, or copy the backups off this machine",
      });
    }
  } catch {
    // the first backup reports a folder that cannot be used
  }
}

function readNumberSetting(key: "backup.intervalMinutes" | "backup.keep", min: number): number {
  const value = Number(getSetting(key));
  if (Number.isFinite(value) && value >= min) return value;
  log.warn("backup_setting_invalid", { key });
  return SETTING_DEFAULTS[key];
}

/** The backups in `dir` made by the schedule, newest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => BACKUP_NAME.test(name)).sort().reverse().map((name) => path.join(dir, name));
}

/** Deletes all but the newest `keep` scheduled backups; returns the deleted paths. */
export function pruneBackups(dir: string, keep: number): string[] {
  const surplus = listBackups(dir).slice(Math.max(1, keep));
  for (const file of surplus) fs.rmSync(file, { force: true });
  return surplus;
}

function newestBackupTime(dir: string): number | null {
  const newest = listBackups(dir)[0];
  if (!newest) return null;
  try {
    return fs.statSync(newest).mtimeMs;
  } catch {
    return null;
  }
}

function removeStalePartials(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith("csods-") && name.includes(".db.partial")) fs.rmSync(path.join(dir, name), { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "");
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** Makes a rename durable. Not every platform can fsync a directory: best effort. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // unsupported here (e.g. Windows): the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Copies into a new owner-only file and fsyncs it. */
function copyFileDurably(from: string, to: string): void {
  const input = fs.openSync(from, "r");
  try {
    const output = fs.openSync(to, "wx", 0o600);
    try {
      const buffer = Buffer.allocUnsafe(COPY_CHUNK);
      let position = 0;
      for (;;) {
        const read = fs.readSync(input, buffer, 0, COPY_CHUNK, position);
        if (read === 0) break;
        let written = 0;
        while (written < read) written += fs.writeSync(output, buffer, written, read - written);
        position += read;
      }
      fs.fsyncSync(output);
    } finally {
      fs.closeSync(output);
    }
  } finally {
    fs.closeSync(input);
  }
}

function moveWithSidecars(from: string, to: string): void {
  fs.renameSync(from, to);
  // The -wal belongs with its file (it may hold committed transactions); the -shm is only an index.
  if (fs.existsSync(`${from}-wal`)) fs.renameSync(`${from}-wal`, `${to}-wal`);
  fs.rmSync(`${from}-shm`, { force: true });
}

function removeSidecars(file: string, suffixes: string[]): void {
  for (const suffix of suffixes) fs.rmSync(file + suffix, { force: true });
}

/** Clean-up on a path that already failed: its own error must not hide the first one. */
function quietly(work: () => void): void {
  try {
    work();
  } catch {
    // the original error is what the caller reports
  }
}

function removeWithSidecars(file: string): void {
  fs.rmSync(file, { force: true });
  removeSidecars(file, ["-wal", "-shm", "-journal"]);
}
