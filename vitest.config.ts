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
    pool: "forks",
    // One fork per core (Vitest's default leaves one idle, a whole half of a 2-core machine): most
    // files wait on SQLite's fsync, argon2 or a child process, not only on the CPU.
    maxWorkers: Math.max(1, os.availableParallelism()),
    minWorkers: 1,
    // Ceilings for a machine under load, not waits: a passing test ends as soon as it is done.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
