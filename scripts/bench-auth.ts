// Prints how long password hashing and checking take on this machine. A benchmark, not a test:
// it asserts nothing. Run: npx tsx scripts/bench-auth.ts   (or npm run bench:auth)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import {
  PASSWORD_POLICY,
  checkNewPassword,
  hashPassword,
  loadCommonPasswords,
  verifyAgainstDummy,
  verifyPassword,
} from "../app/services/passwords.server";

const HASH_RUNS = 20;
const VERIFY_RUNS = 20;
const CONCURRENT = 8;
const ROUNDS = 5;

const ms = (value: number) => `${value.toFixed(1)} ms`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main() {
  const password = "a reasonably long staff passphrase 2026";
  console.log("Password hashing benchmark");
  console.log(
    `argon2 parameters: argon2id v=19 m=${PASSWORD_POLICY.memoryCost} KiB t=${PASSWORD_POLICY.timeCost} ` +
      `p=${PASSWORD_POLICY.parallelism} salt=${PASSWORD_POLICY.saltLength} B hash=${PASSWORD_POLICY.hashLength} B`,
  );
  console.log(
    `machine: node ${process.version}, ${os.cpus().length} CPUs, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews the figures)`,
  );

  await hashPassword(password); // warm-up
  const hashTimes: number[] = [];
  let stored = "";
  for (let i = 0; i < HASH_RUNS; i++) {
    hashTimes.push(
      await timed(async () => {
        stored = await hashPassword(password);
      }),
    );
  }
  console.log(`sample hash: ${stored}`);
  console.log(
    `hashPassword x${HASH_RUNS}: median ${ms(percentile(hashTimes, 50))}, p95 ${ms(percentile(hashTimes, 95))}, ` +
      `min ${ms(Math.min(...hashTimes))}, max ${ms(Math.max(...hashTimes))}`,
  );

  const verifyTimes: number[] = [];
  const dummyTimes: number[] = [];
  for (let i = 0; i < VERIFY_RUNS; i++) {
    verifyTimes.push(await timed(() => verifyPassword(stored, i % 2 ? password : "wrong password here")));
    dummyTimes.push(await timed(() => verifyAgainstDummy(password)));
  }
  console.log(`verifyPassword x${VERIFY_RUNS}: median ${ms(percentile(verifyTimes, 50))}, p95 ${ms(percentile(verifyTimes, 95))}`);
  console.log(
    `verifyAgainstDummy x${VERIFY_RUNS} (unknown account): median ${ms(percentile(dummyTimes, 50))}, ` +
      `p95 ${ms(percentile(dummyTimes, 95))}`,
  );

  // Concurrent sign-ins: argon2 runs on libuv's thread pool, so 8 at once queue on its threads and cores.
  const single: number[] = [];
  const concurrent: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  for (let round = 0; round < ROUNDS; round++) {
    single.push(await timed(() => verifyPassword(stored, password)));
    concurrent.push(
      await timed(() => Promise.all(Array.from({ length: CONCURRENT }, () => verifyPassword(stored, password)))),
    );
  }
  loopDelay.disable();
  const one = percentile(single, 50);
  const many = percentile(concurrent, 50);
  console.log(`1 verifyPassword: median ${ms(one)} wall (${ROUNDS} rounds)`);
  console.log(`${CONCURRENT} concurrent verifyPassword: median ${ms(many)} wall, max ${ms(Math.max(...concurrent))} (${ROUNDS} rounds)`);
  console.log(`ratio ${CONCURRENT} concurrent / 1: ${(many / one).toFixed(2)}x`);
  console.log(
    `event loop delay during those rounds: p99 ${ms(loopDelay.percentile(99) / 1e6)}, max ${ms(loopDelay.max / 1e6)}`,
  );

  // The common-password list: first use reads and decompresses it (synchronously), later checks are a Set lookup.
  const heapBefore = process.memoryUsage().heapUsed;
  const loadTime = performance.now();
  const size = loadCommonPasswords().size;
  const loaded = performance.now() - loadTime;
  const heapAfter = process.memoryUsage().heapUsed;
  const checkStart = performance.now();
  for (let i = 0; i < 1000; i++) checkNewPassword(`${password} ${i}`, { email: "jane.smith@example.police.uk", name: "Jane Smith" });
  const perCheck = (performance.now() - checkStart) / 1000;
  console.log(
    `common password list: ${size} entries, first load ${ms(loaded)}, heap +${((heapAfter - heapBefore) / 1048576).toFixed(0)} MB ` +
      `(approx.), checkNewPassword ${(perCheck * 1000).toFixed(1)} µs each after that`,
  );
}

/**
 * Eight people signing in at once through the real sign-in service (throttle checks, argon2 and
 * the audit row) on a temporary database, against one alone.
 */
async function concurrentSignIns() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-bench-auth-"));
  process.env.DATA_DIR = dir;
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  process.env.SESSION_SECRET = "bench-secret-bench-secret-bench-secret-01";
  const { getDb, schema, closeDb } = await import("../app/services/db.server");
  const { checkPassword } = await import("../app/services/sign-in.server");
  const password = "a reasonably long staff passphrase 2026";
  const hash = await hashPassword(password);
  const at = new Date();
  const emails = Array.from({ length: CONCURRENT }, (_, i) => `bench${i}@force.example`);
  for (const email of emails) {
    getDb().insert(schema.staffUsers).values({ email, displayName: email, roles: ["reviewer"], passwordHash: hash, createdAt: at, updatedAt: at }).run();
  }
  const single: number[] = [];
  const eight: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    single.push(await timed(() => checkPassword(emails[0], password, `10.0.${round}.1`, "bench")));
    eight.push(await timed(() => Promise.all(emails.map((email, i) => checkPassword(email, password, `10.1.${round}.${i}`, "bench")))));
  }
  console.log(`1 sign-in (checkPassword, real DB + audit): median ${ms(percentile(single, 50))} wall`);
  console.log(`8 concurrent sign-ins: median ${ms(percentile(eight, 50))} wall, max ${ms(Math.max(...eight))} (ratio ${(percentile(eight, 50) / percentile(single, 50)).toFixed(2)}x)`);
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().then(concurrentSignIns).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
