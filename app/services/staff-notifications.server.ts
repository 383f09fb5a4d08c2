// Emails to staff through the outbox. They carry the case reference and a link, never case details.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { clockState } from "~/domain/clocks";
import { getConfig } from "./config.server";
import { getDb, schema, type Db } from "./db.server";
import { log } from "./logger.server";
import { enqueueEmail } from "./outbox.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Pick<Db, "select" | "insert">;

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
    enqueueEmail(db as Tx, { kind, to: address, subject, text: [...lines, "", getConfig().forceName].join("\n"), now: at });
  }
}

/** A new urgent application: every on-duty reviewer, in the submission's own transaction. */
export function notifyUrgentApplication(db: DbOrTx, caseId: number, reference: string, at: Date): void {
  const reviewers = staffWithRole(db, "reviewer", true).map((u) => u.email);
  send(db, reviewers, "urgent_application", `URGENT application ${reference}`, [
    `An application marked urgent has been received: ${reference}.`,
    "The applicant said a child is in danger now. Check it straight away.",
    "",
    caseUrl(caseId),
  ], at);
}

export function notifyDecisionRequested(db: DbOrTx, caseId: number, reference: string, at: Date): void {
  const managers = staffWithRole(db, "manager").map((u) => u.email);
  send(db, managers, "decision_requested", `Decision requested: ${reference}`, [
    `A recommendation on case ${reference} is waiting for a manager's decision.`,
    "",
    caseUrl(caseId),
  ], at);
}

/** How long before a due time the "due soon" reminder goes: 24 hours, or a quarter of a shorter clock. */
export function reminderWindowMs(receivedAt: Date, dueAt: Date): number {
  return Math.min(24 * 3_600_000, (dueAt.getTime() - receivedAt.getTime()) / 4);
}

const CLOCK_NAMES = { riskCheck: "immediate-risk check", interview: "interview", decision: "decision" } as const;

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
    ] as const;
    for (const clock of clocks) {
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
