// Start-up refusals for NODE_ENV=production (issue 8, ADR 010): settings that would be safe on a
// developer's machine but expose the data of a live service. Each problem names what to fix.
import fs from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { ConfigError, type Config } from "./config.server";
import { getDb, schema } from "./db.server";
import { DEMO_ACCOUNTS } from "./demo.server";

/** Host names where plain http is allowed even in production: a trial on the machine itself. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Permission bits for group and others: none may be set on the data, its backups or the keys. */
const GROUP_OR_OTHERS = 0o077;

export type ProductionCheckInput = {
  config: Config;
  /** Where scheduled backups go (backupDirectory()). */
  backupDir: string;
  /** Demo account email addresses found in the database. */
  demoAccounts: string[];
};

/** Every unsafe production setting, as sentences naming the fix; empty when it is safe to start. */
export function productionProblems({ config, backupDir, demoAccounts }: ProductionCheckInput): string[] {
  const problems: string[] = [];

  const url = new URL(config.appUrl);
  if (url.protocol !== "https:" && !LOCAL_HOSTS.has(url.hostname)) {
    problems.push(
      `APP_URL is ${url.origin}: set APP_URL to the service's https:// address (over http, cookies cannot be marked Secure or use the __Host- prefix).`,
    );
  }

  if (config.totpKeySource === "session-secret") {
    problems.push(
      "TOTP_KEY is not set: set TOTP_KEY (at least 32 random characters) or TOTP_KEY_FILE (a file outside DATA_DIR), so that the key encrypting second-factor secrets is not kept beside the database and its backups.",
    );
  }

  if (demoAccounts.length > 0) {
    problems.push(
      `Demo accounts are in the database (${demoAccounts.join(", ")}): this database was made for a trial; start production with a new DATABASE_PATH.`,
    );
  }

  if (process.platform !== "win32") {
    const folder = (label: string, dir: string) => {
      const mode = modeOf(dir);
      if (mode !== null && mode & GROUP_OR_OTHERS) {
        problems.push(`The ${label} ${dir} is open to other users (mode ${octal(mode)}): run chmod 700 ${dir}`);
      }
    };
    const file = (label: string, target: string) => {
      const mode = modeOf(target);
      if (mode !== null && mode & GROUP_OR_OTHERS) {
        problems.push(`The ${label} ${target} is open to other users (mode ${octal(mode)}): run chmod 600 ${target}`);
      }
    };
    folder("data folder (DATA_DIR)", config.dataDir);
    const databaseFolder = path.dirname(config.databasePath);
    if (databaseFolder !== config.dataDir) folder("database folder", databaseFolder);
    file("database file", config.databasePath);
    file("database journal", `${config.databasePath}-wal`);
    file("database index", `${config.databasePath}-shm`);
    file("session secret", path.join(config.dataDir, "session-secret"));
    folder("backup folder (BACKUP_DIR)", backupDir);
    for (const name of listFiles(backupDir)) file("backup", path.join(backupDir, name));
    if (config.totpKeyFile) file("TOTP key file (TOTP_KEY_FILE)", config.totpKeyFile);
  }

  return problems;
}

/** The demo accounts' email addresses present in the database. */
export function demoAccountsPresent(): string[] {
  return getDb()
    .select({ email: schema.staffUsers.email })
    .from(schema.staffUsers)
    .where(inArray(schema.staffUsers.email, DEMO_ACCOUNTS.map((account) => account.email)))
    .all()
    .map((row) => row.email);
}

/** Throws a ConfigError listing every problem (server.js prints it and exits 1). */
export function assertSafeForProduction(input: ProductionCheckInput): void {
  const problems = productionProblems(input);
  if (problems.length > 0) {
    throw new ConfigError(`Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function modeOf(target: string): number | null {
  try {
    return fs.statSync(target).mode & 0o777;
  } catch {
    return null; // not there (yet): nothing to expose
  }
}

function listFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}
