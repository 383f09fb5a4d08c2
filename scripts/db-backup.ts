// Online backup of the configured database (DATABASE_PATH, or DATA_DIR/csods.db) into one
// self-contained, owner-only SQLite file, checked with PRAGMA integrity_check.
// Usage: npm run db:backup -- --to FILE
// Safe while the portal runs: the copy is one consistent snapshot (WAL readers do not block the
// portal's writes). Exit 0 with the file, size, time and integrity; exit 1 with a one-line reason.
import fs from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { REQUIRED_BUSY_TIMEOUT_MS } from "../db/client";
import { BackupError, backupTo } from "../app/services/backup.server";
import { getConfig } from "../app/services/config.server";
import { describeError } from "../app/services/logger.server";

const USAGE = "Usage: npm run db:backup -- --to FILE";

async function main(): Promise<number> {
  let to: string | undefined;
  try {
    const { values } = parseArgs({
      options: { to: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    to = values.to?.trim();
  } catch (error) {
    console.error(`db-backup: ${describeError(error).replace(/^TypeError[^:]*: /, "")}\n${USAGE}`);
    return 1;
  }
  if (!to) {
    console.error(`db-backup: say where to write the backup.\n${USAGE}`);
    return 1;
  }

  const { databasePath } = getConfig();
  if (!fs.existsSync(databasePath)) {
    console.error(`db-backup: no database at ${databasePath} (check DATABASE_PATH / DATA_DIR).`);
    return 1;
  }
  // A plain connection: no migrations are applied to the live file by taking a backup.
  const sqlite = new Database(databasePath, { fileMustExist: true, timeout: REQUIRED_BUSY_TIMEOUT_MS });
  try {
    // One step: a single read snapshot. Copying in many steps from this second connection would
    // restart whenever the running portal commits.
    const result = await backupTo(to, sqlite, { pagesPerStep: 0x7fffffff });
    const { schemaVersion: v } = result;
    console.log(`Backup written: ${result.file}`);
    console.log(`  size:      ${formatBytes(result.bytes)}`);
    console.log(`  time:      ${(result.ms / 1000).toFixed(2)} s`);
    console.log(`  integrity: ${result.integrity}`);
    console.log(`  schema:    ${v.applied} migrations, latest ${v.lastTag ?? "unknown"}`);
    console.log(`  from:      ${databasePath}`);
    return 0;
  } catch (error) {
    const reason = error instanceof BackupError ? error.message : describeError(error);
    console.error(`db-backup: failed: ${reason}`);
    return 1;
  } finally {
    sqlite.close();
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${bytes.toLocaleString("en-GB")} bytes (${mib >= 1 ? `${mib.toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`})`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`db-backup: failed: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
