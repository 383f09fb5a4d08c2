// Backups and restores with real SQLite files in temp folders: an online backup taken while the
// portal's connection keeps writing, refusals of bad files, a restore that keeps the previous
// database, the scripts as child processes, and the schedule.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { assertDurableSettings, MIGRATIONS_FOLDER, openDatabase, type Db } from "../../db/client";
import { cases, outbox } from "../../db/schema";
import { recordAudit, verifyAuditChain } from "~/services/audit.server";
import type { DbOrTx } from "~/services/db.server";
import {
  BackupError,
  backupTo,
  inspectBackup,
  listBackups,
  restoreFrom,
  startBackupSchedule,
  type BackupErrorReason,
} from "~/services/backup.server";
import { getConfig } from "~/services/config.server";
import { getDb, getSqlite } from "~/services/db.server";
import { SETTING_DEFAULTS, setSetting } from "~/services/settings.server";

const JOURNAL = JSON.parse(
  fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
) as { entries: { tag: string; when: number }[] };
const LATEST = JOURNAL.entries[JOURNAL.entries.length - 1];

const dirs: string[] = [];
const handles: Database.Database[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-backup-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const handle of handles.splice(0)) if (handle.open) handle.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

let seq = 0;

/** One case, its acknowledgement email and its access-log row, in one small transaction. */
function writeCase(db: Db | DbOrTx, concern = "A concern about contact with a child."): number {
  seq += 1;
  const at = new Date();
  return db.transaction((tx) => {
    const row = tx
      .insert(cases)
      .values({
        reference: `BK${process.pid}-${seq}`,
        channel: "online",
        receivedAt: at,
        contactTypes: ["lives_with"],
        concern,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: cases.id })
      .get();
    tx.insert(outbox)
      .values({
        kind: "application_acknowledgement",
        toAddress: "applicant@example.org",
        subject: "We have received your application",
        textBody: "Your reference is on its way.",
        createdAt: at,
        nextAttemptAt: at,
      })
      .run();
    recordAudit(tx, {
      action: "collection",
      actor: { kind: "public" },
      entityType: "case",
      entityId: row.id,
      fields: ["concern"],
    });
    return row.id;
  });
}

/** Bulk rows so the file spans many pages (the backup then takes many steps). */
function seed(db: Db, count: number): void {
  const filler = "x".repeat(1500);
  db.transaction((tx) => {
    for (let i = 0; i < count; i++) writeCase(tx, filler);
  });
}

function refusal(work: () => unknown): BackupError {
  try {
    work();
  } catch (error) {
    if (error instanceof BackupError) return error;
    throw error;
  }
  throw new Error("expected a BackupError");
}

function expectRefused(work: () => unknown, reason: BackupErrorReason, message: RegExp): void {
  const error = refusal(work);
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(message);
}

function ids(file: string, table: "cases" | "outbox" | "audit_log"): number[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[];
  } finally {
    sqlite.close();
  }
}

function liveIds(table: "cases" | "outbox" | "audit_log"): number[] {
  return getSqlite().prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[];
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A database of this portal with some rows, closed (as with the portal stopped). */
function makeDatabase(file: string, rows: number): void {
  const { db, sqlite } = openDatabase(file);
  for (let i = 0; i < rows; i++) writeCase(db);
  sqlite.close();
}

describe("backupTo (online backup)", () => {
  it("copies a database that is being written to, with every row committed before it finished", async () => {
    const db = getDb();
    seed(db, 600); // ~1.2 MB: at 20 pages a step the copy takes dozens of turns of the event loop
    const dir = tempDir();
    const file = path.join(dir, "during-writes.db");

    let writing = true;
    const committed: number[] = [];
    const writer = (async () => {
      while (writing) {
        committed.push(writeCase(db));
        await turn();
      }
    })();
    await turn();
    await turn();
    const before = committed.length;

    let committedWhenDone = new Set<number>();
    let writesDuringBackup = 0;
    const result = await backupTo(file, getSqlite(), {
      pagesPerStep: 20,
      onCopied: () => {
        committedWhenDone = new Set(committed);
        writesDuringBackup = committed.length - before;
      },
    });
    writing = false;
    await writer;
    writeCase(db); // and after: not in the copy

    expect(writesDuringBackup).toBeGreaterThan(10);
    expect(result).toMatchObject({ file, integrity: "ok" });
    expect(result.bytes).toBe(fs.statSync(file).size);
    expect(result.bytes).toBeGreaterThan(1024 * 1024);
    expect(result.schemaVersion).toEqual({ applied: JOURNAL.entries.length, lastTag: LATEST.tag, pending: 0 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    // Self-contained: one file, no WAL flag, nothing beside it.
    expect(fs.readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    // Every case committed before the copy finished, and none after.
    const copied = ids(file, "cases");
    const live = liveIds("cases");
    expect(copied).toEqual(live.filter((id) => id <= Math.max(...committedWhenDone)));
    for (const id of committedWhenDone) expect(copied).toContain(id);
    expect(live.length).toBeGreaterThan(copied.length);
    expect(ids(file, "outbox")).toHaveLength(copied.length);

    // Restored, it passes integrity_check and holds the same rows; the access log chain holds.
    const target = path.join(dir, "restored.db");
    const restored = restoreFrom(file, target);
    expect(restored.restored.counts.cases).toBe(copied.length);
    expect(restored.restored.audit).toMatchObject({ ok: true });
    const check = new Database(target, { readonly: true });
    handles.push(check);
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(check.prepare("SELECT id FROM cases ORDER BY id").pluck().all()).toEqual(copied);
    expect(verifyAuditChain(check)).toMatchObject({ ok: true });
  });

  it("refuses to overwrite a file or the database itself, and leaves nothing behind", async () => {
    const dir = tempDir();
    const existing = path.join(dir, "existing.db");
    fs.writeFileSync(existing, "keep me");
    await expect(backupTo(existing)).rejects.toMatchObject({ reason: "exists" });
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
    await expect(backupTo(getConfig().databasePath)).rejects.toMatchObject({ reason: "same_file" });

    // A folder where the file should go: the copy fails, no partial file stays.
    const blocked = path.join(dir, "blocked.db");
    fs.mkdirSync(`${blocked}.partial`);
    await expect(backupTo(blocked)).rejects.toMatchObject({ reason: "backup_failed" });
    expect(fs.existsSync(blocked)).toBe(false);
  });
});

describe("inspectBackup refuses what is not a whole backup of this portal", () => {
  async function goodBackup(dir: string): Promise<string> {
    const file = path.join(dir, "good.db");
    await backupTo(file);
    return file;
  }

  it("reports the schema version, row counts and the access log check of a good backup", async () => {
    const dir = tempDir();
    writeCase(getDb());
    const file = await goodBackup(dir);
    const info = inspectBackup(file);
    expect(info.integrity).toBe("ok");
    expect(info.schemaVersion).toEqual({ applied: JOURNAL.entries.length, lastTag: LATEST.tag, pending: 0 });
    expect(info.counts.cases).toBe(liveIds("cases").length);
    expect(info.counts.audit_log).toBe(liveIds("audit_log").length);
    expect(info.audit).toMatchObject({ ok: true, rows: liveIds("audit_log").length });
    // Inspection writes nothing next to the file.
    expect(fs.readdirSync(dir)).toEqual(["good.db"]);
  });

  it("refuses a missing, empty, random-bytes, truncated or damaged file with a clear reason", async () => {
    const dir = tempDir();
    const good = await goodBackup(dir);
    const bytes = fs.readFileSync(good);

    expectRefused(() => inspectBackup(path.join(dir, "nope.db")), "missing", /No backup file at/);

    const empty = path.join(dir, "empty.db");
    fs.writeFileSync(empty, "");
    expectRefused(() => inspectBackup(empty), "empty", /empty \(0 bytes\)/);

    const random = path.join(dir, "random.db");
    fs.writeFileSync(random, crypto.randomBytes(64 * 1024));
    expectRefused(() => inspectBackup(random), "not_sqlite", /not an SQLite database/);

    const half = path.join(dir, "half.db");
    fs.writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(() => inspectBackup(half), "truncated", /truncated: \d+ bytes where its header says \d+/);

    const odd = path.join(dir, "odd.db");
    fs.writeFileSync(odd, bytes.subarray(0, bytes.length - 100));
    expectRefused(() => inspectBackup(odd), "truncated", /truncated/);

    // Same length, but pages in the middle overwritten with noise (a bad sector).
    const damaged = Buffer.from(bytes);
    crypto.randomBytes(4096 * 8).copy(damaged, 4096 * 4);
    const broken = path.join(dir, "damaged.db");
    fs.writeFileSync(broken, damaged);
    expectRefused(() => inspectBackup(broken), "corrupt", /damaged|could not be opened/);

    // The restore refuses them all before touching anything.
    const target = path.join(dir, "target.db");
    makeDatabase(target, 2);
    const before = fs.readFileSync(target);
    for (const file of [empty, random, half, broken]) {
      expect(() => restoreFrom(file, target)).toThrow(BackupError);
    }
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith("target.db"))).toEqual(["target.db"]);
  });

  it("refuses an SQLite file without this portal's tables as foreign", () => {
    const dir = tempDir();
    const other = path.join(dir, "other.db");
    const sqlite = new Database(other);
    sqlite.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');");
    sqlite.close();
    expectRefused(() => inspectBackup(other), "foreign", /not one of this portal's \(no __drizzle_migrations table\)/);

    // Another drizzle app: migrations table, but neither cases nor audit_log.
    const drizzleApp = path.join(dir, "drizzle-app.db");
    const second = new Database(drizzleApp);
    second.exec(
      "CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric);" +
        "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('abc', 1700000000000);" +
        "CREATE TABLE posts (id INTEGER PRIMARY KEY);",
    );
    second.close();
    expectRefused(() => inspectBackup(drizzleApp), "foreign", /no cases or audit_log table/);
  });

  it("refuses a backup from a newer version of the portal (an unknown newer migration)", async () => {
    const dir = tempDir();
    const file = await goodBackup(dir);
    const sqlite = new Database(file);
    sqlite
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)")
      .run("f".repeat(64), LATEST.when + 86_400_000);
    sqlite.close();
    expectRefused(() => inspectBackup(file), "newer_schema", /newer version of the portal.*Upgrade the portal/);

    const target = path.join(dir, "target.db");
    makeDatabase(target, 1);
    expectRefused(() => restoreFrom(file, target), "newer_schema", /newer version/);
    expect(ids(target, "cases")).toHaveLength(1);
  });

  it("refuses a file with a live WAL beside it (a copy of an open database)", async () => {
    const dir = tempDir();
    const file = await goodBackup(dir);
    fs.writeFileSync(`${file}-wal`, crypto.randomBytes(4096));
    expectRefused(() => inspectBackup(file), "wal_present", /-wal lies next to/);
  });
});

describe("restoreFrom", () => {
  it("keeps the previous database, and the restored one opens with the app's pragmas", async () => {
    const dir = tempDir();
    const backup = path.join(dir, "backup.db");
    writeCase(getDb());
    await backupTo(backup);
    const backupCases = ids(backup, "cases");
    const backupAudit = ids(backup, "audit_log");

    const target = path.join(dir, "data", "csods.db");
    makeDatabase(target, 3);
    const previousCases = ids(target, "cases");

    const result = restoreFrom(backup, target, { now: new Date("2025-03-01T09:00:00.000Z") });
    expect(result.previous).toBe(`${target}.before-restore-20250301T090000.000Z`);
    expect(result.previousProblem).toBeNull();
    expect(result.migrationsApplied).toBe(0);
    expect(result.restored.counts.cases).toBe(backupCases.length);

    // Nothing stale beside the new file; the previous database is whole and readable where it was kept.
    const names = fs.readdirSync(path.dirname(target)).sort();
    expect(names).toEqual(["csods.db", "csods.db.before-restore-20250301T090000.000Z"]);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(ids(result.previous!, "cases")).toEqual(previousCases);

    // Opened as the server opens it: WAL, synchronous=FULL, foreign keys, busy timeout.
    const { sqlite } = openDatabase(target);
    handles.push(sqlite);
    expect(() => assertDurableSettings(sqlite)).not.toThrow();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.prepare("SELECT id FROM cases ORDER BY id").pluck().all()).toEqual(backupCases);
    // The access log of the restored database records the restore, and its chain holds.
    const audit = sqlite.prepare("SELECT id, action, entity_type, reason FROM audit_log ORDER BY id").all() as {
      id: number;
      action: string;
      entity_type: string;
      reason: string;
    }[];
    expect(audit).toHaveLength(backupAudit.length + 1);
    expect(audit[audit.length - 1]).toMatchObject({
      action: "alteration",
      entity_type: "database",
      reason: "restored from backup backup.db; previous database kept as csods.db.before-restore-20250301T090000.000Z",
    });
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  it("refuses while the database is open elsewhere (the portal running), changing nothing", async () => {
    const dir = tempDir();
    const backup = path.join(dir, "backup.db");
    await backupTo(backup);

    const target = path.join(dir, "csods.db");
    makeDatabase(target, 2);
    const portal = openDatabase(target).sqlite; // an idle, open connection, as a running portal holds
    handles.push(portal);
    expectRefused(() => restoreFrom(backup, target), "in_use", /is in use .*stop the portal/);
    expect(fs.readdirSync(dir).filter((name) => name.includes(".before-restore-") || name.includes(".restoring"))).toEqual([]);
    expect(portal.prepare("SELECT count(*) FROM cases").pluck().get()).toBe(2);

    // This test process has the configured database open too.
    expectRefused(() => restoreFrom(backup, getConfig().databasePath), "in_use", /in use/);

    portal.close();
    expect(restoreFrom(backup, target).previous).toMatch(/\.before-restore-/);
  });

  it("replaces a damaged database (the reason for many restores), keeping the damaged file", async () => {
    const dir = tempDir();
    const backup = path.join(dir, "backup.db");
    await backupTo(backup);
    const target = path.join(dir, "csods.db");
    const garbage = crypto.randomBytes(16 * 1024);
    fs.writeFileSync(target, garbage);

    const result = restoreFrom(backup, target);
    expect(result.previousProblem).toMatch(/could not be (checkpointed|opened)/);
    expect(fs.readFileSync(result.previous!).equals(garbage)).toBe(true);
    expect(ids(target, "cases")).toEqual(ids(backup, "cases"));
  });

  it("restores where there was no database, and applies this code's newer migrations", () => {
    const dir = tempDir();
    // A database made by an older build: the first migrations only.
    const oldMigrations = path.join(dir, "old-migrations");
    fs.cpSync(MIGRATIONS_FOLDER, oldMigrations, { recursive: true });
    const older = JOURNAL.entries.slice(0, JOURNAL.entries.length - 2);
    fs.writeFileSync(
      path.join(oldMigrations, "meta", "_journal.json"),
      JSON.stringify({ ...JOURNAL, entries: older }),
    );
    const oldFile = path.join(dir, "old.db");
    const sqlite = new Database(oldFile);
    migrate(drizzle(sqlite), { migrationsFolder: oldMigrations });
    sqlite.close();

    const info = inspectBackup(oldFile);
    expect(info.schemaVersion).toEqual({ applied: older.length, lastTag: older[older.length - 1].tag, pending: 2 });

    const target = path.join(dir, "new", "csods.db");
    const result = restoreFrom(oldFile, target);
    expect(result.previous).toBeNull();
    expect(result.migrationsApplied).toBe(2);
    const reopened = openDatabase(target).sqlite;
    handles.push(reopened);
    expect(reopened.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(JOURNAL.entries.length);
  });
});

describe("the scripts (npm run db:backup / db:restore)", () => {
  function run(script: "db-backup" | "db-restore", args: string[], dir: string, file: string) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // tsx from node_modules/.bin directly: npx would add its own start-up to each of the seven runs.
      execFile(
        path.join("node_modules", ".bin", "tsx"),
        [`scripts/${script}.ts`, ...args],
        { cwd: process.cwd(), env: { ...process.env, DATA_DIR: dir, DATABASE_PATH: file }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          // npm may print its own warnings; keep the script's lines only.
          resolve({ code, stdout, stderr: stderr.split("\n").filter((line) => line && !line.startsWith("npm warn")).join("\n") });
        },
      );
    });
  }

  it("backs up a database in use, refuses bad input with one line and exit 1, restores with exit 0", async () => {
    const dir = tempDir();
    const live = path.join(dir, "csods.db");
    const portal = openDatabase(live); // the portal, running and writing during the backup
    handles.push(portal.sqlite);
    for (let i = 0; i < 20; i++) writeCase(portal.db);

    let writing = true;
    const writer = (async () => {
      while (writing) {
        writeCase(portal.db);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const backup = path.join(dir, "copies", "by-hand.db");
    const made = await run("db-backup", ["--to", backup], dir, live);
    writing = false;
    await writer;
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(new RegExp(`^Backup written: ${backup.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    expect(made.stdout).toMatch(/size: +[\d,]+ bytes/);
    expect(made.stdout).toMatch(/time: +\d+\.\d\d s/);
    expect(made.stdout).toMatch(/integrity: ok/);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(inspectBackup(backup).audit).toMatchObject({ ok: true });

    // Three refusals that change nothing, run side by side.
    const [again, noTarget, noDatabase] = await Promise.all([
      run("db-backup", ["--to", backup], dir, live),
      run("db-backup", [], dir, live),
      run("db-backup", ["--to", path.join(dir, "x.db")], dir, path.join(dir, "missing.db")),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^db-backup: failed: .*already exists/);

    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toMatch(/Usage: npm run db:backup -- --to FILE/);

    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/^db-backup: no database at /);

    // The portal still has the database open: refused.
    const busy = await run("db-restore", ["--from", backup], dir, live);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^db-restore: refused \(in_use\): .*stop the portal/);
    expect(busy.stderr.split("\n")).toHaveLength(1);
    // It showed what the backup holds before refusing.
    expect(busy.stdout).toMatch(/audit chain: OK/);

    portal.sqlite.close();

    const random = path.join(dir, "random.db");
    fs.writeFileSync(random, crypto.randomBytes(8192));
    const bad = await run("db-restore", ["--from", random], dir, live);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^db-restore: refused \(not_sqlite\): .* is not an SQLite database/);
    expect(bad.stderr.split("\n")).toHaveLength(1);

    const restored = await run("db-restore", ["--from", backup], dir, live);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/schema: +\d+ migrations, latest \d{4}_\w+/);
    expect(restored.stdout).toMatch(/rows: +cases \d+/);
    expect(restored.stdout).toMatch(/audit chain: OK \([\d,]+ rows\)/);
    expect(restored.stdout).toMatch(/previous database kept as .*csods\.db\.before-restore-\d{8}T\d{6}\.\d{3}Z/);
    expect(ids(live, "cases")).toEqual(ids(backup, "cases"));
  }, 300_000); // a ceiling for a busy machine: it starts several tsx processes
});

describe("startBackupSchedule", () => {
  /** The JSON log lines (warnings on stdout, errors on stderr) written while the test runs. */
  let logged: string[] = [];
  beforeEach(() => {
    logged = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
        logged.push(String(chunk));
        return true;
      });
    }
  });

  afterEach(() => {
    setSetting("backup.intervalMinutes", SETTING_DEFAULTS["backup.intervalMinutes"], null);
    setSetting("backup.keep", SETTING_DEFAULTS["backup.keep"], null);
  });

  it("writes csods-<UTC time>.db files on its interval and keeps the newest `backup.keep`", async () => {
    const dir = tempDir();
    setSetting("backup.keep", 2, null);
    const schedule = startBackupSchedule({ intervalMs: 20, dir });
    try {
      const deadline = Date.now() + 5_000;
      while (listBackups(dir).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(listBackups(dir).length).toBeGreaterThan(0);
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const result = await schedule.runNow();
        made.push(result!.file);
        await new Promise((resolve) => setTimeout(resolve, 2)); // distinct millisecond stamps
      }
      const kept = listBackups(dir);
      expect(kept).toHaveLength(2);
      expect(kept).toContain(made[2]);
      for (const file of kept) {
        expect(path.basename(file)).toMatch(/^csods-\d{8}T\d{6}\.\d{3}Z\.db$/);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      }
      expect(inspectBackup(kept[0]).integrity).toBe("ok");
    } finally {
      await schedule.stop();
    }
    const afterStop = fs.readdirSync(dir).sort();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(fs.readdirSync(dir).sort()).toEqual(afterStop);
    expect(afterStop.filter((name) => name.endsWith(".partial"))).toEqual([]);
    // The temp folder is on the test database's disk: the schedule says that will not survive it.
    expect(logged.some((line) => line.includes('"backup_dir_same_disk"'))).toBe(true);
    expect(logged.some((line) => line.includes('"backup_failed"'))).toBe(false);
  });

  it("does nothing when the interval setting is 0", async () => {
    const dir = tempDir();
    setSetting("backup.intervalMinutes", 0, null);
    const schedule = startBackupSchedule({ dir });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await schedule.stop();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("logs a failed backup and carries on (never throws)", async () => {
    const dir = tempDir();
    const notAFolder = path.join(dir, "file");
    fs.writeFileSync(notAFolder, "");
    const schedule = startBackupSchedule({ intervalMs: 0, dir: path.join(notAFolder, "backups") });
    await expect(schedule.runNow()).resolves.toBeNull();
    await schedule.stop();
    const line = logged.find((text) => text.includes('"backup_failed"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: "error", event: "backup_failed", reason: "backup_failed" });
  });
});
