// The decision chain through the real service and SQLite: checks → assessment → signed decision
// (bound to the assessment version) → delivery (bound to the decision) → derived outcomes.
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { childPlanField } from "~/domain/case-forms";
import { STALE_ASSESSMENT } from "~/domain/decision-binding";
import { nowTime, todayParts } from "~/domain/time";
import * as caseRoute from "~/routes/staff.cases.$caseId";
import * as checksRoute from "~/routes/staff.cases.$caseId_.checks";
import * as checksCompleteRoute from "~/routes/staff.cases.$caseId_.checks-complete";
import * as closeRoute from "~/routes/staff.cases.$caseId_.close";
import * as decisionRoute from "~/routes/staff.cases.$caseId_.decision";
import * as deliveryRoute from "~/routes/staff.cases.$caseId_.delivery";
import * as identityRoute from "~/routes/staff.cases.$caseId_.identity";
import { performAction } from "~/services/case-actions.server";
import { getConfig } from "~/services/config.server";
import { getDb, schema } from "~/services/db.server";
import { CasePages, codeOf, errorsOf, redirectedTo } from "../support/case-pages";
import { renderPage, textOf } from "../support/render-route";
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

// The same rules through the pages (each route's real loader and action, as a browser without
// JavaScript sends them): what the error summary says, what the page offers, what is stored.
describe("the decision chain's pages", () => {
  type Person = Awaited<ReturnType<typeof insertStaff>>;
  const people: Record<"reviewer" | "managerA" | "managerB", Person> = {} as never;
  beforeAll(async () => {
    people.reviewer = await insertStaff(["reviewer"]);
    people.managerA = await insertStaff(["manager"]);
    people.managerB = await insertStaff(["manager"]);
  });
  const deliveryOf = (id: number) => getDb().select().from(schema.caseRecords).where(and(eq(schema.caseRecords.caseId, id), eq(schema.caseRecords.kind, "delivery"))).get()?.data;
  const today = () => ({ ...todayParts(new Date()), time: nowTime(new Date()) });

  it("checks: 'complete' is refused naming every required check, a children's social care check needs each child's plan, the identity confirmed is shown to the manager", async () => {
    const { caseId } = await submitTestCase({ childName: "Casey Checks" });
    const reviewer = people.reviewer.user;
    ok(performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } }, reviewer, "t"));
    ok(performAction(caseId, { action: "scope_in", data: { inScope: "yes" } }, reviewer));
    ok(performAction(caseId, { action: "verification", data: { result: "verified" } }, reviewer));
    const pages = await CasePages.of(reviewer);

    // Refused, the browser comes back by way of /checks-complete to the checks page and its errors.
    const refused = await pages.send(caseId, "checks-complete", checksCompleteRoute, {});
    expect(redirectedTo(refused)).toBe(`/staff/cases/${caseId}/checks-complete`);
    expect(redirectedTo(await pages.open(caseId, "checks-complete", checksCompleteRoute))).toBe(`/staff/cases/${caseId}/checks`);
    const page = await pages.view(caseId, "checks", checksRoute);
    expect(page.hasErrors).toBe(true);
    expect(errorsOf(page)).toEqual({
      form: ["Record a result for every required check first. Still to do: PNC (Police National Computer), PND (Police National Database), ViSOR, Children's social care"],
    });
    expect(caseRow(caseId).status).toBe("checks");
    // "Done by" is the signed-in person.
    expect(page.userName).toBe(reviewer.displayName);

    const [pnc, pnd, visor] = mandatoryChecks(false);
    const when = today();
    const csc = { checkType: "Children's social care", result: "no_trace", doneDay: when.day, doneMonth: when.month, doneYear: when.year, doneTime: when.time, resultSummary: "Not known." };
    await pages.send(caseId, "checks", checksRoute, csc);
    const withErrors = await pages.view(caseId, "checks", checksRoute);
    const child = page.children[0];
    expect(errorsOf(withErrors)).toEqual({ [childPlanField(child)]: ["Select whether Casey Checks is subject of a child protection plan"] });
    expect(getDb().select().from(schema.caseChecks).where(eq(schema.caseChecks.caseId, caseId)).all()).toEqual([]);

    for (const c of [pnc, pnd, visor]) ok(performAction(caseId, { action: "add_check", check: c }, reviewer));
    await pages.send(caseId, "checks-complete", checksCompleteRoute, {});
    expect(errorsOf(await pages.view(caseId, "checks", checksRoute))).toEqual({ form: ["Record a result for every required check first. Still to do: Children's social care"] });
    expect(redirectedTo(await pages.send(caseId, "checks", checksRoute, { ...csc, [childPlanField(child)]: "not_known" }))).toBe(`/staff/cases/${caseId}/checks`);
    const identity = await pages.send(caseId, "identity", identityRoute, { fullName: "Confirmed Subject Name", dobDay: "4", dobMonth: "5", dobYear: "1980" });
    expect(redirectedTo(identity)).toBe(`/staff/cases/${caseId}/checks`);
    const recorded = await pages.view(caseId, "checks", checksRoute);
    expect(recorded.identity).toEqual([{ key: "Full name", value: "Confirmed Subject Name", field: "fullName" }, { key: "Date of birth", value: "4 May 1980", field: "dob" }]);
    expect(recorded.done.find((c) => c.checkType === "Children's social care")?.plans).toEqual(["Casey Checks: Not known to children's social care"]);
    expect(recorded.missing).toEqual([]);

    // Checks complete and assessed: the manager's decision page shows what the checks confirmed.
    expect(redirectedTo(await pages.send(caseId, "checks-complete", checksCompleteRoute, {}))).toBe(`/staff/cases/${caseId}/assessment`);
    ok(performAction(caseId, { action: "submit_assessment", data: assessment("no_disclosure") }, reviewer));
    const decisionPage = await (await CasePages.of(people.managerA.user)).view(caseId, "decision", decisionRoute);
    expect(decisionPage.evidence.identity.map((r) => r.value)).toEqual(["Confirmed Subject Name", "4 May 1980"]);
    expect(decisionPage.evidence.checks.find((c) => c[0] === "Children's social care")?.[1]).toContain("Casey Checks: Not known to children's social care");
  });

  it("decision: signing needs a code, and an approval of an assessment replaced since the page was read is refused", async () => {
    const { caseId } = await caseAtDecision(people.reviewer.user, "no_disclosure");
    const a = await CasePages.of(people.managerA.user);
    const readByA = await a.view(caseId, "decision", decisionRoute);
    expect(readByA.blocked).toBeNull();
    const approval = { assessmentId: String(readByA.assessmentId), decision: "approve", reasons: "No convictions: nothing to disclose." };

    // Without a code nothing is signed.
    expect(redirectedTo(await a.send(caseId, "decision", decisionRoute, approval))).toBe(`/staff/cases/${caseId}/decision`);
    expect(errorsOf(await a.view(caseId, "decision", decisionRoute))).toEqual({ code: ["Enter the current code from your authenticator app to sign the decision"] });
    expect(decisionsOf(caseId)).toEqual([]);

    // Meanwhile B returns it and the reviewer resubmits "disclose to Unseen Recipient".
    const b = await CasePages.of(people.managerB.user);
    await b.send(caseId, "decision", decisionRoute, { assessmentId: String(readByA.assessmentId), decision: "return", reasons: "Look again at the intelligence." });
    expect(caseRow(caseId).status).toBe("assessment");
    ok(performAction(caseId, { action: "submit_assessment", data: assessment("disclose", { csoConvictions: "no", registeredSexOffender: "no", otherConvictions: "Assault 2019", intelligence: "Seen loitering near the school.", recipientName: "Unseen Recipient" }) }, people.reviewer.user));

    // A signs the page read earlier, with a good code: refused, nothing signed.
    const stale = await a.send(caseId, "decision", decisionRoute, { ...approval, code: codeOf(people.managerA.totpSecret) });
    expect(redirectedTo(stale)).toBe(`/staff/cases/${caseId}/decision`);
    const refused = await a.view(caseId, "decision", decisionRoute);
    expect(refused.hasErrors).toBe(true);
    expect(errorsOf(refused)).toEqual({ form: [STALE_ASSESSMENT] });
    expect(STALE_ASSESSMENT).toBe("The assessment changed since you opened it — read it again");
    expect(decisionsOf(caseId).map((d) => d.decision)).toEqual(["return"]);
    expect(caseRow(caseId).status).toBe("decision");
    // Read again, the new version is what A sees.
    const again = await a.view(caseId, "decision", decisionRoute);
    expect(again.evidence.assessment).toContainEqual(expect.objectContaining({ value: "Unseen Recipient" }));
    expect(again.evidence.assessedBy).toMatch(/\(version 2\)$/);
  });

  it("decision: 'no disclosure' despite convictions needs the rationale, then a second manager's signature on the same page", async () => {
    const { caseId } = await caseAtDecision(people.reviewer.user, "no_disclosure", { convictions: true, assessment: { csoConvictions: "yes", registeredSexOffender: "yes" } });
    const first = await insertStaff(["manager"]);
    const a = await CasePages.of(first.user);
    const { assessmentId } = await a.view(caseId, "decision", decisionRoute);
    const approval = { assessmentId: String(assessmentId), decision: "approve", reasons: "Disclosure is not necessary now." };
    await a.send(caseId, "decision", decisionRoute, { ...approval, code: "000000" });
    expect(errorsOf(await a.view(caseId, "decision", decisionRoute))).toEqual({ departureRationale: ["This decision departs from the presumption to disclose: give the rationale"] });
    expect(decisionsOf(caseId)).toEqual([]);

    const signed = await a.send(caseId, "decision", decisionRoute, { ...approval, departureRationale: "The subject is in prison until 2040 and has no contact.", code: codeOf(first.totpSecret) });
    expect(redirectedTo(signed)).toBe(`/staff/cases/${caseId}/decision`);
    expect(caseRow(caseId).status).toBe("decision");
    expect(decisionsOf(caseId)).toEqual([expect.objectContaining({ decision: "approve", outcome: "no_disclosure", departure: "convictions_not_disclosed" })]);
    // The first signer is shown the decision waiting, and why they cannot sign again.
    const waiting = await a.view(caseId, "decision", decisionRoute);
    expect(waiting.caseHeader.notice).toBe("Decision signed");
    expect(waiting.pending).toMatchObject({ rationale: "The subject is in prison until 2040 and has no contact." });
    expect(waiting.blocked).toBe("You signed this decision, so another manager must give the second signature");

    const second = await insertStaff(["manager"]);
    const b = await CasePages.of(second.user);
    const toSign = await b.view(caseId, "decision", decisionRoute);
    expect(toSign.blocked).toBeNull();
    expect(toSign.pending).toMatchObject({ what: "Approved the recommendation: No disclosure", rationale: "The subject is in prison until 2040 and has no contact." });
    const countersigned = await b.send(caseId, "decision", decisionRoute, { intent: "countersign", decisionId: String(toSign.pending!.id), code: codeOf(second.totpSecret) });
    expect(redirectedTo(countersigned)).toBe(`/staff/cases/${caseId}`);
    expect(caseRow(caseId)).toMatchObject({ status: "delivery", presumptionDeparture: true });
    const casePage = await b.view(caseId, "", caseRoute);
    expect(casePage).toMatchObject({ stage: "Disclosure or outcome to deliver", departure: true });
  });

  it("delivery: a verified applicant who is not the recipient is told only the controlled wording, by a safe route; a contradictory closure is refused", async () => {
    const { caseId } = await caseAtDecision(people.reviewer.user, "no_disclosure");
    ok(decide(caseId, managerA, "approve"));
    const pages = await CasePages.of(people.reviewer.user);
    const page = await pages.view(caseId, "delivery", deliveryRoute);
    expect(page.delivery.policy.kind).toBe("controlled");
    const wording = page.delivery.applicantWording;
    expect(wording).toMatch(/^The police have considered your application under the Child Sex Offender Disclosure Scheme/);
    expect(wording).not.toMatch(/no disclosure|convict|record/i);
    expect(page.routes).toEqual({ email: "Email" });
    const when = today();
    const saved = await pages.send(caseId, "delivery", deliveryRoute, { decisionId: String(page.delivery.decision!.id), messageRoute: "email", messageDay: when.day, messageMonth: when.month, messageYear: when.year, messageTime: when.time });
    expect(redirectedTo(saved)).toBe(`/staff/cases/${caseId}`);
    expect(caseRow(caseId).status).toBe("closure");
    const delivery = deliveryOf(caseId)!;
    expect(delivery).toMatchObject({ kind: "outcome", messagePolicy: "controlled", messageWords: wording, messageRoute: "email" });
    expect(Date.parse(String(delivery.messageAt))).toBeGreaterThan(0);

    // Closing with Disclosure + No disclosure + Withdrawn is refused; nothing changes.
    const forged = await pages.send(caseId, "close", closeRoute, { outcomes: ["disclosure_cso", "no_disclosure", "withdrawn"] });
    expect(redirectedTo(forged)).toBe(`/staff/cases/${caseId}/close`);
    const closePage = await pages.view(caseId, "close", closeRoute);
    expect(errorsOf(closePage).form?.[0]).toMatch(/is recorded from the decision and the delivery|closes a case early/);
    expect(closePage.settled).toEqual(["No disclosure"]);
    expect(caseRow(caseId).status).toBe("closure");
    const outcomes = () => getDb().select().from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all().map((o) => o.code);
    expect(outcomes()).not.toContain("withdrawn");
    expect(outcomes()).not.toContain("disclosure_cso");
    expect(redirectedTo(await pages.send(caseId, "close", closeRoute, {}))).toBe(`/staff/cases/${caseId}`);
    expect(outcomes()).toEqual(["no_disclosure"]);
  });

  it("delivery: only the approved recipient and wording can be recorded, never dated before the decision or for another decision; the access log names them and the decision", async () => {
    const { caseId } = await caseAtDecision(people.reviewer.user, "disclose", { assessment: { recipientName: "Canary Recipient", proposedWording: "WordingCanary The person has convictions." } });
    ok(decide(caseId, managerA, "approve"));
    const decision = decisionsOf(caseId).at(-1)!;
    expect(decision).toMatchObject({ decision: "approve", outcome: "disclose", assessmentVersion: 1, recipientName: "Canary Recipient", wording: "WordingCanary The person has convictions." });
    const pages = await CasePages.of(people.reviewer.user);
    const page = await pages.view(caseId, "delivery", deliveryRoute);
    expect(page.delivery.decision).toMatchObject({ id: decision.id, recipientName: "Canary Recipient", wording: "WordingCanary The person has convictions." });
    const when = today();
    const base = {
      decisionId: String(decision.id), deliveredDay: when.day, deliveredMonth: when.month, deliveredYear: when.year, place: "Station", officers: "PC 1",
      warningsGiven: "Confidential", undertaking: "signed", messageRoute: "email", messageDay: when.day, messageMonth: when.month, messageYear: when.year,
      recipientName: "Someone Else", wordingUsed: "COMPLETELY DIFFERENT WORDING",
    };
    await pages.send(caseId, "delivery", deliveryRoute, { ...base, deliveredTime: "0:00", messageTime: "0:00" });
    expect(errorsOf(await pages.view(caseId, "delivery", deliveryRoute)).deliveredTime?.[0]).toMatch(/^The date and time cannot be before the decision was signed/);
    await pages.send(caseId, "delivery", deliveryRoute, { ...base, decisionId: String(decision.id - 1), deliveredTime: when.time, messageTime: when.time });
    expect(errorsOf(await pages.view(caseId, "delivery", deliveryRoute)).form?.[0]).toMatch(/The decision changed since you opened this page/);
    expect(deliveryOf(caseId)).toBeUndefined();

    // Typed names and words are ignored: the decision's are recorded, and logged with its id.
    const saved = await pages.send(caseId, "delivery", deliveryRoute, { ...base, deliveredTime: when.time, messageTime: when.time });
    expect(redirectedTo(saved)).toBe(`/staff/cases/${caseId}`);
    expect(deliveryOf(caseId)).toMatchObject({ kind: "disclosure", decisionId: decision.id, recipientName: "Canary Recipient", wordingUsed: "WordingCanary The person has convictions.", undertaking: "signed" });
    const rows = getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, String(caseId)), eq(schema.auditLog.action, "disclosure"))).all();
    expect(rows).toEqual([expect.objectContaining({ actorId: people.reviewer.user.id, recipient: "Canary Recipient", reason: `disclosure under the Child Sex Offender Disclosure Scheme, as approved in decision ${decision.id}` })]);
  });

  it("delivery: an unverified applicant is offered no outcome message under the scheme", async () => {
    const { caseId } = await caseAtDecision(people.reviewer.user, "no_disclosure", { verification: "not_verified" });
    ok(decide(caseId, managerA, "approve"));
    const pages = await CasePages.of(people.reviewer.user);
    const page = await pages.view(caseId, "delivery", deliveryRoute);
    expect(page.delivery.policy).toEqual({ kind: "none", reason: expect.stringMatching(/^The applicant was not verified, so they are told nothing under the scheme\./) });
    expect(page.routes).toBeNull();
    // The page as rendered (moved from decision-chain.spec.ts: the verified applicant's page is scanned
    // there): it says so, and offers neither a route nor the controlled wording.
    const shown = await renderPage(deliveryRoute, page, `/staff/cases/${caseId}/delivery`);
    expect(textOf(shown, "body")).toContain("No outcome message under the scheme. The applicant was not verified, so they are told nothing under the scheme.");
    expect([...shown.querySelectorAll("legend")].map((l) => l.textContent?.trim())).not.toContain("How the applicant was told");
    expect(shown.querySelectorAll("input[name=messageRoute]")).toHaveLength(0);
    expect(shown.querySelector("[data-testid=applicant-wording]")).toBeNull();
    // A forged route is refused (none is offered); saved without one, nothing is said to the applicant.
    await pages.send(caseId, "delivery", deliveryRoute, { decisionId: String(page.delivery.decision!.id), messageRoute: "email" });
    expect(errorsOf(await pages.view(caseId, "delivery", deliveryRoute))).toEqual({ messageRoute: ["Use only a route the applicant said is safe"] });
    expect(deliveryOf(caseId)).toBeUndefined();
    const saved = await pages.send(caseId, "delivery", deliveryRoute, { decisionId: String(page.delivery.decision!.id) });
    expect(redirectedTo(saved)).toBe(`/staff/cases/${caseId}`);
    expect(deliveryOf(caseId)).toMatchObject({ kind: "outcome", messagePolicy: "none", messageWords: null, messageRoute: null, messageAt: null });
  });
});
