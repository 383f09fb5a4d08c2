// Replace the configured database (DATABASE_PATH, or DATA_DIR/csods.db) with a backup.
// Usage: npm run db:restore -- --from FILE
// Stop the portal first: the restore refuses while the database is open anywhere else.
// It inspects the backup and prints what it holds (schema version, row counts, access log chain),
// refuses a missing, empty, non-SQLite, truncated, damaged, foreign or newer-schema file with a
// one-line reason (exit 1), keeps the current database as <file>.before-restore-<UTC time>,
// then opens the restored file the way the server does (pragmas, newer migrations). Exit 0.
import { parseArgs } from "node:util";
import { BackupError, restoreFrom, type BackupInfo } from "../app/services/backup.server";
import { getConfig } from "../app/services/config.server";
import { describeError } from "../app/services/logger.server";

const USAGE = "Usage: npm run db:restore -- --from FILE   (stop the portal first)";

function main(): number {
  let from: string | undefined;
  try {
    const { values } = parseArgs({
      options: { from: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    from = values.from?.trim();
  } catch (error) {
    console.error(`db-restore: ${describeError(error).replace(/^TypeError[^:]*: /, "")}\n${USAGE}`);
    return 1;
  }
  if (!from) {
    console.error(`db-restore: say which backup to restore.\n${USAGE}`);
    return 1;
  }

  const { databasePath } = getConfig();
  console.log(`Checking ${from} …`);
  try {
    const result = restoreFrom(from, databasePath, { onInspected: printInspection });
    console.log(`Restored into ${result.target} in ${(result.ms / 1000).toFixed(2)} s.`);
    console.log(
      result.previous
        ? `  previous database kept as ${result.previous}`
        : "  there was no database to replace",
    );
    if (result.previousProblem) console.log(`  note: ${result.previousProblem}`);
    console.log(`  migrations applied on opening: ${result.migrationsApplied}`);
    console.log("Start the portal again, then run: npm run audit:verify");
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`db-restore: refused (${error.reason}): ${error.message}`);
    } else {
      console.error(`db-restore: failed: ${describeError(error)}`);
    }
    return 1;
  }
}

function printInspection(info: BackupInfo): void {
  const v = info.schemaVersion;
  console.log(`  size:        ${info.bytes.toLocaleString("en-GB")} bytes, integrity ${info.integrity}`);
  console.log(
    `  schema:      ${v.applied} migrations, latest ${v.lastTag ?? "unknown"}` +
      (v.pending > 0 ? ` (${v.pending} newer migration(s) of this code will be applied)` : ""),
  );
  const counts = Object.entries(info.counts)
    .map(([table, n]) => `${table} ${n.toLocaleString("en-GB")}`)
    .join(", ");
  console.log(`  rows:        ${counts}`);
  if (info.audit === null) {
    console.log("  audit chain: none (this backup predates the access log)");
  } else if (info.audit.ok) {
    console.log(`  audit chain: OK (${info.audit.rows.toLocaleString("en-GB")} rows)`);
  } else {
    console.log(`  audit chain: BROKEN at row ${info.audit.firstBrokenId}: ${info.audit.problem}`);
    console.log("  WARNING: the access log in this backup fails its hash check; it is restored as it is.");
  }
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  console.error(`db-restore: failed: ${describeError(error)}`);
  process.exitCode = 1;
}
