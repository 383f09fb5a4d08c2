// Emails to staff through the outbox. They carry the case reference and a link, never case details.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { clockState } from "~/domain/clocks";
import { getConfig } from "./config.server";
import { getSetting } from "./settings.server";
import { getDb, schema, type DbOrTx } from "./db.server";
import { log } from "./logger.server";
import { enqueueEmail } from "./outbox.server";

export const caseUrl = (caseId: number) => `${getConfig().appUrl}/staff/cases/${caseId}`;

function staffWithRole(db: DbOrTx, role: "reviewer" | "manager", onDutyOnly = false) {
  return db
    .select({ id: schema.staffUsers.id, email: schema.staffUsers.email, roles: schema.staffUsers.roles, onDuty: schema.staffUsers.onDuty })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.active, true))
    .all()
    .filter((u) => u.roles.includes(role) && (!onDutyOnly || u.onDuty));
}

function send(db: DbOrTx, to: string[], kind: string, subject: string, lines: string[], at: Date) {
  for (const address of new Set(to)) {
    enqueueEmail(db, { kind, to: address, subject, text: [...lines, "", getConfig().forceName].join("\n"), now: at });
  }
}

/** The settable duty address (control room or on-call sergeant), if one is set. */
function dutyAddress(): string[] {
  const address = String(getSetting("alerts.dutyAddress") ?? "").trim();
  return address ? [address] : [];
}

/**
 * A new urgent case, in the case's own transaction (so it is sent exactly once): every on-duty
 * reviewer; when none is on duty, the managers and the duty address, so someone always hears.
 * The email names no one and says nothing of the case: the reference and a staff link only.
 */
export function notifyUrgentApplication(db: DbOrTx, caseId: number, reference: string, at: Date): void {
  const reviewers = staffWithRole(db, "reviewer", true).map((u) => u.email);
  const to = reviewers.length > 0 ? reviewers : [...staffWithRole(db, "manager").map((u) => u.email), ...dutyAddress()];
  if (to.length === 0) log.warn("urgent_alert_no_recipient", { caseId });
  send(db, to, "urgent_application", `URGENT case ${reference}`, [
    `An urgent case has been received: ${reference}.`,
    "A child may be in danger now. Check it straight away.",
    ...(reviewers.length === 0 ? ["", "No reviewer is on duty, so this has gone to the managers and the duty address."] : []),
    "",
    caseUrl(caseId),
  ], at);
}

/**
 * Urgent cases whose immediate-risk clock has passed unmet: one escalation each, to the managers,
 * the duty address and the assignee. Safe to run as often as wanted (notifications_sent dedupes).
 */
export function sendUrgentEscalations(at: Date, limit = 200): number {
  const db = getDb();
  const late = db
    .select({ id: schema.cases.id, reference: schema.cases.reference, assignedTo: schema.cases.assignedTo, dueAt: schema.cases.riskCheckDueAt })
    .from(schema.cases)
    .where(and(eq(schema.cases.urgent, true), isNull(schema.cases.closedAt), isNull(schema.cases.riskCheckedAt), lte(schema.cases.riskCheckDueAt, at)))
    .limit(limit)
    .all()
    // Overdue means after the due moment (met exactly at it is on time).
    .filter((c) => c.dueAt && c.dueAt.getTime() < at.getTime());
  if (late.length === 0) return 0;
  const managers = staffWithRole(db, "manager").map((m) => m.email);
  let sent = 0;
  for (const c of late) {
    const assignee = c.assignedTo
      ? db.select({ email: schema.staffUsers.email, active: schema.staffUsers.active }).from(schema.staffUsers).where(eq(schema.staffUsers.id, c.assignedTo)).get()
      : undefined;
    db.transaction((tx) => {
      const fresh = tx.insert(schema.notificationsSent).values({ dedupeKey: `urgent_escalation:${c.id}`, sentAt: at }).onConflictDoNothing().run();
      if (fresh.changes === 0) return;
      send(tx, [...managers, ...dutyAddress(), ...(assignee?.active ? [assignee.email] : [])], "urgent_escalation", `ESCALATION: urgent case ${c.reference} not yet checked`, [
        `The immediate-risk check of urgent case ${c.reference} is overdue.`,
        "A child may be in danger now. Make sure someone acts on it straight away.",
        "",
        caseUrl(c.id),
      ], at);
      sent += 1;
    });
  }
  if (sent > 0) log.info("urgent_escalations_sent", { count: sent });
  return sent;
}

export function notifyDecisionRequested(db: DbOrTx, caseId: number, reference: string, at: Date): void {
  const managers = staffWithRole(db, "manager").map((u) => u.email);
  send(db, managers, "decision_requested", `Decision requested: ${reference}`, [
    `A recommendation on case ${reference} is waiting for a manager's decision.`,
    "",
    caseUrl(caseId),
  ], at);
}

/**
 * A decision signed (final, or waiting for a second signature, or returned): the case's assignee
 * and the reviewer who submitted the recommendation, in the decision's own transaction. The
 * reference and a link only: never the outcome or the reasons.
 */
export function notifyDecisionSigned(db: DbOrTx, caseId: number, reference: string, staffIds: readonly (number | null)[], what: string, at: Date): void {
  const ids = [...new Set(staffIds.filter((id): id is number => id !== null))];
  if (ids.length === 0) return;
  const to = db
    .select({ id: schema.staffUsers.id, email: schema.staffUsers.email, active: schema.staffUsers.active })
    .from(schema.staffUsers)
    .all()
    .filter((u) => u.active && ids.includes(u.id))
    .map((u) => u.email);
  send(db, to, "decision_signed", `Decision signed: ${reference}`, [`${what} on case ${reference}. Open the case to see it.`, "", caseUrl(caseId)], at);
}

/**
 * An erasure proposed: every active manager except the proposer (four eyes), in the proposal's own
 * transaction. The reference and a link only: never the reason, which may quote the case.
 */
export function notifyErasureProposed(db: DbOrTx, caseId: number, reference: string, proposerId: number, at: Date): void {
  const managers = staffWithRole(db, "manager").filter((u) => u.id !== proposerId).map((u) => u.email);
  send(db, managers, "erasure_proposed", `Erasure waiting for a decision: ${reference}`, [
    `Erasing the personal data of closed case ${reference} has been proposed.`,
    "A manager who did not propose it must approve or reject it.",
    "",
    `${getConfig().appUrl}/staff/retention/${caseId}`,
  ], at);
}

/** How long before a due time the "due soon" reminder goes: 24 hours, or a quarter of a shorter clock. */
export function reminderWindowMs(receivedAt: Date, dueAt: Date): number {
  return Math.min(24 * 3_600_000, (dueAt.getTime() - receivedAt.getTime()) / 4);
}

const CLOCK_NAMES = { riskCheck: "immediate-risk check", interview: "interview", decision: "decision", referral: "referral to children's social care" } as const;

/**
 * Reminders for clocks due within 24 hours or overdue, to the assignee and the managers.
 * Each (case, clock, state, due time) is sent once; safe to run as often as wanted.
 */
export function sendClockReminders(at: Date, limit = 500): number {
  const db = getDb();
  const horizon = new Date(at.getTime() + 24 * 3_600_000);
  const cases = db
    .select()
    .from(schema.cases)
    .where(and(isNull(schema.cases.closedAt), lte(schema.cases.nextDueAt, horizon)))
    .orderBy(schema.cases.nextDueAt)
    .limit(limit)
    .all();
  if (cases.length === 0) return 0;
  const managers = staffWithRole(db, "manager");
  const staffById = new Map(db.select({ id: schema.staffUsers.id, email: schema.staffUsers.email, active: schema.staffUsers.active }).from(schema.staffUsers).all().map((u) => [u.id, u]));
  let sent = 0;
  for (const c of cases) {
    const clocks = [
      { key: "riskCheck", due: c.riskCheckDueAt, met: c.riskCheckedAt },
      { key: "interview", due: c.interviewDueAt, met: c.interviewedAt },
      { key: "decision", due: c.decisionDueAt, met: c.decidedAt },
      { key: "referral", due: c.referralDueAt, met: c.referralMadeAt },
    ] as const;
    for (const clock of clocks) {
      // An urgent case's immediate-risk clock has its own alert and escalation (above).
      if (c.urgent && clock.key === "riskCheck") continue;
      const state = clockState(clock.due, clock.met, at);
      if (state !== "due_soon" && state !== "overdue") continue;
      // A 24-hour clock is "due within 24 hours" from the start: remind in its last quarter only.
      if (state === "due_soon" && clock.due!.getTime() - at.getTime() > reminderWindowMs(c.receivedAt, clock.due!)) continue;
      const dedupeKey = `clock:${c.id}:${clock.key}:${state}:${clock.due!.getTime()}`;
      const assignee = c.assignedTo ? staffById.get(c.assignedTo) : undefined;
      const to = [...(assignee?.active ? [assignee.email] : []), ...managers.map((m) => m.email)];
      db.transaction((tx) => {
        const fresh = tx.insert(schema.notificationsSent).values({ dedupeKey, sentAt: at }).onConflictDoNothing().run();
        if (fresh.changes === 0) return;
        const what = CLOCK_NAMES[clock.key];
        send(tx, to, state === "overdue" ? "clock_overdue" : "clock_due_soon",
          state === "overdue" ? `OVERDUE: ${what} for ${c.reference}` : `Due within 24 hours: ${what} for ${c.reference}`,
          [
            state === "overdue"
              ? `The ${what} for case ${c.reference} is overdue. Check the child is safe while the case waits, and record a re-triage.`
              : `The ${what} for case ${c.reference} is due within 24 hours.`,
            "",
            caseUrl(c.id),
          ], at);
        sent += 1;
      });
    }
  }
  if (sent > 0) log.info("clock_reminders_sent", { count: sent });
  return sent;
}

/** Open cases whose earliest clock has passed (for the staff home page count). */
export function overdueCount(at: Date): number {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(schema.cases)
    .where(and(isNull(schema.cases.closedAt), lte(schema.cases.nextDueAt, at)))
    .get()!.n;
}
