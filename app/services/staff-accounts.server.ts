// Staff accounts: created by an admin (or the first-admin command), set up by the person
// through a one-time link. Admins never see or choose a password.
import crypto from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { StaffRole, StaffUser } from "../../db/schema";
import type { AuditActor } from "./audit.server";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema, type Tx } from "./db.server";
import { enqueueEmail } from "./outbox.server";
import { checkNewPassword, hashPassword, verifyPassword } from "./passwords.server";
import { endAllSessions, hashToken } from "./staff-sessions.server";
import {
  decryptSecret,
  encryptSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  otpauthUri,
  totpCheckTime,
  verifyTotp,
} from "./totp.server";

const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export class AccountError extends Error {}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findStaffByEmail(email: string): StaffUser | undefined {
  return getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.email, normaliseEmail(email))).get();
}

export function getStaff(id: number): StaffUser | undefined {
  return getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)).get();
}

export function listStaff(): StaffUser[] {
  return getDb().select().from(schema.staffUsers).orderBy(asc(schema.staffUsers.displayName)).all();
}

/** A new one-time set-up link; any earlier unused link for the person stops working. */
function issueSetupToken(tx: Tx, userId: number, at: Date): string {
  tx.update(schema.staffTokens)
    .set({ usedAt: at })
    .where(and(eq(schema.staffTokens.userId, userId), isNull(schema.staffTokens.usedAt)))
    .run();
  const token = crypto.randomBytes(32).toString("base64url");
  tx.insert(schema.staffTokens)
    .values({ tokenHash: hashToken(token), userId, purpose: "setup", createdAt: at, expiresAt: new Date(at.getTime() + SETUP_LINK_TTL_MS) })
    .run();
  return token;
}

export function setupUrl(token: string): string {
  return `${getConfig().appUrl}/staff/setup?token=${encodeURIComponent(token)}`;
}

function sendSetupEmail(tx: Tx, user: { email: string }, token: string, at: Date) {
  const { forceName } = getConfig();
  enqueueEmail(tx, {
    kind: "staff_setup_link",
    to: user.email,
    subject: `${forceName}: set up your account`,
    text: [
      "An account has been created for you on the disclosure scheme portal.",
      "",
      "Set your password and second factor within 24 hours using this link:",
      setupUrl(token),
      "",
      "The link works once. If you did not expect this email, tell your administrator.",
    ].join("\n"),
    now: at,
  });
}

/** Creates an account and emails its set-up link. Returns the link for the first-admin command only. */
export function createStaffUser(
  input: { email: string; displayName: string; roles: StaffRole[] },
  actor: AuditActor,
  requestId?: string,
): { user: StaffUser; setupLink: string } {
  const email = normaliseEmail(input.email);
  if (findStaffByEmail(email)) throw new AccountError("There is already an account with this email address");
  const at = now();
  return getDb().transaction((tx) => {
    const user = tx
      .insert(schema.staffUsers)
      .values({ email, displayName: input.displayName.trim(), roles: input.roles, createdAt: at, updatedAt: at })
      .returning()
      .get();
    const token = issueSetupToken(tx, user.id, at);
    sendSetupEmail(tx, user, token, at);
    recordAudit(tx, { action: "collection", actor, entityType: "staff_user", entityId: user.id, fields: ["email", "display_name", "roles"], requestId }, at);
    return { user, setupLink: setupUrl(token) };
  });
}

export function resendSetupLink(userId: number, actor: AuditActor, requestId?: string): void {
  const user = getStaff(userId);
  if (!user) throw new AccountError("No such account");
  const at = now();
  getDb().transaction((tx) => {
    sendSetupEmail(tx, user, issueSetupToken(tx, user.id, at), at);
    recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: user.id, fields: ["setup_link"], requestId }, at);
  });
}

/** The account a set-up link opens, if the link is unused, in date and the account active. */
export function userForSetupToken(token: string): StaffUser | null {
  const row = getDb()
    .select()
    .from(schema.staffTokens)
    .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.staffTokens.userId))
    .where(eq(schema.staffTokens.tokenHash, hashToken(token)))
    .get();
  if (!row || row.staff_tokens.usedAt || row.staff_tokens.expiresAt <= now() || !row.staff_users.active) return null;
  return row.staff_users;
}

/** Sets the first password through a set-up link, which then stops working. */
export async function completeSetup(token: string, password: string, requestId?: string): Promise<StaffUser> {
  const user = userForSetupToken(token);
  if (!user) throw new AccountError("This link has expired or has already been used");
  const problem = checkNewPassword(password, { email: user.email, name: user.displayName });
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(password);
  const at = now();
  getDb().transaction((tx) => {
    tx.update(schema.staffTokens).set({ usedAt: at }).where(eq(schema.staffTokens.tokenHash, hashToken(token))).run();
    tx.update(schema.staffUsers).set({ passwordHash: hash, passwordChangedAt: at, updatedAt: at }).where(eq(schema.staffUsers.id, user.id)).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: user.id }, entityType: "staff_user", entityId: user.id, fields: ["password"], requestId }, at);
  });
  return getStaff(user.id)!;
}

export async function changePassword(
  user: StaffUser,
  current: string,
  next: string,
  keepSessionId: string,
  requestId?: string,
): Promise<{ field: "currentPassword" | "newPassword"; message: string } | null> {
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    return { field: "currentPassword", message: "Your current password is not right" };
  }
  const problem = checkNewPassword(next, { email: user.email, name: user.displayName });
  if (problem) return { field: "newPassword", message: problem };
  const hash = await hashPassword(next);
  const at = now();
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers).set({ passwordHash: hash, passwordChangedAt: at, updatedAt: at }).where(eq(schema.staffUsers.id, user.id)).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: user.id }, entityType: "staff_user", entityId: user.id, fields: ["password"], requestId }, at);
  });
  // A changed password ends every other session (someone else may have had it).
  endAllSessions(user.id, keepSessionId);
  return null;
}

/** The secret being enrolled: made once and kept until confirmed, so a reload shows the same QR code. */
export function pendingTotpSecret(user: StaffUser): string {
  const { sessionSecrets } = getConfig();
  if (user.totpSecret && !user.totpEnrolledAt) return decryptSecret(user.totpSecret, sessionSecrets);
  const secret = generateTotpSecret();
  getDb()
    .update(schema.staffUsers)
    .set({ totpSecret: encryptSecret(secret, sessionSecrets), totpEnrolledAt: null, totpLastStep: null, updatedAt: now() })
    .where(eq(schema.staffUsers.id, user.id))
    .run();
  return secret;
}

export function totpUriFor(user: StaffUser, secret: string): string {
  return otpauthUri({ secret, accountName: user.email, issuer: `${getConfig().forceName} CSODS` });
}

/** Confirms enrolment with a first code; returns the recovery codes to show once. */
export function confirmTotpEnrolment(user: StaffUser, code: string, requestId?: string): string[] | null {
  const fresh = getStaff(user.id)!;
  if (!fresh.totpSecret || fresh.totpEnrolledAt) return null;
  const secret = decryptSecret(fresh.totpSecret, getConfig().sessionSecrets);
  const at = now();
  const result = verifyTotp(secret, code, totpCheckTime(at, fresh.totpLastStep), fresh.totpLastStep);
  if (!result.ok) return null;
  const codes = generateRecoveryCodes(10);
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers).set({ totpEnrolledAt: at, totpLastStep: result.step, updatedAt: at }).where(eq(schema.staffUsers.id, user.id)).run();
    tx.delete(schema.staffRecoveryCodes).where(eq(schema.staffRecoveryCodes.userId, user.id)).run();
    tx.insert(schema.staffRecoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) }))).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: user.id }, entityType: "staff_user", entityId: user.id, fields: ["second_factor", "recovery_codes"], requestId }, at);
  });
  return codes;
}

/** Admin: clears the second factor and recovery codes; the person enrols again at next sign-in. */
export function resetSecondFactor(userId: number, actor: AuditActor, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers).set({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null, updatedAt: at }).where(eq(schema.staffUsers.id, userId)).run();
    tx.delete(schema.staffRecoveryCodes).where(eq(schema.staffRecoveryCodes.userId, userId)).run();
    recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: userId, fields: ["second_factor", "recovery_codes"], requestId }, at);
  });
  endAllSessions(userId);
}

export function setRoles(userId: number, roles: StaffRole[], actor: AuditActor, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers).set({ roles, updatedAt: at }).where(eq(schema.staffUsers.id, userId)).run();
    recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: userId, fields: ["roles"], requestId }, at);
  });
}

/** Deactivating ends every session of the person at once. */
export function setActive(userId: number, active: boolean, actor: AuditActor, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers)
      .set({ active, deactivatedAt: active ? null : at, updatedAt: at })
      .where(eq(schema.staffUsers.id, userId))
      .run();
    recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: userId, fields: ["active"], requestId }, at);
  });
  if (!active) endAllSessions(userId);
}

export function countActiveAdmins(): number {
  return listStaff().filter((u) => u.active && u.roles.includes("admin")).length;
}

/** Reviewers on duty are emailed about new urgent applications. */
export function setOnDuty(userId: number, onDuty: boolean, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    tx.update(schema.staffUsers).set({ onDuty, updatedAt: at }).where(eq(schema.staffUsers.id, userId)).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: userId }, entityType: "staff_user", entityId: userId, fields: ["on_duty"], requestId }, at);
  });
}
