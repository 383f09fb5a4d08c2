import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic" },
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    setupFiles: ["tests/support/setup-env.ts"],
    restoreMocks: true,
    // Worker threads, not forks: each file still gets a fresh worker of its own, but a thread starts
    // for less CPU than a process (the whole suite took 6% less CPU, same run). better-sqlite3 and
    // argon2 are thread-safe addons, and each thread has its own copy of process.env.
    pool: "threads",
    // Isolation is set per pool, not per project: the unit tests' pool shares modules (below).
    poolOptions: { threads: { isolate: true }, forks: { isolate: false } },
    // One worker per core (Vitest's default leaves one idle, a whole half of a 2-core machine): most
    // files wait on SQLite's fsync, argon2 or a child process, not only on the CPU.
    maxWorkers: Math.max(1, os.availableParallelism()),
    minWorkers: 1,
    // Ceilings for a machine under load, not waits: a passing test ends as soon as it is done.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // Unit tests are pure code (no database, no server, no environment of their own), so their
      // files share one module registry per worker: each file no longer loads the modules again,
      // and the unit tests took a third of the CPU (23 s to 8.6 s). A test that needs the database
      // belongs in integration.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], pool: "forks" } },
      // Each integration file has its own SQLite file and configuration, read when its modules load.
      { extends: true, test: { name: "integration", include: ["tests/integration/**/*.test.{ts,tsx}"] } },
    ],
  },
});
