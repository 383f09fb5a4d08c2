// The decision chain through the real service and SQLite: checks → assessment → signed decision
// (bound to the assessment version) → delivery (bound to the decision) → derived outcomes.
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { STALE_ASSESSMENT } from "~/domain/decision-binding";
import { performAction } from "~/services/case-actions.server";
import { getConfig } from "~/services/config.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { assessment, caseAtDecision, check, decide, deliver, mandatoryChecks, ok, shownAssessment, shownDecision } from "../support/casework";
import { insertStaff } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let managerA: Staff;
let managerB: Staff;
let managerC: Staff;

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = (await insertStaff(["reviewer"])).user;
  managerA = (await insertStaff(["manager"])).user;
  managerB = (await insertStaff(["manager"])).user;
  managerC = (await insertStaff(["manager"])).user;
});

const caseRow = (id: number) => getDb().select().from(schema.cases).where(eq(schema.cases.id, id)).get()!;
const decisionsOf = (id: number) => getDb().select().from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, id)).all();

describe("research checks", () => {
  it("refuses 'checks complete' until every mandatory check has a result", async () => {
    const { caseId } = await submitTestCase();
    ok(performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } }, reviewer));
    ok(performAction(caseId, { action: "scope_in", data: { inScope: "yes" } }, reviewer));
    ok(performAction(caseId, { action: "verification", data: { result: "verified" } }, reviewer));
    expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Record a result for every required check first/) });
    const [pnc, pnd, visor, csc] = mandatoryChecks(false);
    for (const c of [pnc, pnd, visor, check("Local intelligence", "trace", ["intelligence"])]) ok(performAction(caseId, { action: "add_check", check: c }, reviewer));
    expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: false, reason: expect.stringMatching(/Still to do: Children's social care$/) });
    expect(caseRow(caseId).status).toBe("checks");
    ok(performAction(caseId, { action: "add_check", check: csc }, reviewer));
    expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: true, status: "assessment" });
    const stored = getDb().select().from(schema.caseChecks).where(eq(schema.caseChecks.caseId, caseId)).all();
    expect(stored.find((c) => c.checkType === "Local intelligence")).toMatchObject({ result: "trace", findings: ["intelligence"], relevant: true });
    expect(stored.find((c) => c.checkType === "ViSOR")).toMatchObject({ result: "no_trace", findings: [], relevant: false });
  });
});

describe("the assessment", () => {
  it("holds the case at assessment while a MAPPA decision is pending", async () => {
    const { caseId } = await caseAtDecision(reviewer, "disclose", { assessment: { mappaDecisionStatus: "pending", mappaDecision: undefined } });
    expect(caseRow(caseId).status).toBe("assessment");
    // Once the MAPPA meeting has decided, the case goes for decision.
    ok(performAction(caseId, { action: "submit_assessment", data: assessment("disclose") }, reviewer));
    expect(caseRow(caseId)).toMatchObject({ status: "decision", subjectIsRso: true });
  });
});

describe("a decision bound to the assessment version", () => {
  it("refuses an approval signed against an assessment replaced since it was read, and stores the version decided", async () => {
    const { caseId } = await caseAtDecision(reviewer, "no_disclosure");
    const readByA = shownAssessment(caseId);
    // B returns it; the reviewer resubmits a different recommendation.
    ok(decide(caseId, managerB, "return", { reasons: "More work" }));
    ok(performAction(caseId, { action: "submit_assessment", data: assessment("disclose", { csoConvictions: "no", registeredSexOffender: "no", otherConvictions: "Assault 2019", recipientName: "Unseen Recipient" }) }, reviewer));
    expect(decide(caseId, managerA, "approve", { assessmentId: readByA })).toEqual({ ok: false, reason: STALE_ASSESSMENT });
    expect(decisionsOf(caseId).map((d) => d.decision)).toEqual(["return"]);
    // Read again, and approved: the decision names the version.
    ok(decide(caseId, managerA, "approve"));
    expect(decisionsOf(caseId).at(-1)).toMatchObject({ decision: "approve", outcome: "disclose", assessmentVersion: 2, recipientName: "Unseen Recipient", wording: "Words" });
  });

  it("rejecting and deciding to disclose needs the recipient, why best placed, and the wording", async () => {
    const { caseId } = await caseAtDecision(reviewer, "no_disclosure", { assessment: { otherConvictions: "Assault" } });
    expect(decide(caseId, managerA, "reject", { outcome: "disclose" })).toMatchObject({ ok: false, reason: expect.stringMatching(/needs the recipient/) });
    ok(decide(caseId, managerA, "reject", { outcome: "disclose", recipient: { is: "applicant", reason: "She is the mother" }, wording: "Decided words" }));
    const applicant = getDb().select().from(schema.casePeople).where(and(eq(schema.casePeople.caseId, caseId), eq(schema.casePeople.role, "applicant"))).get()!;
    expect(decisionsOf(caseId).at(-1)).toMatchObject({ recipientPersonId: applicant.id, recipientName: applicant.fullName, recipientReason: "She is the mother", wording: "Decided words" });
  });
});

describe("presumption departure", () => {
  it("convictions decided 'no disclosure' need a rationale and a second manager, then the case is tagged", async () => {
    const { caseId } = await caseAtDecision(reviewer, "no_disclosure", { convictions: true, assessment: { csoConvictions: "yes", registeredSexOffender: "yes" } });
    expect(decide(caseId, managerA, "approve")).toMatchObject({ ok: false, reason: expect.stringMatching(/departs from the presumption/) });
    ok(decide(caseId, managerA, "approve", { departureRationale: "The subject died last week" }));
    // Signed once: still waiting at the decision stage, nothing decided yet.
    expect(caseRow(caseId)).toMatchObject({ status: "decision", decidedAt: null, presumptionDeparture: false });
    expect(decisionsOf(caseId).at(-1)).toMatchObject({ departure: "convictions_not_disclosed", departureRationale: "The subject died last week" });
    expect(decide(caseId, managerB, "approve", { departureRationale: "again" })).toMatchObject({ ok: false, reason: expect.stringMatching(/waiting for a second manager/) });
    // Not the first signer, not a reviewer; the database refuses the first signer too.
    const decisionId = shownDecision(caseId);
    expect(performAction(caseId, { action: "countersign", decisionId }, managerA)).toMatchObject({ ok: false, reason: expect.stringMatching(/You signed this decision/) });
    expect(performAction(caseId, { action: "countersign", decisionId }, reviewer)).toMatchObject({ ok: false });
    const sqlite = new Database(getConfig().databasePath);
    expect(() => sqlite.prepare("insert into case_countersignatures (case_id, decision_id, signed_by, signed_at) values (?, ?, ?, ?)").run(caseId, decisionId, managerA.id, Date.now())).toThrow(/four eyes/);
    expect(() => sqlite.prepare("insert into case_countersignatures (case_id, decision_id, signed_by, signed_at) values (?, ?, ?, ?)").run(caseId, decisionId, reviewer.id, Date.now())).toThrow(/four eyes/);
    sqlite.close();
    // A stale page is refused; the right one is signed.
    expect(performAction(caseId, { action: "countersign", decisionId: decisionId - 1 }, managerB)).toMatchObject({ ok: false, reason: expect.stringMatching(/changed since you opened/) });
    expect(performAction(caseId, { action: "countersign", decisionId }, managerB)).toMatchObject({ ok: true, status: "delivery" });
    expect(caseRow(caseId)).toMatchObject({ status: "delivery", presumptionDeparture: true });
    expect(caseRow(caseId).decidedAt).not.toBeNull();
    expect(performAction(caseId, { action: "countersign", decisionId }, managerC)).toMatchObject({ ok: false });
  });

  it("a disclosure with neither convictions nor other information needs the second signature; a second manager may return instead", async () => {
    const { caseId } = await caseAtDecision(reviewer, "disclose", { convictions: false, assessment: { csoConvictions: "no", registeredSexOffender: "no" } });
    ok(decide(caseId, managerA, "approve", { departureRationale: "Strong concern from school" }));
    expect(decisionsOf(caseId).at(-1)).toMatchObject({ departure: "disclosure_without_information" });
    ok(decide(caseId, managerB, "return", { reasons: "Not enough to disclose" }));
    expect(caseRow(caseId)).toMatchObject({ status: "assessment", presumptionDeparture: false });
  });

  it("a decision that follows the presumption needs neither", async () => {
    const { caseId } = await caseAtDecision(reviewer, "disclose");
    expect(decide(caseId, managerA, "approve")).toMatchObject({ ok: true, status: "delivery" });
    expect(decisionsOf(caseId).at(-1)).toMatchObject({ departure: null, departureRationale: null });
  });
});

describe("delivery bound to the decision", () => {
  it("records the approved recipient and wording, refuses a stale decision or an earlier date, and logs the decision id", async () => {
    const { caseId } = await caseAtDecision(reviewer, "disclose");
    ok(decide(caseId, managerA, "approve"));
    const decision = decisionsOf(caseId).at(-1)!;
    expect(deliver(caseId, reviewer, true, { decisionId: decision.id - 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/changed since you opened/) });
    expect(deliver(caseId, reviewer, true, { data: { deliveredAt: new Date(decision.decidedAt.getTime() - 60_000).toISOString() } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^The date and time cannot be before the decision was signed/),
    });
    // Typed values for the recipient or words are ignored: the decision's are recorded.
    ok(deliver(caseId, reviewer, true, { data: { recipientName: "Someone Else", wordingUsed: "COMPLETELY DIFFERENT WORDING" } }));
    const record = getDb().select().from(schema.caseRecords).where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, "delivery"))).get()!;
    expect(record.data).toMatchObject({ decisionId: decision.id, recipientPersonId: decision.recipientPersonId, recipientName: "Pat Parent", wordingUsed: "Words" });
    const row = getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, String(caseId)), eq(schema.auditLog.action, "disclosure"))).all();
    expect(row).toEqual([expect.objectContaining({ recipient: "Pat Parent", reason: `disclosure under the Child Sex Offender Disclosure Scheme, as approved in decision ${decision.id}` })]);
  });
});

describe("what the applicant is told", () => {
  it("keeps the words, the safe route and when, and refuses a message dated before the decision", async () => {
    const { caseId } = await caseAtDecision(reviewer, "no_disclosure");
    ok(decide(caseId, managerA, "approve"));
    const decision = decisionsOf(caseId).at(-1)!;
    const told = (at: Date) => ({ policy: "controlled", words: "The set words", route: "letter", at: at.toISOString() });
    const early = performAction(caseId, { action: "record_delivery", decisionId: decision.id, disclosed: false, data: { kind: "outcome" }, applicantMessage: told(new Date(decision.decidedAt.getTime() - 120_000)) }, reviewer);
    expect(early).toMatchObject({ ok: false, reason: expect.stringMatching(/^The date and time cannot be before the decision was signed/) });
    const at = new Date(decision.decidedAt.getTime() + 60_000);
    ok(performAction(caseId, { action: "record_delivery", decisionId: decision.id, disclosed: false, data: { kind: "outcome", notes: null }, applicantMessage: told(at) }, reviewer));
    const record = getDb().select().from(schema.caseRecords).where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, "delivery"))).get()!;
    expect(record.data).toMatchObject({ kind: "outcome", decisionId: decision.id, messagePolicy: "controlled", messageWords: "The set words", messageRoute: "letter", messageAt: at.toISOString() });
    expect(caseRow(caseId)).toMatchObject({ status: "closure", disclosureMade: false });
  });
});

describe("closure", () => {
  it("refuses Disclosure + No disclosure + Withdrawn, and derives the outcome from the records", async () => {
    const { caseId } = await caseAtDecision(reviewer, "disclose");
    ok(decide(caseId, managerA, "approve"));
    ok(deliver(caseId, reviewer, true));
    expect(performAction(caseId, { action: "close", outcomes: ["disclosure_cso", "no_disclosure", "withdrawn"] }, reviewer)).toMatchObject({ ok: false });
    expect(caseRow(caseId).status).toBe("closure");
    ok(performAction(caseId, { action: "close", outcomes: ["other_safeguarding"] }, reviewer));
    const codes = getDb().select().from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all().map((o) => o.code).sort();
    expect(codes).toEqual(["disclosure_cso", "other_safeguarding"]);
    expect(caseRow(caseId)).toMatchObject({ disclosureMade: true, subjectIsRso: true });
  });
});

describe("telling staff a decision was signed", () => {
  const mailTo = (caseRef: string) =>
    getDb().select().from(schema.outbox).where(eq(schema.outbox.kind, "decision_signed")).all().filter((m) => m.subject.includes(caseRef));

  it("emails the case's assignee and the reviewer who recommended: the reference and a link, nothing of the case", async () => {
    const assessor = (await insertStaff(["reviewer"])).user;
    const { caseId, reference } = await caseAtDecision(reviewer, "disclose", { assessor });
    ok(performAction(caseId, { action: "take" }, reviewer));
    expect(mailTo(reference)).toEqual([]);
    ok(decide(caseId, managerA, "approve", { reasons: "Pat Parent must be told" }));
    const mails = mailTo(reference);
    expect(mails.map((m) => m.toAddress).sort()).toEqual([assessor.email, reviewer.email].sort());
    for (const m of mails) {
      expect(m.subject).toBe(`Decision signed: ${reference}`);
      expect(m.textBody).toContain(`/staff/cases/${caseId}`);
      expect(m.textBody).not.toMatch(/Pat Parent|Words|disclos/i);
    }
  });

  it("a departure tells them twice: at the first signature and at the second", async () => {
    const { caseId, reference } = await caseAtDecision(reviewer, "no_disclosure", { convictions: true, assessment: { csoConvictions: "yes", registeredSexOffender: "yes" } });
    ok(decide(caseId, managerA, "approve", { departureRationale: "Rationale" }));
    expect(mailTo(reference).map((m) => m.textBody.split("\n")[0])).toEqual([`A decision was signed and waits for a second manager's signature on case ${reference}. Open the case to see it.`]);
    ok(performAction(caseId, { action: "countersign", decisionId: shownDecision(caseId) }, managerB));
    expect(mailTo(reference)).toHaveLength(2);
    expect(mailTo(reference)[1].textBody).toMatch(/^The second signature was given: the decision is final on case/);
  });
});
