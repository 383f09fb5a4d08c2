import fs from "node:fs";
import os from "node:os";
import { defineConfig, devices } from "@playwright/test";
import { LOCAL_ONLY_ARGS } from "./tests/e2e/support/hosts";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = "tests/.tmp/e2e";
// One browser per core: each worker's Chromium and the server share the machine's cores, and no
// test waits on another (each has its own accounts and data). E2E_WORKERS overrides.
const WORKERS = Number(process.env.E2E_WORKERS) || Math.max(1, os.availableParallelism());

// Debian's Chromium. Its headless shell first (package chromium-headless-shell: the same Blink
// without the desktop browser around it, what Playwright itself runs headless): the whole browser
// suite took 28% less of Chromium's CPU. Then the full browser's binary itself, not its /usr/bin
// wrapper: the wrapper adds desktop flags (GPU rasterisation among them) that cost CPU on every page.
const CHROMIUM =
  ["/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => fs.existsSync(p)) ??
  "/usr/bin/chromium";

// The longest tests start first: dispatched in file order, a minute-long test that started last
// ran alone at the end while the other worker sat idle.
const LONGEST_FIRST = [
  /staff-accessibility\.spec\.ts$/,
  /(^|\/)accessibility\.spec\.ts$/,
  /staff-workflow\.spec\.ts$/,
  /journey\.spec\.ts$/,
];

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: true,
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  workers: WORKERS,
  // Ceilings for a machine under load, not waits: a passing test ends as soon as it is done.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // A trace records a DOM snapshot and a screenshot of every step of every test, kept or not: it
    // made the whole browser suite 30% slower. CI retries a failed test once and traces that retry;
    // locally, ask for one with `npx playwright test --trace retain-on-failure` (README).
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM,
      args: ["--disable-gpu", "--disable-dev-shm-usage", ...LOCAL_ONLY_ARGS],
    },
  },
  projects: [
    { name: "chromium, long tests", testMatch: LONGEST_FIRST, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", testIgnore: LONGEST_FIRST, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // A fresh data folder per run: its own database and .eml files the tests read. The portal is
    // built here, before the server starts, when its source is newer than the build.
    command: `rm -rf ${E2E_DATA_DIR} && node scripts/ensure-build.mjs && node server.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "test",
      PORT: String(PORT),
      DATA_DIR: E2E_DATA_DIR,
      APP_URL: `http://localhost:${PORT}`,
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0001",
      SUBMISSIONS_PER_IP_PER_HOUR: "10000",
      OUTBOX_POLL_MS: "250",
      // Authenticator codes are checked as if the person had waited for a new one (NODE_ENV=test only).
      TOTP_TEST_CLOCK: "next-step",
    },
  },
});
