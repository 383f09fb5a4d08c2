// Inspecting a file: whether it is a whole, healthy database of this portal with a schema this code knows.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS_FOLDER, type Sqlite } from "../../../db/client";
import { verifyAuditChain } from "../audit.server";
import { describeError } from "../logger.server";
import { BackupError, type SchemaVersion, type BackupInfo, SQLITE_HEADER, KEY_TABLES, PORTAL_TABLES, MIGRATIONS_TABLE } from "./types.server";
import { removeSidecars } from "./files.server";

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
export function readSchemaVersion(sqlite: Sqlite): {
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
