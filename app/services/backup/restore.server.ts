// Restoring: a checked backup in place of the database (server stopped), the previous file kept beside it.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase, type Sqlite } from "../../../db/client";
import { machineNow } from "../app-clock.server";
import { MAX_REASON_LENGTH, recordAudit } from "../audit.server";
import { getConfig } from "../config.server";
import { describeError } from "../logger.server";
import { BackupError, type BackupInfo, type RestoreResult, IN_USE_TIMEOUT_MS } from "./types.server";
import { inspectBackup, readSchemaVersion } from "./inspect.server";
import { utcStamp, sameFile, fsyncDir, copyFileDurably, moveWithSidecars, removeSidecars, quietly, removeWithSidecars } from "./files.server";

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

  const stamp = utcStamp(options.now ?? machineNow());
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
