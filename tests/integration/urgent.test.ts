// Urgent cases end to end through the services (csods.md §8): the 1-hour clock, acceptance over
// the per-address limit (flagged), alerts that always reach someone, and one escalation.
import { and, eq, like } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { performAction } from "~/services/case-actions.server";
import { getDb, schema } from "~/services/db.server";
import { setSetting } from "~/services/settings.server";
import { sendClockReminders, sendUrgentEscalations } from "~/services/staff-notifications.server";
import { submitTestCase } from "../support/cases";
import { insertStaff } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let manager: Staff;
const DUTY = "control.room@force.example";
const HOUR = 3_600_000;

const caseRow = (id: number) => getDb().select().from(schema.cases).where(eq(schema.cases.id, id)).get()!;
const mailsAbout = (reference: string, kind: string) =>
  getDb().select().from(schema.outbox).where(and(eq(schema.outbox.kind, kind), like(schema.outbox.subject, `%${reference}%`))).all();
const setReviewersOnDuty = (onDuty: boolean) =>
  getDb().update(schema.staffUsers).set({ onDuty }).where(like(schema.staffUsers.roles, '%"reviewer"%')).run();

beforeAll(async () => {
  reviewer = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
  setSetting("alerts.dutyAddress", DUTY, null);
});

beforeEach(() => setReviewersOnDuty(true));

describe("an urgent application", () => {
  it("gets the 1-hour immediate-risk clock, its reason, and tops nextDueAt", async () => {
    const { caseId } = await submitTestCase({ urgent: true });
    const c = caseRow(caseId);
    expect(c.urgent).toBe(true);
    expect(c.urgentReason).toBe("applicant_danger_now");
    expect(c.riskCheckDueAt!.getTime() - c.receivedAt.getTime()).toBe(HOUR);
    expect(c.nextDueAt).toEqual(c.riskCheckDueAt);
    const normal = caseRow((await submitTestCase()).caseId);
    expect(normal.riskCheckDueAt!.getTime() - normal.receivedAt.getTime()).toBe(24 * HOUR);
    expect(normal.urgentReason).toBeNull();
  });

  it("follows the urgent clock setting", async () => {
    setSetting("clocks.urgentRiskCheckHours", 2, null);
    try {
      const c = caseRow((await submitTestCase({ urgent: true })).caseId);
      expect(c.riskCheckDueAt!.getTime() - c.receivedAt.getTime()).toBe(2 * HOUR);
    } finally {
      setSetting("clocks.urgentRiskCheckHours", 1, null);
    }
  });

  it("is never refused by the per-address limit, is still counted, and is flagged for staff", async () => {
    const ip = "203.0.113.77";
    const limit = Number(process.env.SUBMISSIONS_PER_IP_PER_HOUR ?? 5);
    for (let i = 0; i < limit; i++) await submitTestCase({ ip });
    await expect(submitTestCase({ ip })).rejects.toThrow(/rate-limited/);
    const { caseId } = await submitTestCase({ ip, urgent: true });
    const c = caseRow(caseId);
    expect(c).toMatchObject({ urgent: true, overSubmissionLimit: true });
    const events = getDb().select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).all();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["marked_urgent", "over_submission_limit"]));
    // Counted: a second urgent one is also accepted and flagged; a normal one is still refused.
    expect(caseRow((await submitTestCase({ ip, urgent: true })).caseId).overSubmissionLimit).toBe(true);
    await expect(submitTestCase({ ip })).rejects.toThrow(/rate-limited/);
    // Under the limit, an urgent application is not flagged.
    expect(caseRow((await submitTestCase({ ip: "203.0.113.78", urgent: true })).caseId).overSubmissionLimit).toBe(false);
  });
});

describe("urgent alerts", () => {
  it("go to the on-duty reviewers only, when someone is on duty", async () => {
    const { reference } = await submitTestCase({ urgent: true });
    const to = mailsAbout(reference, "urgent_application").map((m) => m.toAddress);
    expect(to).toContain(reviewer.email);
    expect(to).not.toContain(manager.email);
    expect(to).not.toContain(DUTY);
  });

  it("go to the managers and the duty address when no reviewer is on duty, naming no one", async () => {
    setReviewersOnDuty(false);
    const { caseId, reference } = await submitTestCase({ urgent: true, childName: "Urgentchild Canary", subjectName: "Urgentsubject Canary" });
    const mails = mailsAbout(reference, "urgent_application");
    expect(mails.map((m) => m.toAddress).sort()).toEqual(expect.arrayContaining([manager.email, DUTY]));
    expect(mails.map((m) => m.toAddress)).not.toContain(reviewer.email);
    for (const m of mails) {
      expect(m.subject).toBe(`URGENT case ${reference}`);
      expect(m.textBody).toContain(`/staff/cases/${caseId}`);
      expect(m.textBody).not.toMatch(/Urgentchild|Urgentsubject|Canary/);
    }
    // Exactly one per recipient.
    expect(mails.filter((m) => m.toAddress === DUTY)).toHaveLength(1);
  });

  it("escalate once to the managers, the duty address and the assignee when the urgent clock passes unmet", async () => {
    const { caseId, reference } = await submitTestCase({ urgent: true });
    performAction(caseId, { action: "assign", assigneeId: reviewer.id }, manager);
    const due = caseRow(caseId).riskCheckDueAt!;
    sendUrgentEscalations(new Date(due.getTime()));
    expect(mailsAbout(reference, "urgent_escalation")).toEqual([]); // due exactly now: not late yet
    sendUrgentEscalations(new Date(due.getTime() + 60_000));
    sendUrgentEscalations(new Date(due.getTime() + 120_000));
    const escalations = mailsAbout(reference, "urgent_escalation");
    expect(escalations.map((m) => m.toAddress)).toEqual(expect.arrayContaining([DUTY, manager.email, reviewer.email]));
    expect(new Set(escalations.map((m) => m.toAddress)).size).toBe(escalations.length);
    expect(escalations[0].subject).toBe(`ESCALATION: urgent case ${reference} not yet checked`);
    // The generic reminder does not send a second alert about the same urgent clock.
    sendClockReminders(new Date(due.getTime() + 120_000));
    expect(mailsAbout(reference, "clock_overdue").filter((m) => m.subject.includes("immediate-risk"))).toEqual([]);
  });

  it("does not escalate once the immediate-risk check is recorded in time", async () => {
    const { caseId, reference } = await submitTestCase({ urgent: true });
    performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } }, reviewer);
    sendUrgentEscalations(new Date(caseRow(caseId).riskCheckDueAt!.getTime() + HOUR));
    expect(mailsAbout(reference, "urgent_escalation")).toEqual([]);
  });
});

describe("a non-urgent submission over the limit", () => {
  it("is refused without a case", async () => {
    const ip = "203.0.113.90";
    const before = getDb().select().from(schema.cases).all().length;
    const limit = Number(process.env.SUBMISSIONS_PER_IP_PER_HOUR ?? 5);
    for (let i = 0; i < limit; i++) await submitTestCase({ ip });
    await expect(submitTestCase({ ip })).rejects.toThrow(/rate-limited/);
    expect(getDb().select().from(schema.cases).all().length).toBe(before + limit);
  });
});
