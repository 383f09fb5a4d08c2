// Signing in: password, then second factor. Password attempts are throttled per client address,
// per (email, address) pair with a growing delay, and per email across all addresses with a
// ceiling that slows but never locks: failures from elsewhere cannot keep the real person out.
// Unknown emails get the same answer and cost as a wrong password, so nobody can learn which
// addresses have accounts. Wrong second-factor codes are counted per account, across sessions.
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { StaffSession, StaffUser } from "../../db/schema";
import { addressKey } from "~/domain/addresses";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema } from "./db.server";
import { enqueueEmail } from "./outbox.server";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./passwords.server";
import { createLimiter } from "./rate-limit.server";
import { findStaffByEmail } from "./staff-accounts.server";
import { decryptSecret, hashRecoveryCode, normaliseRecoveryCode, totpCheckTime, verifyTotp } from "./totp.server";

export const ATTEMPTS_PER_IP_PER_MINUTE = 10;
/** Past this many failures an hour for one email (from anywhere), each attempt waits ACCOUNT_SLOWDOWN_MS. */
export const FAILURES_PER_ACCOUNT_PER_HOUR = 100;
export const ACCOUNT_SLOWDOWN_MS = 10_000;
/** Failures in a row from one address before each further attempt must wait (1 s, 2 s, 4 s … up to 15 minutes). */
export const FREE_FAILURES = 5;
/** Wrong second-factor codes for an account before each further one must wait (1 s, 2 s, 4 s … up to 15 minutes). */
export const FREE_CODE_FAILURES = 5;
/** The account holder is emailed when wrong codes reach this many in a row. */
export const CODE_FAILURES_ALERT = 10;
const MAX_DELAY_MS = 15 * 60 * 1000;
const HOUR = 3_600_000;

export type PasswordResult =
  | { kind: "ok"; user: StaffUser }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterSeconds: number };

const holder = globalThis as typeof globalThis & { __csodsSignInLimiter?: ReturnType<typeof createLimiter> };
const ipLimiter = () => (holder.__csodsSignInLimiter ??= createLimiter(ATTEMPTS_PER_IP_PER_MINUTE, 60_000));

const hashKey = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
const normalised = (email: string) => email.trim().toLowerCase();
/** Failures of one email from one client address (a /64 for IPv6). */
const pairKey = (email: string, clientIp: string) => hashKey(`sign-in:${normalised(email)}|${addressKey(clientIp)}`);
/** Failures of one email from anywhere. */
const accountKey = (email: string) => hashKey(`sign-in:${normalised(email)}`);

const growingDelay = (failures: number, free: number) => (failures >= free ? Math.min(1000 * 2 ** (failures - free), MAX_DELAY_MS) : 0);

/** How long before another attempt for this email from this address is even checked. */
function waitMs(pair: string, account: string, at: number): number {
  const db = getDb();
  const own = db.select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, pair)).get();
  const all = db.select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, account)).get();
  const growing = own ? growingDelay(own.consecutiveFailures, FREE_FAILURES) - (at - own.lastFailureAt.getTime()) : 0;
  // The ceiling for the account only slows attempts down; it never shuts the person out for long.
  const ceiling =
    all && at - all.windowStart.getTime() < HOUR && all.windowFailures >= FAILURES_PER_ACCOUNT_PER_HOUR
      ? ACCOUNT_SLOWDOWN_MS - (at - all.lastFailureAt.getTime())
      : 0;
  return Math.max(growing, ceiling, 0);
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
  const pair = pairKey(email, clientIp);
  const account = accountKey(email);
  const address = addressKey(clientIp);
  if (getConfig().rateLimits) {
    if (ipLimiter().isLimited(address, at.getTime())) return { kind: "throttled", retryAfterSeconds: 60 };
    ipLimiter().record(address, at.getTime());
  }
  const wait = waitMs(pair, account, at.getTime());
  if (wait > 0) return { kind: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

  const user = findStaffByEmail(email);
  const usable = user && user.active && user.passwordHash;
  // Always pay for one argon2 verification, so timing does not tell whether the account exists.
  const ok = usable ? await verifyPassword(user.passwordHash!, password) : await verifyAgainstDummy(password);
  if (!ok || !usable) {
    recordFailure(pair, at);
    recordFailure(account, at);
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
  // The right password from this address clears this address's count; the account's hourly count
  // stays (an attacker elsewhere is still slowed).
  clearFailures(pair);
  if (needsRehash(user.passwordHash!)) {
    const upgraded = await hashPassword(password);
    getDb().update(schema.staffUsers).set({ passwordHash: upgraded, updatedAt: at }).where(eq(schema.staffUsers.id, user.id)).run();
  }
  return { kind: "ok", user };
}

const CODE_FAILURES_PER_SESSION = 5;
const codeFailures = new Map<string, number>();

export type CodeResult = { kind: "ok" } | { kind: "invalid" } | { kind: "locked" } | { kind: "throttled"; retryAfterSeconds: number };

/**
 * The second step: a TOTP code (each usable once) or an unused recovery code. Wrong codes are
 * counted on the account, across sessions and addresses: after FREE_CODE_FAILURES each further try
 * waits longer, and at CODE_FAILURES_ALERT the account holder is emailed. Five wrong codes also end
 * the half-signed-in session, so the password must be given again (and is throttled too).
 */
export function checkSecondFactor(
  user: StaffUser,
  session: StaffSession,
  input: { code?: string; recoveryCode?: string },
  requestId: string,
): CodeResult {
  const at = now();
  const counter = getDb()
    .select({ failures: schema.staffUsers.codeFailures, failedAt: schema.staffUsers.codeFailedAt })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.id, user.id))
    .get();
  const wait = counter?.failedAt ? growingDelay(counter.failures, FREE_CODE_FAILURES) - (at.getTime() - counter.failedAt.getTime()) : 0;
  if (wait > 0) return { kind: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

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
    const result = verifyTotp(decryptSecret(user.totpSecret, getConfig().totpKeys), input.code, totpCheckTime(at, last), last);
    if (result.ok) {
      ok = true;
      getDb().update(schema.staffUsers).set({ totpLastStep: result.step }).where(eq(schema.staffUsers.id, user.id)).run();
    }
  }
  const failures = ok ? 0 : (counter?.failures ?? 0) + 1;
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers).set({ codeFailures: failures, codeFailedAt: ok ? null : at }).where(eq(schema.staffUsers.id, user.id)).run();
    recordAudit(tx, {
      action: ok ? "sign_in" : "sign_in_failed",
      actor: ok ? { kind: "staff", id: user.id } : { kind: "system" },
      entityType: "staff_user",
      entityId: user.id,
      reason: ok ? `signed in with password and ${how}` : `wrong ${how}`,
      requestId,
    }, at);
    if (failures === CODE_FAILURES_ALERT) {
      enqueueEmail(tx, {
        kind: "staff_code_failures",
        to: user.email,
        subject: `${getConfig().forceName}: wrong security codes for your account`,
        text: [
          `Someone has entered ${CODE_FAILURES_ALERT} wrong security codes in a row after signing in with your password.`,
          "",
          "If this was not you, your password may be known to someone else: change it now, and tell your administrator.",
        ].join("\n"),
        now: at,
      });
    }
  });
  if (ok) {
    codeFailures.delete(session.id);
    return { kind: "ok" };
  }
  const inSession = (codeFailures.get(session.id) ?? 0) + 1;
  codeFailures.set(session.id, inSession);
  return inSession >= CODE_FAILURES_PER_SESSION ? { kind: "locked" } : { kind: "invalid" };
}

/** Step-up: a fresh code for a sensitive action (e.g. approving a disclosure). */
export function verifyStepUp(user: StaffUser, code: string): boolean {
  if (!user.totpSecret || !user.totpEnrolledAt) return false;
  const fresh = getDb().select({ last: schema.staffUsers.totpLastStep }).from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get();
  const last = fresh?.last ?? null;
  const result = verifyTotp(decryptSecret(user.totpSecret, getConfig().totpKeys), code, totpCheckTime(now(), last), last);
  if (!result.ok) return false;
  getDb().update(schema.staffUsers).set({ totpLastStep: result.step }).where(eq(schema.staffUsers.id, user.id)).run();
  return true;
}
