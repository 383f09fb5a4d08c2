// The backup schedule: a backup every `backup.intervalMinutes`, keeping the newest `backup.keep`.
import fs from "node:fs";
import path from "node:path";
import type { Sqlite } from "../../../db/client";
import { machineNow } from "../app-clock.server";
import { getConfig } from "../config.server";
import { getSqlite } from "../db.server";
import { describeError, log } from "../logger.server";
import { SETTING_DEFAULTS, getSetting } from "../settings.server";
import { BackupError, type BackupResult, SETTING_RECHECK_MS, BACKUP_NAME } from "./types.server";
import { backupTo } from "./copy.server";
import { utcStamp } from "./files.server";

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
        const result = await backupTo(path.join(folder, backupFileName(machineNow())), options.sqlite ?? getSqlite());
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
      firstDelay = newest === null ? interval : Math.min(interval, Math.max(0, newest + interval - machineNow().getTime()));
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
