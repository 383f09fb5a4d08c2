import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { nowTime, todayParts } from "~/domain/time";
import * as caseRoute from "~/routes/staff.cases.$caseId";
import * as closeRoute from "~/routes/staff.cases.$caseId_.close";
import * as decisionRoute from "~/routes/staff.cases.$caseId_.decision";
import * as deliveryRoute from "~/routes/staff.cases.$caseId_.delivery";
import { performAction } from "~/services/case-actions.server";
import { loadCaseForStaff, linkedCases } from "~/services/case-view.server";
import { getConfig } from "~/services/config.server";
import { countQueries, getDb, schema } from "~/services/db.server";
import { sendClockReminders } from "~/services/staff-notifications.server";
import { CasePages, codeOf, errorsOf, redirectedTo } from "../support/case-pages";
import { submitTestCase } from "../support/cases";
import { assessment, caseAtDecision, decide, deliver, mandatoryChecks, ok } from "../support/casework";
import { insertStaff } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let manager: Staff;
let otherManager: Staff;

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
  otherManager = (await insertStaff(["manager"])).user;
});

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

const caseRow = (id: number) => getDb().select().from(schema.cases).where(eq(schema.cases.id, id)).get()!;
const auditFor = (id: number) =>
  getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(id)))).all();

async function toDecision(recommendation: string, assessor: Staff = reviewer) {
  return caseAtDecision(reviewer, recommendation, { assessor });
}

describe("a case through every stage", () => {
  it("ends in a recorded disclosure and closure, with clocks met, a timeline and audit rows", async () => {
    const { caseId } = await toDecision("disclose");
    expect(decide(caseId, manager, "approve", { reasons: "Presumption to disclose" })).toMatchObject({ ok: true, status: "delivery" });
    expect(deliver(caseId, reviewer, true)).toMatchObject({ ok: true, status: "closure" });
    // The disclosure outcome is derived from the decision and the delivery: nothing to choose.
    expect(performAction(caseId, { action: "close", outcomes: [] }, reviewer)).toMatchObject({ ok: true, status: "closed" });

    const c = caseRow(caseId);
    expect(c).toMatchObject({ status: "closed", disclosureMade: true, subjectIsRso: true, nextDueAt: null });
    expect(c.riskCheckedAt && c.interviewedAt && c.decidedAt && c.closedAt).toBeTruthy();
    const view = loadCaseForStaff(caseId, manager, "view")!;
    expect(view.outcomes).toEqual(["disclosure_cso"]);
    expect(view.people.find((p) => p.role === "recipient")?.fullName).toBe("Pat Parent");
    expect(view.timeline.length).toBeGreaterThanOrEqual(12);
    const audit = auditFor(caseId);
    const disclosure = audit.find((a) => a.action === "disclosure");
    const decisionId = getDb().select().from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, caseId)).get()!.id;
    expect(disclosure).toMatchObject({ actorId: reviewer.id, recipient: "Pat Parent", reason: `disclosure under the Child Sex Offender Disclosure Scheme, as approved in decision ${decisionId}` });
    expect(audit.filter((a) => a.action === "consultation").length).toBeGreaterThanOrEqual(1);
    // Nothing after closing except notes.
    expect(performAction(caseId, { action: "retriage", data: {} }, reviewer)).toMatchObject({ ok: false });
    expect(performAction(caseId, { action: "add_note", text: "Closed properly" }, reviewer)).toMatchObject({ ok: true });
  });

  it("ends in no disclosure with the outcome given by the applicant's safe route", async () => {
    const { caseId } = await toDecision("no_disclosure");
    expect(decide(caseId, manager, "approve", { reasons: "No convictions" })).toMatchObject({ ok: true });
    expect(deliver(caseId, reviewer, false, { data: { route: "email" } })).toMatchObject({ ok: true });
    expect(performAction(caseId, { action: "close", outcomes: ["no_disclosure"] }, reviewer)).toMatchObject({ ok: true });
    expect(caseRow(caseId)).toMatchObject({ disclosureMade: false, status: "closed" });
    expect(auditFor(caseId).some((a) => a.action === "disclosure")).toBe(false);
  });
});

describe("four eyes", () => {
  it("a reviewer cannot decide", async () => {
    const { caseId } = await toDecision("disclose");
    expect(decide(caseId, reviewer, "approve", { reasons: "x" })).toMatchObject({ ok: false, reason: expect.stringMatching(/manager/) });
  });

  it("a manager who assessed the case cannot decide it, in the app and in the database", async () => {
    const { caseId } = await toDecision("disclose", manager);
    expect(decide(caseId, manager, "approve", { reasons: "x" })).toMatchObject({ ok: false, reason: expect.stringMatching(/another manager/) });
    // Straight into SQLite, past the application: the trigger refuses it.
    const sqlite = new Database(getConfig().databasePath);
    const insert = () =>
      sqlite
        .prepare("insert into case_decisions (case_id, version, decision, outcome, reasons, assessment_record_id, decided_by, decided_at) values (?, 1, 'approve', 'disclose', 'x', 1, ?, ?)")
        .run(caseId, manager.id, Date.now());
    expect(insert).toThrow(/four eyes/);
    sqlite.close();
    // Another manager can.
    expect(decide(caseId, otherManager, "approve", { reasons: "ok" })).toMatchObject({ ok: true });
  });

  it("a signed decision is locked; a return and a new decision make new versions", async () => {
    const { caseId } = await toDecision("disclose");
    expect(decide(caseId, manager, "return", { reasons: "More research" })).toMatchObject({ ok: true, status: "assessment" });
    // Convictions recorded and a recommendation other than disclosure would be a departure: this one has none.
    expect(performAction(caseId, { action: "submit_assessment", data: assessment("disclose", { recommendation: "no_disclosure" }) }, reviewer)).toMatchObject({ ok: true });
    expect(decide(caseId, manager, "reject", { outcome: "disclose", reasons: "Disclose after all", recipient: { is: "other", name: "Pat Parent", relationship: "Mother", reason: "Lives with the child" }, wording: "Words" })).toMatchObject({ ok: true });
    const decisions = getDb().select().from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, caseId)).all();
    expect(decisions.map((d) => [d.version, d.decision, d.outcome])).toEqual([[1, "return", null], [2, "reject", "disclose"]]);
    const sqlite = new Database(getConfig().databasePath);
    expect(() => sqlite.prepare("update case_decisions set reasons = 'changed' where case_id = ?").run(caseId)).toThrow(/locked/);
    sqlite.close();
  });
});

describe("clocks and notifications", () => {
  it("an urgent application emails the on-duty reviewers, and a decision request emails managers", async () => {
    const { reference } = await submitTestCase({ urgent: true });
    const urgentMail = getDb().select().from(schema.outbox).where(eq(schema.outbox.kind, "urgent_application")).all();
    expect(urgentMail.map((m) => m.toAddress)).toContain(reviewer.email);
    expect(urgentMail.find((m) => m.toAddress === reviewer.email)?.textBody).toContain(reference);
    await toDecision("disclose");
    const requests = getDb().select().from(schema.outbox).where(eq(schema.outbox.kind, "decision_requested")).all();
    expect(requests.map((m) => m.toAddress)).toEqual(expect.arrayContaining([manager.email, otherManager.email]));
  });

  it("sets the clocks from T0, and reminds once when a clock is due soon and once when overdue", async () => {
    const { caseId, reference } = await submitTestCase({ childName: "Clocked Child" });
    const c = caseRow(caseId);
    expect(c.riskCheckDueAt!.getTime() - c.receivedAt.getTime()).toBe(24 * 3_600_000);
    expect(c.decisionDueAt!.getTime() - c.receivedAt.getTime()).toBe(28 * 24 * 3_600_000);
    expect(c.nextDueAt).toEqual(c.riskCheckDueAt);
    performAction(caseId, { action: "assign", assigneeId: reviewer.id }, manager);

    const mails = () => getDb().select().from(schema.outbox).all().filter((m) => m.subject.includes(reference));
    const start = mails().length;
    // Two hours in, the 24-hour clock is not yet in its last quarter: no reminder.
    sendClockReminders(new Date(Date.now() + 2 * 3_600_000));
    expect(mails().length).toBe(start);
    process.env.CLOCK_OFFSET_MS = String(19 * 3_600_000);
    sendClockReminders(new Date(Date.now() + 19 * 3_600_000));
    const dueSoon = mails().slice(start);
    expect(dueSoon.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/^Due within 24 hours: immediate-risk check/)]));
    expect(dueSoon.map((m) => m.toAddress)).toEqual(expect.arrayContaining([reviewer.email, manager.email]));
    sendClockReminders(new Date(Date.now() + 19 * 3_600_000));
    expect(mails().length).toBe(start + dueSoon.length);

    sendClockReminders(new Date(Date.now() + 25 * 3_600_000));
    const overdue = mails().slice(start + dueSoon.length);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue[0].subject).toMatch(/^OVERDUE: immediate-risk check/);
    // Emails carry the reference and a link, never case details.
    for (const m of [...dueSoon, ...overdue]) {
      expect(m.textBody).toContain(`/staff/cases/${caseId}`);
      expect(m.textBody).not.toMatch(/Clocked Child|Subject|alone with her/);
    }
  });

  it("an extension moves the decision clock and is recorded with the approving manager", async () => {
    const { caseId } = await submitTestCase();
    const before = caseRow(caseId).decisionDueAt!;
    expect(performAction(caseId, { action: "extend", days: 14, reason: "Awaiting MAPPA" }, reviewer)).toMatchObject({ ok: false });
    expect(performAction(caseId, { action: "extend", days: 14, reason: "Awaiting MAPPA" }, manager)).toMatchObject({ ok: true });
    expect(caseRow(caseId).decisionDueAt!.getTime() - before.getTime()).toBe(14 * 24 * 3_600_000);
  });
});

describe("the case page", () => {
  it("reads a whole case and logs the consultation in at most 5 SQL statements", async () => {
    const { caseId } = await toDecision("disclose");
    performAction(caseId, { action: "add_note", text: "A note" }, reviewer);
    const { result, queries } = await countQueries(() => loadCaseForStaff(caseId, manager, "count"));
    expect(queries).toBeLessThanOrEqual(5);
    expect(result?.people.map((p) => p.role)).toEqual(["applicant", "child", "recipient", "subject"]);
    expect(result?.records.length).toBeGreaterThanOrEqual(5);
    expect(result?.timeline.some((t) => t.kind === "note" && t.text === "A note")).toBe(true);
  });
});

describe("linked records", () => {
  it("finds other cases about the same subject (same normalised name)", async () => {
    const a = await submitTestCase({ subjectName: "Jon  O'Linked" });
    const b = await submitTestCase({ subjectName: "jon olinked" });
    await submitTestCase({ subjectName: "Someone Else" });
    expect(linkedCases(b.caseId).map((l) => l.reference)).toEqual([a.reference]);
  });
});

// The same rules through the pages (each route's real loader and action, as a browser without
// JavaScript sends them).
describe("the workflow's pages", () => {
  const deliveries = (id: number) => getDb().select().from(schema.caseRecords).where(and(eq(schema.caseRecords.caseId, id), eq(schema.caseRecords.kind, "delivery"))).all().map((r) => r.data);
  const decisions = (id: number) => getDb().select().from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, id)).all();
  const buttons = (page: { next: Array<{ text: string }> }) => page.next.map((n) => n.text);

  it("a reviewer is offered no decision and the decision page says why; the manager's signature is stored as theirs; a closed case offers only notes and telling the applicant", async () => {
    const { caseId } = await toDecision("disclose");
    const asReviewer = await CasePages.of(reviewer);
    expect(buttons(await asReviewer.view(caseId, "", caseRoute))).not.toContain("Decide on the recommendation");
    const blocked = await asReviewer.view(caseId, "decision", decisionRoute);
    expect(blocked.blocked).toBe("Only a manager can do this");
    const signer = await insertStaff(["manager"]);
    const asManager = await CasePages.of(signer.user);
    expect(buttons(await asManager.view(caseId, "", caseRoute))).toEqual(["Decide on the recommendation"]);
    const { assessmentId } = await asManager.view(caseId, "decision", decisionRoute);
    const signed = await asManager.send(caseId, "decision", decisionRoute, { assessmentId: String(assessmentId), decision: "approve", reasons: "Necessary and proportionate.", code: codeOf(signer.totpSecret) });
    expect(redirectedTo(signed)).toBe(`/staff/cases/${caseId}`);
    expect(decisions(caseId).map((d) => [d.decision, d.outcome, d.decidedBy])).toEqual([["approve", "disclose", signer.user.id]]);

    ok(deliver(caseId, reviewer, true));
    expect(redirectedTo(await asReviewer.send(caseId, "close", closeRoute, {}))).toBe(`/staff/cases/${caseId}`);
    const closed = await asReviewer.view(caseId, "", caseRoute);
    expect(closed).toMatchObject({ stage: "Closed", closed: true, outcomes: ["Disclosure (child sexual offence convictions)"], next: [], others: [], canNote: true, canTellApplicant: true });
    expect(closed.timeline.slice(0, 3).map((t) => [t.text, t.by])).toEqual([
      ["Case closed: Disclosure (child sexual offence convictions)", reviewer.displayName],
      ["Disclosure or outcome delivery recorded", reviewer.displayName],
      ["Recommendation approved", signer.user.displayName],
    ]);
  });

  it("no disclosure: the outcome is offered and recorded only by a route the applicant said is safe", async () => {
    const { caseId } = await submitTestCase({ contact: { methods: ["phone", "letter"], phone: "07700 900456", leaveMessages: "no" } });
    for (const step of [
      { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } },
      { action: "scope_in", data: { inScope: "yes" } },
      { action: "verification", data: { result: "verified" } },
    ] as const) ok(performAction(caseId, step, reviewer, "t"));
    for (const c of mandatoryChecks(false)) ok(performAction(caseId, { action: "add_check", check: c }, reviewer));
    ok(performAction(caseId, { action: "complete_checks" }, reviewer));
    ok(performAction(caseId, { action: "submit_assessment", data: assessment("no_disclosure") }, reviewer));
    ok(decide(caseId, manager, "approve", { reasons: "No convictions or intelligence: nothing to disclose." }));

    const pages = await CasePages.of(reviewer);
    expect(buttons(await pages.view(caseId, "", caseRoute))).toEqual(["Record the disclosure or outcome"]);
    const page = await pages.view(caseId, "delivery", deliveryRoute);
    expect(page.delivery.decision?.outcome).toBe("no_disclosure");
    expect(page.delivery).toMatchObject({ policy: { kind: "controlled" }, leaveMessages: false });
    expect(page.delivery.applicantWording).toMatch(/^The police have considered your application/);
    expect(page.delivery.applicantWording).not.toMatch(/no disclosure|record/i);
    // Only the routes the applicant chose, in their order, in words.
    expect(Object.entries(page.routes ?? {})).toEqual([["phone", "Phone call or text message"], ["letter", "Letter to your address"]]);

    const decisionId = String(page.delivery.decision!.id);
    const when = { ...todayParts(new Date()), time: nowTime(new Date()) };
    const told = { decisionId, messageDay: when.day, messageMonth: when.month, messageYear: when.year, messageTime: when.time };
    // A forged post with a route the applicant did not choose is refused, and nothing is recorded.
    expect(redirectedTo(await pages.send(caseId, "delivery", deliveryRoute, { ...told, messageRoute: "email" }))).toBe(`/staff/cases/${caseId}/delivery`);
    expect(errorsOf(await pages.view(caseId, "delivery", deliveryRoute)).messageRoute?.[0]).toBe("Use only a route the applicant said is safe");
    expect(deliveries(caseId)).toEqual([]);

    expect(redirectedTo(await pages.send(caseId, "delivery", deliveryRoute, { ...told, messageRoute: "letter" }))).toBe(`/staff/cases/${caseId}`);
    expect(redirectedTo(await pages.send(caseId, "close", closeRoute, {}))).toBe(`/staff/cases/${caseId}`);
    expect(caseRow(caseId)).toMatchObject({ status: "closed", disclosureMade: false });
    expect(getDb().select().from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all().map((o) => o.code)).toEqual(["no_disclosure"]);
    expect(deliveries(caseId)).toEqual([
      expect.objectContaining({ kind: "outcome", decisionId: Number(decisionId), messagePolicy: "controlled", messageRoute: "letter", messageWords: expect.stringMatching(/^The police have considered your application/) }),
    ]);
    expect(auditFor(caseId).filter((a) => a.action === "disclosure")).toEqual([]);
    const closed = await pages.view(caseId, "", caseRoute);
    expect(closed.timeline[0]).toMatchObject({ text: "Case closed: No disclosure", by: reviewer.displayName });
    expect(closed.timeline.map((t) => t.text)).toContain("Recommendation approved");
  });

  it("a manager who assessed the case is offered no decision, and a forged signature with a good code is refused", async () => {
    const assessor = await insertStaff(["manager"]);
    const { caseId } = await caseAtDecision(reviewer, "disclose", { assessor: assessor.user });
    const pages = await CasePages.of(assessor.user);
    expect(buttons(await pages.view(caseId, "", caseRoute))).not.toContain("Decide on the recommendation");
    const page = await pages.view(caseId, "decision", decisionRoute);
    expect(page.blocked).toBe("You researched or assessed this case, so another manager must decide it");
    const forged = await pages.send(caseId, "decision", decisionRoute, { assessmentId: String(page.assessmentId), decision: "approve", reasons: "Approving my own assessment.", code: codeOf(assessor.totpSecret) });
    expect(redirectedTo(forged)).toBe(`/staff/cases/${caseId}/decision`);
    expect(errorsOf(await pages.view(caseId, "decision", decisionRoute))).toEqual({ form: ["You researched or assessed this case, so another manager must decide it"] });
    expect(decisions(caseId)).toEqual([]);
    expect(caseRow(caseId).status).toBe("decision");
  });
});
