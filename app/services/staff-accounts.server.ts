// Staff accounts: created by an admin (or the first-admin command), set up by the person
// through a one-time link. Admins never see or choose a password.
import crypto from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { StaffApproval, StaffRole, StaffUser } from "../../db/schema";
import { workEmailProblem } from "../domain/staff-schemas";
import type { AuditActor } from "./audit.server";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema, type Tx } from "./db.server";
import { enqueueEmail } from "./outbox.server";
import { checkNewPassword, hashPassword, verifyPassword } from "./passwords.server";
import { getSetting } from "./settings.server";
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
  const notWork = workEmailProblem(email, getSetting("staff.workEmailDomains"));
  if (notWork) throw new AccountError(notWork);
  if (findStaffByEmail(email)) throw new AccountError("There is already an account with this email address");
  const at = now();
  // An admin creating a manager or admin account is granting that role: the account starts with
  // the other roles and the grant waits for a second admin (the first-admin command is exempt).
  const byStaff = actor.kind === "staff";
  const granted = byStaff ? input.roles.filter((r) => PRIVILEGED_ROLES.includes(r)) : [];
  const created = getDb().transaction((tx) => {
    const user = tx
      .insert(schema.staffUsers)
      .values({ email, displayName: input.displayName.trim(), roles: input.roles.filter((r) => !granted.includes(r)), createdAt: at, updatedAt: at })
      .returning()
      .get();
    const token = issueSetupToken(tx, user.id, at);
    sendSetupEmail(tx, user, token, at);
    recordAudit(tx, { action: "collection", actor, entityType: "staff_user", entityId: user.id, fields: ["email", "display_name", "roles"], requestId }, at);
    return { user, setupLink: setupUrl(token) };
  });
  if (granted.length > 0 && actor.kind === "staff") requestApproval(created.user, "grant_roles", input.roles, { id: actor.id }, requestId);
  return created;
}

/**
 * Only for an account that never completed set-up: a link for a set-up account would hand it
 * (new password, new second factor) to whoever holds the link.
 */
export function resendSetupLink(userId: number, actor: AuditActor, requestId?: string): void {
  const user = getStaff(userId);
  if (!user) throw new AccountError("No such account");
  if (user.passwordHash) {
    throw new AccountError("This person has already set up their account, so a set-up link cannot be sent");
  }
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
  // Whoever held the account before this set-up (if anyone) is signed out everywhere.
  endAllSessions(user.id);
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
  const { totpKeys } = getConfig();
  if (user.totpSecret && !user.totpEnrolledAt) return decryptSecret(user.totpSecret, totpKeys);
  const secret = generateTotpSecret();
  getDb()
    .update(schema.staffUsers)
    .set({ totpSecret: encryptSecret(secret, totpKeys), totpEnrolledAt: null, totpLastStep: null, updatedAt: now() })
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
  const secret = decryptSecret(fresh.totpSecret, getConfig().totpKeys);
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

/** Roles that carry decisions or control of accounts: granting one needs a second admin. */
export const PRIVILEGED_ROLES: readonly StaffRole[] = ["manager", "admin"];

type Admin = Pick<StaffUser, "id">;

/** Clears the second factor and recovery codes (in `tx`); the person enrols again at next sign-in. */
function clearSecondFactor(tx: Tx, userId: number, at: Date): void {
  tx.update(schema.staffUsers)
    .set({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null, codeFailures: 0, codeFailedAt: null, updatedAt: at })
    .where(eq(schema.staffUsers.id, userId))
    .run();
  tx.delete(schema.staffRecoveryCodes).where(eq(schema.staffRecoveryCodes.userId, userId)).run();
}

/**
 * Admin: reset a person's second factor. An account still setting up its second factor is reset
 * at once; an enrolled one only when a second admin approves (it would hand the account over).
 */
export function requestSecondFactorReset(target: StaffUser, admin: Admin, requestId?: string): "reset" | "requested" {
  if (target.totpEnrolledAt) {
    requestApproval(target, "reset_second_factor", null, admin, requestId);
    return "requested";
  }
  const at = now();
  getDb().transaction((tx) => {
    clearSecondFactor(tx, target.id, at);
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: admin.id }, entityType: "staff_user", entityId: target.id, fields: ["second_factor", "recovery_codes"], reason: "second factor reset (not yet set up)", requestId }, at);
  });
  endAllSessions(target.id);
  return "reset";
}

/**
 * Admin: change a person's roles. Never one's own; removing roles or adding reviewer happens at
 * once; granting manager or admin waits for a second admin's approval.
 */
export function changeRoles(target: StaffUser, roles: StaffRole[], admin: Admin, requestId?: string): "changed" | "requested" {
  if (target.id === admin.id) throw new AccountError("You cannot change your own roles. Ask another administrator");
  const granted = roles.filter((r) => PRIVILEGED_ROLES.includes(r) && !target.roles.includes(r));
  if (granted.length > 0) {
    requestApproval(target, "grant_roles", roles, admin, requestId);
    return "requested";
  }
  setRoles(target.id, roles, { kind: "staff", id: admin.id }, requestId);
  return "changed";
}

function requestApproval(target: StaffUser, kind: StaffApproval["kind"], roles: StaffRole[] | null, admin: Admin, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    const waiting = tx
      .select({ id: schema.staffApprovals.id })
      .from(schema.staffApprovals)
      .where(and(eq(schema.staffApprovals.userId, target.id), eq(schema.staffApprovals.kind, kind), isNull(schema.staffApprovals.decision)))
      .get();
    if (waiting) throw new AccountError("This change is already waiting for another administrator's approval");
    tx.insert(schema.staffApprovals).values({ userId: target.id, kind, roles, requestedBy: admin.id, requestedAt: at }).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: admin.id }, entityType: "staff_user", entityId: target.id, fields: ["approval_request"], reason: describeApproval(kind, roles, "asked"), requestId }, at);
  });
}

function describeApproval(kind: StaffApproval["kind"], roles: StaffRole[] | null, what: string): string {
  return kind === "reset_second_factor" ? `second factor reset ${what}` : `roles ${(roles ?? []).join(", ")} ${what}`;
}

/** Changes waiting for a second admin, oldest first. */
export function pendingApprovals(userId: number): StaffApproval[] {
  return getDb()
    .select()
    .from(schema.staffApprovals)
    .where(and(eq(schema.staffApprovals.userId, userId), isNull(schema.staffApprovals.decision)))
    .orderBy(asc(schema.staffApprovals.requestedAt))
    .all();
}

/**
 * A second admin approves or rejects. Neither the admin who asked nor the person concerned may
 * decide (the database refuses it too). Approving a reset ends every session of the person.
 */
export function decideApproval(approvalId: number, approve: boolean, admin: Admin, requestId?: string): StaffApproval {
  const at = now();
  const decided = getDb().transaction((tx) => {
    const pending = tx.select().from(schema.staffApprovals).where(eq(schema.staffApprovals.id, approvalId)).get();
    if (!pending || pending.decision) throw new AccountError("This change is no longer waiting for a decision");
    if (pending.requestedBy === admin.id) throw new AccountError("You asked for this change, so another administrator must decide it");
    if (pending.userId === admin.id) throw new AccountError("This change is to your own account, so another administrator must decide it");
    tx.update(schema.staffApprovals)
      .set({ decision: approve ? "approved" : "rejected", decidedBy: admin.id, decidedAt: at })
      .where(eq(schema.staffApprovals.id, pending.id))
      .run();
    const actor = { kind: "staff" as const, id: admin.id };
    const reason = `${describeApproval(pending.kind, pending.roles, approve ? "approved" : "rejected")}; asked by staff ${pending.requestedBy}`;
    if (!approve) {
      recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: pending.userId, fields: ["approval_request"], reason, requestId }, at);
    } else if (pending.kind === "reset_second_factor") {
      clearSecondFactor(tx, pending.userId, at);
      recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: pending.userId, fields: ["second_factor", "recovery_codes"], reason, requestId }, at);
    } else {
      tx.update(schema.staffUsers).set({ roles: pending.roles ?? [], updatedAt: at }).where(eq(schema.staffUsers.id, pending.userId)).run();
      recordAudit(tx, { action: "alteration", actor, entityType: "staff_user", entityId: pending.userId, fields: ["roles"], reason, requestId }, at);
    }
    return pending;
  });
  // A reset second factor, or new privileges: every session of the person starts again.
  if (approve) endAllSessions(decided.userId);
  return decided;
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
