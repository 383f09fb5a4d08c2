// Runs every suite (Vitest: unit + integration; Playwright: end-to-end in Chromium) and
// ends with one plain line, "N passed, N failed", totalling all of them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const out = path.resolve("tests/.tmp/reports");
fs.mkdirSync(out, { recursive: true });
const vitestJson = path.join(out, "vitest.json");
const playwrightJson = path.join(out, "playwright.json");
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status;
}

const vitestStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const playwrightStatus = run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

// After the whole browser suite, the s.62 access log it wrote must still verify end to end.
const e2eDb = path.resolve("tests/.tmp/e2e/csods.db");
let auditStatus = null;
if (fs.existsSync(e2eDb)) {
  auditStatus = run("npx", ["tsx", "scripts/audit-verify.ts"], {
    DATA_DIR: path.dirname(e2eDb),
    DATABASE_PATH: e2eDb,
    SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0001",
    NODE_ENV: "test",
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
} else if (vitestStatus !== 0) failed += 1; // the suite could not run at all

const p = readJson(playwrightJson);
if (p) {
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
} else if (playwrightStatus !== 0) failed += 1;

if (auditStatus !== null) {
  if (auditStatus === 0) passed += 1;
  else failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || vitestStatus !== 0 || playwrightStatus !== 0 ? 1 : 0);
