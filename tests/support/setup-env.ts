// Runs before every test file. A worker runs its files one after another in the same module
// registry (Vitest's isolate: false, vitest.config.ts), so each file starts from what a fresh
// process would have: the environment as the worker began, its own data folder and SQLite file,
// the configuration read again, and none of the process-wide state the file before left behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installGlobals } from "@remix-run/node";
import { afterAll } from "vitest";
import { resetConfigForTests } from "~/services/config.server";
import { closeDb } from "~/services/db.server";

installGlobals();

// Files set variables of their own (a lower submission limit, a moved clock): none may reach the next.
const worker = globalThis as typeof globalThis & { __testBaseEnv?: NodeJS.ProcessEnv };
const baseEnv = (worker.__testBaseEnv ??= { ...process.env });
for (const key of Object.keys(process.env)) if (!(key in baseEnv)) delete process.env[key];
Object.assign(process.env, baseEnv);

// The app keeps its process-wide state on globalThis under "__csods" (the database connection,
// the submission and sign-in limiters): a fresh process has none of it.
closeDb();
for (const key of Object.keys(globalThis)) if (key.startsWith("__csods")) delete (globalThis as Record<string, unknown>)[key];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-test-"));
process.env.NODE_ENV = "test";
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.SESSION_SECRET = "test-secret-test-secret-test-secret-0123";
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;
resetConfigForTests();

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
