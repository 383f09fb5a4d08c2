// Attack: starting the real server (node server.js) in production with settings that expose the
// data. It must exit non-zero with a message naming the fix; a safe configuration starts with an
// owner-only data folder and database. (Every case is covered in tests/integration/production-safety,
// through startServices as server.js calls it: the database file open to others among them. Here,
// one refusal shows server.js prints the message and exits 1, and one safe start.)
// These tests start servers of their own: Playwright's own `test`, no browser.
import fs from "node:fs";
import path from "node:path";
import { test } from "@playwright/test";
import { expect, randomToken, refusedStart, startAppServer } from "./support";

test.describe.configure({ mode: "serial" });

const TOTP_KEY = "e2e-totp-key-e2e-totp-key-e2e-totp-key-01";
const dirs: string[] = [];
const newDir = () => {
  const dir = path.resolve(`tests/.tmp/e2e-production-${randomToken(8).toLowerCase()}`);
  dirs.push(dir);
  return dir;
};
test.afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test("production refuses an http:// APP_URL and a missing TOTP_KEY, naming both, and exits 1", async () => {
  const { code, output } = await refusedStart({ dataDir: newDir(), env: { NODE_ENV: "production", APP_URL: "http://csods.example.police.uk" } });
  expect(code).toBe(1);
  expect(output).toContain("Refusing to start in production");
  expect(output).toContain("APP_URL is http://csods.example.police.uk: set APP_URL to the service's https:// address");
  expect(output).toContain("TOTP_KEY is not set: set TOTP_KEY");
});

test("a safe production configuration starts, with the data folder 0700 and the database 0600", async () => {
  const dataDir = newDir();
  const server = await startAppServer({ dataDir, env: { NODE_ENV: "production", TOTP_KEY } });
  try {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, "csods.db")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, "csods.db-wal")).mode & 0o777).toBe(0o600);
    expect(server.output()).not.toContain("Demo staff accounts");
  } finally {
    await server.stop();
  }
});
