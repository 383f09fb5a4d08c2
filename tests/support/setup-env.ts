// Runs before every test file: each worker gets its own data folder and SQLite file,
// set before any app module reads the configuration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installGlobals } from "@remix-run/node";
import { afterAll } from "vitest";

installGlobals();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-test-"));
process.env.NODE_ENV = "test";
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.SESSION_SECRET = "test-secret-test-secret-test-secret-0123";
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;

afterAll(async () => {
  const { closeDb } = await import("~/services/db.server");
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
