import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic" },
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    setupFiles: ["tests/support/setup-env.ts"],
    restoreMocks: true,
    // Worker threads, not forks: a thread starts for less CPU than a process. better-sqlite3 and
    // argon2 are thread-safe addons, and each thread has its own copy of process.env.
    pool: "threads",
    // No isolation: a worker runs its files one after another in one module registry, so the app,
    // jsdom and drizzle load once per worker, not once per file. The integration suite took a third
    // less CPU (118 to 79 CPU-seconds). Each file still starts as a fresh process would, with its
    // own environment, SQLite file and configuration (tests/support/setup-env.ts).
    poolOptions: { threads: { isolate: false } },
    // One worker per core (Vitest's default leaves one idle, a whole half of a 2-core machine): most
    // files wait on SQLite's fsync, argon2 or a child process, not only on the CPU.
    maxWorkers: Math.max(1, os.availableParallelism()),
    minWorkers: 1,
    // Ceilings for a machine under load, not waits: a passing test ends as soon as it is done.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"] } },
      { extends: true, test: { name: "integration", include: ["tests/integration/**/*.test.{ts,tsx}"] } },
    ],
  },
});
