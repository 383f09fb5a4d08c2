// Check the access log's hash chain in the configured database (DATABASE_PATH, or DATA_DIR/csods.db).
// Usage: npm run audit:verify [-- --anchor ID:HASH]
//   --anchor ID:HASH  a chain head printed by an earlier run (keep it outside this server):
//                     row ID must still carry HASH, which catches a log rewritten from scratch.
// Prints "Audit log OK: …" and exits 0, or "Audit log BROKEN at row N: …" and exits 1.
// Exit 2 when it cannot run (no database, bad arguments). Safe alongside a running server: it
// reads one consistent snapshot and writes nothing.
import fs from "node:fs";
import { verifyAuditChain, type AuditAnchor } from "../app/services/audit.server";
import { getConfig } from "../app/services/config.server";
import { closeDb, getSqlite } from "../app/services/db.server";
import { describeError } from "../app/services/logger.server";

function parseAnchor(argv: string[]): AuditAnchor | undefined {
  const index = argv.indexOf("--anchor");
  if (index === -1) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(argv[index + 1] ?? "");
  if (!match) throw new Error("--anchor must be ID:HASH, as printed by an earlier run");
  return { id: Number(match[1]), hash: match[2] };
}

function main(): number {
  const anchor = parseAnchor(process.argv.slice(2));
  const { databasePath } = getConfig();
  // Opening a missing file would create an empty database that "verifies": refuse instead.
  if (!fs.existsSync(databasePath)) {
    console.error(`audit-verify: no database at ${databasePath}`);
    return 2;
  }
  try {
    const started = performance.now();
    const result = verifyAuditChain(getSqlite(), { anchor });
    const ms = Math.round(performance.now() - started);
    if (result.ok) {
      const head = result.rows === 0 ? "none (empty log)" : `${result.rows}:${result.lastHash}`;
      console.log(`Audit log OK: ${result.rows} rows, chain head ${head} (${ms} ms)`);
      return 0;
    }
    console.log(`Audit log BROKEN at row ${result.firstBrokenId}: ${result.problem}`);
    console.log(`(${result.rows} rows before it verified)`);
    return 1;
  } finally {
    closeDb();
  }
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  console.error(`audit-verify: ${describeError(error)}`);
  process.exitCode = 2;
}
