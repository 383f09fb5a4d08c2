// Safeguarding referrals and joint working (csods.md §8): the referral clock started by a
// suspicion of abuse, referrals as s.62 disclosures naming the agency, strategy discussions,
// transfers logged as disclosures to the force, and "Immediate police action" only for police action.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as referralRoute from "~/routes/staff.cases.$caseId_.referral";
import { performAction, type ReferralInput } from "~/services/case-actions.server";
import { referralsOf } from "~/services/case-view.server";
import { referralDueFor } from "~/services/case-clocks.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;

const caseRow = (id: number) => getDb().select().from(schema.cases).where(eq(schema.cases.id, id)).get()!;
const auditOf = (id: number) =>
  getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(id)))).all();
const outcomesOf = (id: number) => getDb().select().from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, id)).all().map((o) => o.code);
const eventsOf = (id: number) => getDb().select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, id)).all();

const referral = (overrides: Partial<ReferralInput> = {}): ReferralInput => ({
  agency: "Children's social care",
  agencyName: "Testshire County Council",
  team: "Front door",
  madeAt: new Date(),
  madeBy: "PC Test",
  method: "phone",
  theirReference: "CSC-123",
  sharedSummary: "Concern about contact between the subject and the child",
  suspectedAbuse: true,
  ...overrides,
});

beforeAll(async () => {
  reviewer = (await insertStaff(["reviewer"])).user;
});

describe("the referral clock", () => {
  it("starts when the immediate-risk check records suspected abuse, and joins the case's next due moment", async () => {
    const { caseId } = await submitTestCase();
    performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"], suspectedAbuse: "yes" } }, reviewer);
    const c = caseRow(caseId);
    expect(c.referralDueAt).not.toBeNull();
    expect(c.referralDueAt!.getTime()).toBe(referralDueFor(c.riskCheckedAt!).getTime());
    expect(c.nextDueAt!.getTime()).toBe(Math.min(c.referralDueAt!.getTime(), c.interviewDueAt!.getTime()));
    expect(eventsOf(caseId).map((e) => e.summary)).toContain("Immediate-risk check recorded: abuse suspected, referral to children's social care due");
  });

  it("is met by a referral to children's social care, which is an s.62 disclosure naming the agency", async () => {
    const { caseId } = await submitTestCase();
    performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"], suspectedAbuse: "yes" } }, reviewer);
    const madeAt = new Date(Date.now() - 60_000);
    expect(performAction(caseId, { action: "add_referral", referral: referral({ madeAt }) }, reviewer, "req-ref")).toMatchObject({ ok: true });
    const c = caseRow(caseId);
    expect(c.referralMadeAt).toEqual(madeAt);
    expect(c.nextDueAt).toEqual(c.interviewDueAt);
    const disclosure = auditOf(caseId).find((a) => a.action === "disclosure");
    expect(disclosure).toMatchObject({
      actorId: reviewer.id,
      recipient: "Children's social care (Testshire County Council)",
      fields: ["referral"],
      reason: "safeguarding referral to a partner agency",
      requestId: "req-ref",
    });
    expect(eventsOf(caseId).map((e) => e.summary)).toContain("Referral made to Children's social care (suspected abuse)");
    expect(referralsOf(caseId)).toMatchObject([{ agency: "Children's social care", agencyName: "Testshire County Council", theirReference: "CSC-123", recorderName: reviewer.displayName }]);
  });

  it("is not met by a referral to another agency", async () => {
    const { caseId } = await submitTestCase();
    performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"], suspectedAbuse: "yes" } }, reviewer);
    performAction(caseId, { action: "add_referral", referral: referral({ agency: "Health", agencyName: "Testshire NHS Trust" }) }, reviewer);
    expect(caseRow(caseId).referralMadeAt).toBeNull();
    expect(auditOf(caseId).find((a) => a.action === "disclosure")?.recipient).toBe("Health (Testshire NHS Trust)");
  });

  it("does not run when abuse is not suspected", async () => {
    const { caseId } = await submitTestCase();
    performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"], suspectedAbuse: "no" } }, reviewer);
    expect(caseRow(caseId).referralDueAt).toBeNull();
  });
});

describe("joint working", () => {
  it("records a strategy discussion from any open stage, but nothing on a closed case", async () => {
    const { caseId } = await submitTestCase();
    const data = { heldOn: "2026-11-27", agenciesPresent: "Police, children's social care", outcome: "joint_s47", notes: null };
    expect(performAction(caseId, { action: "strategy_discussion", data }, reviewer)).toMatchObject({ ok: true, status: "received" });
    expect(eventsOf(caseId).map((e) => e.summary)).toContain("Strategy discussion recorded: Joint section 47 enquiry");
    performAction(caseId, { action: "side_exit", exit: "withdrawn", data: { reason: "Withdrawn" } }, reviewer);
    expect(performAction(caseId, { action: "add_referral", referral: referral() }, reviewer)).toMatchObject({ ok: false });
  });

  it("logs a transfer to another force as a disclosure naming the force", async () => {
    const { caseId } = await submitTestCase();
    performAction(caseId, { action: "side_exit", exit: "transferred", data: { reason: "Lives in their area", transferredTo: "Testshire Police" } }, reviewer);
    const rows = auditOf(caseId);
    expect(rows.find((a) => a.action === "disclosure")).toMatchObject({ recipient: "Testshire Police", reason: "case transferred to another force" });
    expect(rows.some((a) => a.action === "alteration" && a.fields?.includes("status"))).toBe(true);
  });

  it("records Immediate police action only when police acted", async () => {
    const atRisk = (await submitTestCase()).caseId;
    performAction(atRisk, { action: "risk_check", data: { immediateRisk: "yes", actions: ["other"], actionDetails: "Told the school", suspectedAbuse: "no" } }, reviewer);
    expect(outcomesOf(atRisk)).not.toContain("immediate_police_action");
    const acted = (await submitTestCase()).caseId;
    performAction(acted, { action: "risk_check", data: { immediateRisk: "yes", actions: ["police_action"], suspectedAbuse: "yes" } }, reviewer);
    expect(outcomesOf(acted)).toContain("immediate_police_action");
  });
});

describe("the referral form", () => {
  const context = { cspNonce: "t", requestId: "referral-form", clientIp: "127.0.0.1" };
  const post = (caseId: number, body: Record<string, string>, cookie: string) =>
    referralRoute.action({
      request: new Request(`http://localhost:3000/staff/cases/${caseId}/referral`, {
        method: "POST",
        body: new URLSearchParams(body),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: "http://localhost:3000" },
      }),
      context,
      params: { caseId: String(caseId) },
    } as never);

  it("saves a valid referral and refuses an agency not in the force's list", async () => {
    const { caseId } = await submitTestCase();
    const { cookie, csrfToken } = await signedIn(reviewer.id);
    const today = new Date();
    const valid = {
      csrf: csrfToken,
      agency: "Multi-Agency Safeguarding Hub (MASH)",
      agencyName: "Testshire MASH",
      madeDay: String(today.getDate()),
      madeMonth: String(today.getMonth() + 1),
      madeYear: String(today.getFullYear()),
      madeTime: "00:01",
      madeBy: "PC Form",
      method: "mash_system",
      sharedSummary: "Shared the concern",
      suspectedAbuse: "no",
    };
    const refused = await post(caseId, { ...valid, agency: "Made up agency" }, cookie);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("Location")).toBe(`/staff/cases/${caseId}/referral`);
    expect(referralsOf(caseId)).toEqual([]);
    const saved = await post(caseId, valid, cookie);
    expect(saved.headers.get("Location")).toBe(`/staff/cases/${caseId}`);
    expect(referralsOf(caseId)).toMatchObject([{ agency: "Multi-Agency Safeguarding Hub (MASH)", agencyName: "Testshire MASH", method: "mash_system" }]);
  });
});
