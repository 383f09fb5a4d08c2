// Runs every check and ends with one plain line, "N passed, N failed", totalling all of them: the
// type check, the linter, Vitest (unit + integration) and Playwright (end-to-end in Chromium), all
// at once, then the check of the access log the browser tests wrote. A failed type check or lint
// counts as one failure each (and a clean one as one pass).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The tools from node_modules/.bin directly: npx adds its own start-up (~0.4 s of CPU) to each.
const bin = (name) => path.join("node_modules", ".bin", name);

const out = path.resolve("tests/.tmp/reports");
fs.mkdirSync(out, { recursive: true });
const vitestJson = path.join(out, "vitest.json");
const playwrightJson = path.join(out, "playwright.json");
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

/** Runs a command with its output shown as it comes; resolves with its exit status. */
function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("close", (status) => resolve(status));
  });
}

/** Runs a command without waiting; resolves with its exit status and everything it printed. */
function start(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (status) => resolve({ status, output }));
  });
}

// Everything at once: the type check, the linter, Vitest and the browser tests. A CPU-bound run on
// two cores has no other slack, and the browser tests alone leave a quarter of the machine idle
// while pages load and forms wait out GOV.UK's double-click guard; the others fill it. The browser
// tests (the longest) print as they go; the others' output is kept and printed once they are all
// done, with a line as each finishes. Playwright's web server builds the portal when its source is
// newer than the build (ensure-build.mjs).
const started = Date.now();
const finished = (name, status) =>
  console.log(`-- ${name} finished after ${Math.round((Date.now() - started) / 1000)} s: ${status === 0 ? "clean" : "FAILED"}`);
const quiet = [
  ["typecheck", bin("tsc"), []],
  ["lint", bin("eslint"), ["--cache", "--cache-location", "node_modules/.cache/eslint/", "."]],
  ["vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]],
];
const quietRuns = quiet.map(([name, command, args]) =>
  start(command, args).then((result) => {
    finished(name, result.status);
    return result;
  }),
);
const playwrightStatus = await run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

const quietResults = await Promise.all(quietRuns);
quiet.forEach(([name, command, args], i) => {
  const { status, output } = quietResults[i];
  console.log(`\n$ ${command} ${args.join(" ")}\n${output.trimEnd()}\n${name}: ${status === 0 ? "clean" : "FAILED"}`);
});
const [typecheck, lint, vitest] = quietResults;
const checkResults = [typecheck, lint];
const vitestStatus = vitest.status;

// After the whole browser suite, the s.62 access log it wrote must still verify end to end.
const e2eDb = path.resolve("tests/.tmp/e2e/csods.db");
let auditStatus = null;
if (fs.existsSync(e2eDb)) {
  auditStatus = await run(bin("tsx"), ["scripts/audit-verify.ts"], {
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
for (const { status } of checkResults) {
  if (status === 0) passed += 1;
  else failed += 1;
}
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
} else if (vitestStatus !== 0) failed += 1; // the suite could not run at all

const p = readJson(playwrightJson);
if (p) {
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  // A run that failed before any test (its web server could not start, say) still reports no
  // unexpected test: count it, so the summary line never says "0 failed" for a red run.
  if (playwrightStatus !== 0 && p.stats.unexpected === 0) failed += 1;
} else if (playwrightStatus !== 0) failed += 1;

if (auditStatus !== null) {
  if (auditStatus === 0) passed += 1;
  else failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || vitestStatus !== 0 || playwrightStatus !== 0 ? 1 : 0);
