// Taking a backup: an online copy with SQLite's backup API, checked off the main thread before it gets its name.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import type { Sqlite } from "../../../db/client";
import { getSqlite } from "../db.server";
import { describeError } from "../logger.server";
import { BackupError, type SchemaVersion, type BackupResult, DEFAULT_PAGES_PER_STEP } from "./types.server";
import { readSchemaVersion } from "./inspect.server";
import { fsyncDir, quietly, removeWithSidecars } from "./files.server";

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
      // The snapshot's moment is the last step, not after the flush below: while an fsync is
      // awaited, the portal's writes go on, and they are not in the copy.
      options.onCopied?.();
    } finally {
      await flusher.close();
    }

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
