import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { RunResult } from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;
/** An open transaction: what `db.transaction((tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** The database or a transaction on it: code that only runs queries takes either. */
export type DbOrTx = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

/** Migrations are resolved from the working directory: this file is bundled into build/. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export const REQUIRED_BUSY_TIMEOUT_MS = 5000;

/**
 * Open the SQLite database with the durability settings the service relies on,
 * apply pending migrations, and refuse to go on if any setting is not in force.
 */
export function openDatabase(file: string): { db: Db; sqlite: Sqlite } {
  if (file !== ":memory:") createOwnerOnly(path.resolve(file));
  const sqlite = new Database(file);
  try {
    useIncrementalVacuum(sqlite);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma(`busy_timeout = ${REQUIRED_BUSY_TIMEOUT_MS}`);
    // After a checkpoint the WAL file is cut back to this size rather than staying at its peak.
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    assertDurableSettings(sqlite, file === ":memory:");
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: withImmediateTransactions(db), sqlite };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE), unless it asks for
 * another behaviour. Nearly all of them write (each writes its access-log row, after reading the
 * chain's head). A deferred one starts as a reader; if another process (a script, a second server,
 * a test writing the file) commits before it writes, SQLite refuses the upgrade at once with
 * SQLITE_BUSY, without waiting for the busy timeout. Immediate transactions wait their turn instead.
 */
function withImmediateTransactions(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) => transaction(run, { behavior: "immediate", ...config })) as Db["transaction"];
  return db;
}

/**
 * A new database starts as an empty owner-only file (0600) in an owner-only folder (0700):
 * SQLite gives its -wal and -shm files the database file's permissions. An existing file keeps
 * its mode (production refuses to start when it is open to others: startup checks).
 */
function createOwnerOnly(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** 2 = INCREMENTAL: freed pages are kept in the file until `reclaimFreePages` gives them back. */
const AUTO_VACUUM_INCREMENTAL = 2;
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Purged rows (drafts, failed-form input, sent emails) must give their space back. A new file
 * takes the setting before its first table; an existing file needs one VACUUM to switch.
 */
function useIncrementalVacuum(sqlite: Sqlite): void {
  if (Number(sqlite.pragma("auto_vacuum", { simple: true })) === AUTO_VACUUM_INCREMENTAL) return;
  sqlite.pragma("auto_vacuum = INCREMENTAL");
  const hasTables = sqlite.prepare("SELECT 1 FROM sqlite_schema LIMIT 1").get() !== undefined;
  if (hasTables) sqlite.exec("VACUUM");
}

/** Gives free pages back to the file system (run after purges). Returns the pages freed. */
export function reclaimFreePages(sqlite: Sqlite): number {
  const free = Number(sqlite.pragma("freelist_count", { simple: true }));
  if (free > 0) sqlite.pragma("incremental_vacuum");
  return free;
}

export class UnsafeDatabaseSettingsError extends Error {}

/** Read back each pragma: a setting that silently failed must stop the service. */
export function assertDurableSettings(sqlite: Sqlite, inMemory = false): void {
  const problems: string[] = [];
  const journal = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  if (!inMemory && journal !== "wal") problems.push(`journal_mode is ${journal}, expected wal`);
  const synchronous = Number(sqlite.pragma("synchronous", { simple: true }));
  if (synchronous !== 2) problems.push(`synchronous is ${synchronous}, expected 2 (FULL)`);
  const foreignKeys = Number(sqlite.pragma("foreign_keys", { simple: true }));
  if (foreignKeys !== 1) problems.push(`foreign_keys is ${foreignKeys}, expected 1 (ON)`);
  const busy = Number(sqlite.pragma("busy_timeout", { simple: true }));
  const autoVacuum = Number(sqlite.pragma("auto_vacuum", { simple: true }));
  if (!inMemory && autoVacuum !== AUTO_VACUUM_INCREMENTAL) problems.push(`auto_vacuum is ${autoVacuum}, expected 2 (INCREMENTAL)`);
  if (busy < REQUIRED_BUSY_TIMEOUT_MS)
    problems.push(`busy_timeout is ${busy}, expected at least ${REQUIRED_BUSY_TIMEOUT_MS}`);
  if (problems.length > 0) {
    throw new UnsafeDatabaseSettingsError(
      `Refusing to start: the database settings are not safe (${problems.join("; ")}).`,
    );
  }
}
