// Attack: running the portal in production with settings that expose its data. Each unsafe case
// goes through the real start-up (startServices, as server.js calls it) with a real data folder,
// database file and backup folder, and must be refused with a message naming the fix. Also: the
// TOTP key never travels in a backup, and recovery codes are never stored in clear.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as enrolRoute from "~/routes/staff.enrol";
import { backupTo } from "~/services/backup.server";
import { getConfig, loadConfig, resetConfigForTests } from "~/services/config.server";
import { closeDb, getDb, getSqlite, schema } from "~/services/db.server";
import { DEMO_ACCOUNTS, ensureDemoAccounts } from "~/services/demo.server";
import { createSession } from "~/services/staff-sessions.server";
import { startServices } from "~/services/startup.server";
import { currentStep, decryptSecret, totpCode } from "~/services/totp.server";
import { insertStaff } from "../support/staff";

const TOTP_KEY = "totp-key-kept-away-from-the-data-0123456789";
const VARIABLES = ["NODE_ENV", "DATA_DIR", "DATABASE_PATH", "APP_URL", "SESSION_SECRET", "TOTP_KEY", "TOTP_KEY_FILE", "BACKUP_DIR"] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-production-"));
  dirs.push(dir);
  return dir;
}

function useEnv(values: Partial<Record<(typeof VARIABLES)[number], string>>) {
  closeDb();
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
  resetConfigForTests();
}

afterEach(() => {
  closeDb();
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else (process.env as Record<string, string>)[name] = saved[name]!;
  }
  resetConfigForTests();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A production configuration that is safe: https, a TOTP key, a new owner-only data folder. */
function safeProduction(dataDir = path.join(tempDir(), "data")) {
  return { NODE_ENV: "production", DATA_DIR: dataDir, APP_URL: "https://csods.example.police.uk", TOTP_KEY };
}

/** Starts the services as server.js does; resolves to the refusal message, or null once it started (and stopped). */
async function start(values: Partial<Record<(typeof VARIABLES)[number], string>>): Promise<string | null> {
  useEnv(values);
  try {
    const services = await startServices();
    await services.stop();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe("production refuses to start", () => {
  it("starts with a safe configuration, creating the data folder 0700 and its files 0600", async () => {
    const env = safeProduction();
    expect(await start(env)).toBeNull();
    const dataDir = env.DATA_DIR;
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, "csods.db"))).toBe(0o600);
    expect(modeOf(path.join(dataDir, "session-secret"))).toBe(0o600);
    // Started again on the same files (the journal and index now exist too): still safe.
    useEnv(env);
    getSqlite().prepare("select count(*) from staff_users").get();
    expect(modeOf(path.join(dataDir, "csods.db-wal"))).toBe(0o600);
    closeDb();
    expect(await start(env)).toBeNull();
    // Plain http only on the machine itself (a trial of the production build).
    expect(await start({ ...env, APP_URL: "http://localhost:3000" })).toBeNull();
    expect(await start({ ...env, APP_URL: "http://127.0.0.1:3000" })).toBeNull();
  });

  it("with an http:// APP_URL", async () => {
    const message = await start({ ...safeProduction(), APP_URL: "http://csods.example.police.uk" });
    expect(message).toMatch(/^Refusing to start in production/);
    expect(message).toMatch(/APP_URL is http:\/\/csods\.example\.police\.uk: set APP_URL to the service's https:\/\/ address/);
  });

  it("with demo accounts in the database (a trial database taken live)", async () => {
    const env = safeProduction();
    useEnv({ ...env, NODE_ENV: "test" });
    expect(await ensureDemoAccounts()).toBe(true);
    const message = await start(env);
    expect(message).toMatch(/Demo accounts are in the database/);
    for (const account of DEMO_ACCOUNTS) expect(message).toContain(account.email);
    expect(message).toMatch(/start production with a new DATABASE_PATH/);
  });

  it("with the database file readable by others (0644)", async () => {
    const env = safeProduction();
    expect(await start(env)).toBeNull();
    const file = path.join(env.DATA_DIR, "csods.db");
    fs.chmodSync(file, 0o644);
    expect(await start(env)).toContain(`The database file ${file} is open to other users (mode 0644): run chmod 600 ${file}`);
  });

  it("with the data folder open to others (0755)", async () => {
    const env = safeProduction();
    expect(await start(env)).toBeNull();
    fs.chmodSync(env.DATA_DIR, 0o755);
    expect(await start(env)).toContain(`The data folder (DATA_DIR) ${env.DATA_DIR} is open to other users (mode 0755): run chmod 700 ${env.DATA_DIR}`);
  });

  it("with a backup folder, or a backup in it, readable by others", async () => {
    const env = safeProduction();
    const backups = path.join(tempDir(), "backups");
    fs.mkdirSync(backups, { mode: 0o700 });
    expect(await start({ ...env, BACKUP_DIR: backups })).toBeNull();
    fs.chmodSync(backups, 0o750);
    expect(await start({ ...env, BACKUP_DIR: backups })).toContain(`The backup folder (BACKUP_DIR) ${backups} is open to other users (mode 0750): run chmod 700 ${backups}`);
    fs.chmodSync(backups, 0o700);
    const copy = path.join(backups, "csods-copied-by-hand.db");
    fs.writeFileSync(copy, "", { mode: 0o644 });
    fs.chmodSync(copy, 0o644);
    expect(await start({ ...env, BACKUP_DIR: backups })).toContain(`The backup ${copy} is open to other users (mode 0644): run chmod 600 ${copy}`);
  });

  it("without TOTP_KEY (the key would live beside the database)", async () => {
    const { TOTP_KEY: _dropped, ...env } = safeProduction();
    const message = await start(env);
    expect(message).toMatch(/TOTP_KEY is not set: set TOTP_KEY \(at least 32 random characters\) or TOTP_KEY_FILE \(a file outside DATA_DIR\)/);
  });

  it("with TOTP_KEY_FILE inside DATA_DIR or the backup folder, or open to others", async () => {
    const { TOTP_KEY: _dropped, ...env } = safeProduction();
    fs.mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
    const inside = path.join(env.DATA_DIR, "totp-key");
    fs.writeFileSync(inside, TOTP_KEY, { mode: 0o600 });
    expect(await start({ ...env, TOTP_KEY_FILE: inside })).toMatch(
      new RegExp(`TOTP_KEY_FILE: ${inside} is inside ${env.DATA_DIR}, which is copied with the database and its backups; keep the key file elsewhere`),
    );

    const backups = tempDir();
    const inBackups = path.join(backups, "totp-key");
    fs.writeFileSync(inBackups, TOTP_KEY, { mode: 0o600 });
    expect(await start({ ...env, BACKUP_DIR: backups, TOTP_KEY_FILE: inBackups })).toMatch(/TOTP_KEY_FILE: .* is inside .*keep the key file elsewhere/);

    const outside = path.join(tempDir(), "totp-key");
    fs.writeFileSync(outside, `${TOTP_KEY}\n`, { mode: 0o644 });
    fs.chmodSync(outside, 0o644);
    expect(await start({ ...env, TOTP_KEY_FILE: outside })).toContain(`The TOTP key file (TOTP_KEY_FILE) ${outside} is open to other users (mode 0644): run chmod 600 ${outside}`);
    fs.chmodSync(outside, 0o600);
    expect(await start({ ...env, TOTP_KEY_FILE: outside })).toBeNull();
    expect(getConfig()).toMatchObject({ totpKeys: [TOTP_KEY], totpKeySource: "TOTP_KEY_FILE" });
  });

  it("lists every problem at once", async () => {
    const env = safeProduction();
    expect(await start(env)).toBeNull();
    fs.chmodSync(env.DATA_DIR, 0o777);
    const { TOTP_KEY: _dropped, ...rest } = env;
    const message = (await start({ ...rest, APP_URL: "http://csods.example.police.uk" }))!;
    expect(message.split("\n").filter((line) => line.startsWith("  - "))).toHaveLength(3);
  });
});

describe("the TOTP key", () => {
  it("is refused when shorter than 32 characters, or given twice", () => {
    const dataDir = tempDir();
    expect(() => loadConfig({ DATA_DIR: dataDir, TOTP_KEY: "short" })).toThrow(/TOTP_KEY: must be at least 32 characters/);
    const file = path.join(tempDir(), "key");
    fs.writeFileSync(file, TOTP_KEY);
    expect(() => loadConfig({ DATA_DIR: dataDir, TOTP_KEY, TOTP_KEY_FILE: file })).toThrow(/set either TOTP_KEY or TOTP_KEY_FILE, not both/);
  });

  it("outside production without it, is the session secret as before: secrets stored earlier still open", () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: "development" });
    expect(config.totpKeySource).toBe("session-secret");
    expect(config.totpKeys).toEqual(config.sessionSecrets);
    // With a key added later, the key encrypts and the session secret still decrypts older rows.
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: "development", TOTP_KEY }).totpKeys).toEqual([TOTP_KEY, ...config.sessionSecrets]);
    // Production never falls back to the secret kept beside the database.
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: "production", TOTP_KEY }).totpKeys).toEqual([TOTP_KEY]);
  });

  it("is never in a backup, and the backup with the session secret does not open the TOTP secrets", async () => {
    const dataDir = path.join(tempDir(), "data");
    useEnv({ NODE_ENV: "test", DATA_DIR: dataDir, APP_URL: "http://localhost:3000", TOTP_KEY });
    const { user, totpSecret } = await insertStaff(["reviewer"]);
    const backupFile = path.join(dataDir, "backups", "csods-test.db");
    await backupTo(backupFile);
    expect(modeOf(backupFile)).toBe(0o600);
    expect(modeOf(path.dirname(backupFile))).toBe(0o700);

    const everything = [backupFile, ...fs.readdirSync(dataDir).map((name) => path.join(dataDir, name))].filter((f) => fs.statSync(f).isFile());
    for (const file of everything) expect(fs.readFileSync(file).includes(Buffer.from(TOTP_KEY))).toBe(false);

    const stored = getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get()!.totpSecret!;
    const sessionSecret = fs.readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
    expect(() => decryptSecret(stored, [sessionSecret])).toThrow();
    expect(decryptSecret(stored, [TOTP_KEY])).toBe(totpSecret);
  });
});

describe("recovery codes", () => {
  it("are shown in the response that completes enrolment and stored nowhere in clear", async () => {
    const { user } = await insertStaff(["reviewer"]);
    getDb().update(schema.staffUsers).set({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null }).where(eq(schema.staffUsers.id, user.id)).run();
    const { setCookie } = await createSession(user.id, "enrol", new Request("http://localhost:3000/staff/enrol"), "127.0.0.1");
    const cookie = setCookie.split(";")[0]!;
    const context = { cspNonce: "test", requestId: "enrol-test", clientIp: "127.0.0.1" };

    const page = (await enrolRoute.loader({ request: new Request("http://localhost:3000/staff/enrol", { headers: { Cookie: cookie } }), params: {}, context })) as { secret: string };
    const code = totpCode(page.secret.replace(/\s+/g, ""), currentStep(new Date()));
    const response = (await enrolRoute.action({
      request: new Request("http://localhost:3000/staff/enrol", {
        method: "POST",
        body: new URLSearchParams({ code }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      }),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const { recoveryCodes } = (await response.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);

    // Not in any cookie, nor in any row of any table (form_flash included).
    expect(response.headers.get("Set-Cookie")).not.toMatch(new RegExp(recoveryCodes.map((c) => c.replace("-", "-?")).join("|")));
    const sqlite = getSqlite();
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    expect(tables).toContain("form_flash");
    const everyRow = tables.map((table) => JSON.stringify(sqlite.prepare(`select * from "${table}"`).all())).join("\n");
    for (const recovery of recoveryCodes) {
      expect(everyRow).not.toContain(recovery);
      expect(everyRow).not.toContain(recovery.replace("-", ""));
    }
    // Nor in the file or its journal on disk (deleted rows included).
    const file = getConfig().databasePath;
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    for (const recovery of recoveryCodes) expect(bytes.includes(Buffer.from(recovery))).toBe(false);
    // Only their hashes, one row per code.
    expect(getDb().select().from(schema.staffRecoveryCodes).where(eq(schema.staffRecoveryCodes.userId, user.id)).all()).toHaveLength(10);
  });
});
