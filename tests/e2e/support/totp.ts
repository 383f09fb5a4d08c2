// End-to-end support: authenticator (TOTP) codes, computed from the secret as the person's app would.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { currentStep, decryptSecret, totpCode } from "../../../app/services/totp.server";
import { E2E_DATA_DIR, DB_PATH } from "./base";
import { E2E_SESSION_SECRET } from "./staff";
import { staffUserByEmail } from "./staff-database";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The step of the next code to type: the current 30-second step at `Date.now() + offsetMs`, or,
 * if the person already used that one, the step after the last one used. The servers under test
 * run with TOTP_TEST_CLOCK=next-step, so they check such a code as if the person had waited for
 * it (see `totpCheckTime`): no test waits for a real step.
 */
export function nextStep(lastUsed: number | null, offsetMs = 0): number {
  const current = currentStep(new Date(Date.now() + offsetMs));
  return lastUsed === null ? current : Math.max(current, lastUsed + 1);
}

/** A lock shared by every worker (a directory: mkdir is atomic), for one person's TOTP codes. */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(E2E_DATA_DIR, "locks");
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, crypto.createHash("sha256").update(name).digest("hex").slice(0, 16));
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a crashed worker is stale after two minutes.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error(`lock ${name} not released`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export type TotpOptions = {
  /** Another server's database (a spec's own server). */
  dbPath?: string;
  /** That server's SESSION_SECRET. */
  sessionSecret?: string;
  /** That server's CLOCK_OFFSET_MS: its codes are those of its own "now". */
  offsetMs?: number;
};

/**
 * Runs `use` with a code the server has not yet accepted for this person, holding the person's
 * lock until `use` returns (so `use` must submit the code and wait for the result).
 */
export async function withFreshCode<T>(email: string, use: (code: string) => Promise<T>, options: TotpOptions = {}): Promise<T> {
  const dbPath = options.dbPath ?? DB_PATH;
  return withLock(`${dbPath}:${email.toLowerCase()}`, async () => {
    const row = staffUserByEmail(email, dbPath);
    if (!row?.totp_secret) throw new Error(`${email} has no TOTP secret`);
    const secret = decryptSecret(row.totp_secret, [options.sessionSecret ?? E2E_SESSION_SECRET]);
    return use(totpCode(secret, nextStep(row.totp_last_step, options.offsetMs ?? 0)));
  });
}

/** The code of a secret shown on the enrolment page (spaces allowed), for a step after `lastUsed`. */
export async function codeForSecret(secret: string, lastUsed: number | null = null): Promise<{ code: string; step: number }> {
  const step = nextStep(lastUsed);
  return { code: totpCode(secret.replace(/\s+/g, ""), step), step };
}
