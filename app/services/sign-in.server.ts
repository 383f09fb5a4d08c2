// Signing in: password, then second factor. Throttled per IP address and per email address
// (whether or not an account exists), with the same answer and cost for an unknown email as
// for a wrong password, so nobody can learn which addresses have accounts.
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { StaffSession, StaffUser } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema } from "./db.server";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./passwords.server";
import { createLimiter } from "./rate-limit.server";
import { findStaffByEmail } from "./staff-accounts.server";
import { decryptSecret, hashRecoveryCode, normaliseRecoveryCode, totpCheckTime, verifyTotp } from "./totp.server";

export const ATTEMPTS_PER_IP_PER_MINUTE = 10;
export const FAILURES_PER_ACCOUNT_PER_HOUR = 100;
/** Failures in a row before each further attempt must wait (1 s, 2 s, 4 s … up to 15 minutes). */
export const FREE_FAILURES = 5;
const MAX_DELAY_MS = 15 * 60 * 1000;
const HOUR = 3_600_000;

export type PasswordResult =
  | { kind: "ok"; user: StaffUser }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterSeconds: number };

const holder = globalThis as typeof globalThis & { __csodsSignInLimiter?: ReturnType<typeof createLimiter> };
const ipLimiter = () => (holder.__csodsSignInLimiter ??= createLimiter(ATTEMPTS_PER_IP_PER_MINUTE, 60_000));

const throttleKey = (email: string) =>
  crypto.createHash("sha256").update(`sign-in:${email.trim().toLowerCase()}`).digest("hex");

/** How long this email address must wait before another attempt is even checked. */
function waitMs(key: string, at: number): number {
  const row = getDb().select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, key)).get();
  if (!row) return 0;
  const hourly =
    at - row.windowStart.getTime() < HOUR && row.windowFailures >= FAILURES_PER_ACCOUNT_PER_HOUR
      ? row.windowStart.getTime() + HOUR - at
      : 0;
  const extra = row.consecutiveFailures - FREE_FAILURES;
  const growing = extra >= 0 ? Math.min(1000 * 2 ** extra, MAX_DELAY_MS) - (at - row.lastFailureAt.getTime()) : 0;
  return Math.max(hourly, growing, 0);
}

function recordFailure(key: string, at: Date): void {
  const row = getDb().select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, key)).get();
  const newWindow = !row || at.getTime() - row.windowStart.getTime() >= HOUR;
  getDb()
    .insert(schema.signInThrottle)
    .values({ key, consecutiveFailures: 1, windowStart: at, windowFailures: 1, lastFailureAt: at })
    .onConflictDoUpdate({
      target: schema.signInThrottle.key,
      set: {
        consecutiveFailures: (row?.consecutiveFailures ?? 0) + 1,
        windowStart: newWindow ? at : row!.windowStart,
        windowFailures: newWindow ? 1 : row!.windowFailures + 1,
        lastFailureAt: at,
      },
    })
    .run();
}

function clearFailures(key: string): void {
  getDb().delete(schema.signInThrottle).where(eq(schema.signInThrottle.key, key)).run();
}

export async function checkPassword(email: string, password: string, clientIp: string, requestId: string): Promise<PasswordResult> {
  const at = now();
  const key = throttleKey(email);
  if (ipLimiter().isLimited(clientIp, at.getTime())) return { kind: "throttled", retryAfterSeconds: 60 };
  ipLimiter().record(clientIp, at.getTime());
  const wait = waitMs(key, at.getTime());
  if (wait > 0) return { kind: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

  const user = findStaffByEmail(email);
  const usable = user && user.active && user.passwordHash;
  // Always pay for one argon2 verification, so timing does not tell whether the account exists.
  const ok = usable ? await verifyPassword(user.passwordHash!, password) : await verifyAgainstDummy(password);
  if (!ok || !usable) {
    recordFailure(key, at);
    getDb().transaction((tx) =>
      recordAudit(tx, {
        action: "sign_in_failed",
        actor: { kind: "system" },
        entityType: user ? "staff_user" : undefined,
        entityId: user?.id,
        reason: "wrong email or password",
        requestId,
      }, at),
    );
    return { kind: "invalid" };
  }
  clearFailures(key);
  if (needsRehash(user.passwordHash!)) {
    const upgraded = await hashPassword(password);
    getDb().update(schema.staffUsers).set({ passwordHash: upgraded, updatedAt: at }).where(eq(schema.staffUsers.id, user.id)).run();
  }
  return { kind: "ok", user };
}

const CODE_FAILURES_PER_SESSION = 5;
const codeFailures = new Map<string, number>();

export type CodeResult = { kind: "ok" } | { kind: "invalid" } | { kind: "locked" };

/**
 * The second step: a TOTP code (each usable once) or an unused recovery code. Five wrong codes
 * end the half-signed-in session, so the password must be given again (and is throttled).
 */
export function checkSecondFactor(
  user: StaffUser,
  session: StaffSession,
  input: { code?: string; recoveryCode?: string },
  requestId: string,
): CodeResult {
  const at = now();
  let ok = false;
  let how = "authenticator code";
  if (input.recoveryCode) {
    how = "recovery code";
    const hash = hashRecoveryCode(normaliseRecoveryCode(input.recoveryCode));
    ok =
      getDb()
        .update(schema.staffRecoveryCodes)
        .set({ usedAt: at })
        .where(and(eq(schema.staffRecoveryCodes.userId, user.id), eq(schema.staffRecoveryCodes.codeHash, hash), isNull(schema.staffRecoveryCodes.usedAt)))
        .run().changes === 1;
  } else if (input.code && user.totpSecret && user.totpEnrolledAt) {
    const fresh = getDb().select({ last: schema.staffUsers.totpLastStep }).from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get();
    const last = fresh?.last ?? null;
    const result = verifyTotp(decryptSecret(user.totpSecret, getConfig().sessionSecrets), input.code, totpCheckTime(at, last), last);
    if (result.ok) {
      ok = true;
      getDb().update(schema.staffUsers).set({ totpLastStep: result.step }).where(eq(schema.staffUsers.id, user.id)).run();
    }
  }
  getDb().transaction((tx) =>
    recordAudit(tx, {
      action: ok ? "sign_in" : "sign_in_failed",
      actor: ok ? { kind: "staff", id: user.id } : { kind: "system" },
      entityType: "staff_user",
      entityId: user.id,
      reason: ok ? `signed in with password and ${how}` : `wrong ${how}`,
      requestId,
    }, at),
  );
  if (ok) {
    codeFailures.delete(session.id);
    return { kind: "ok" };
  }
  const failures = (codeFailures.get(session.id) ?? 0) + 1;
  codeFailures.set(session.id, failures);
  return failures >= CODE_FAILURES_PER_SESSION ? { kind: "locked" } : { kind: "invalid" };
}

/** Step-up: a fresh code for a sensitive action (e.g. approving a disclosure). */
export function verifyStepUp(user: StaffUser, code: string): boolean {
  if (!user.totpSecret || !user.totpEnrolledAt) return false;
  const fresh = getDb().select({ last: schema.staffUsers.totpLastStep }).from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get();
  const last = fresh?.last ?? null;
  const result = verifyTotp(decryptSecret(user.totpSecret, getConfig().sessionSecrets), code, totpCheckTime(now(), last), last);
  if (!result.ok) return false;
  getDb().update(schema.staffUsers).set({ totpLastStep: result.step }).where(eq(schema.staffUsers.id, user.id)).run();
  return true;
}
