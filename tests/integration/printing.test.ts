// Printed documents (issue 12): the disclosure record with its undertaking and the outcome letter
// are staff pages that read the case, so each view is logged as a consultation (s.62), and they
// appear only when the case has them.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_APPLICANT_WORDING } from "~/domain/decision-binding";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as disclosureRecordPage from "~/routes/staff.cases.$caseId_.disclosure-record";
import * as outcomeLetterPage from "~/routes/staff.cases.$caseId_.outcome-letter";
import { performAction } from "~/services/case-actions.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { assessment, decide, mandatoryChecks } from "../support/casework";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let manager: Staff;
let cookie = "";

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
  cookie = (await signedIn(reviewer.id)).cookie;
});

const context = { cspNonce: "t", requestId: "printing-test", clientIp: "127.0.0.1" };
async function load<T>(route: { loader: (args: never) => T }, caseId: number, path: string) {
  const request = new Request(`http://localhost:3000/staff/cases/${caseId}/${path}`, { headers: { Cookie: cookie } });
  return (await route.loader({ request, context, params: { caseId: String(caseId) } } as never)) as Awaited<T>;
}
const consultations = (caseId: number, reason: string) =>
  getDb()
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(caseId)), eq(schema.auditLog.action, "consultation"), eq(schema.auditLog.reason, reason)))
    .all();

/** A case taken to a signed decision through the real state machine. */
async function decided(recommendation: "disclose" | "no_disclosure", contact: Record<string, string | readonly string[]>) {
  const { caseId } = await submitTestCase({ contact, childName: "Casey Print" });
  const steps = [
    { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } },
    { action: "scope_in", data: { inScope: true } },
    { action: "verification", data: { result: "verified" } },
  ] as const;
  for (const step of steps) expect(performAction(caseId, step, reviewer, "t")).toMatchObject({ ok: true });
  const disclose = recommendation === "disclose";
  for (const c of mandatoryChecks(disclose)) expect(performAction(caseId, { action: "add_check", check: c }, reviewer)).toMatchObject({ ok: true });
  expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: true });
  const data = assessment(recommendation, { recipientName: disclose ? "Pat Parent" : undefined, proposedWording: disclose ? "He has convictions for offences against children." : undefined });
  expect(performAction(caseId, { action: "submit_assessment", data }, reviewer)).toMatchObject({ ok: true });
  expect(decide(caseId, manager, "approve", { reasons: "Agreed" })).toMatchObject({ ok: true, status: "delivery" });
  return caseId;
}

describe("the disclosure record", () => {
  it("shows the approved recipient and words with the undertaking, and logs the view as a consultation", async () => {
    const caseId = await decided("disclose", { methods: ["phone"], phone: "07700 900 982", leaveMessages: "no" });
    const page = await load(disclosureRecordPage, caseId, "disclosure-record");
    if (!page.ok) throw new Error(page.reason);
    expect(page.record).toMatchObject({ recipient: "Pat Parent", wording: "He has convictions for offences against children.", children: ["Casey Print"] });
    expect(page.record.undertaking).toContain("I will use it only to protect Casey Print.");
    expect(consultations(caseId, "disclosure record viewed for printing")).toHaveLength(1);
    // The case page links to it; a phone-only applicant gets no letter.
    expect((await load(casePage, caseId, "")).printable).toEqual({ disclosureRecord: true, outcomeLetter: false });
    expect(await load(outcomeLetterPage, caseId, "outcome-letter")).toMatchObject({ ok: false, reason: expect.stringMatching(/did not say a letter is a safe way/) });
  });

  it("is not offered for a case with no disclosure approved", async () => {
    const caseId = await decided("no_disclosure", { methods: ["letter"], leaveMessages: "no" });
    expect(await load(disclosureRecordPage, caseId, "disclosure-record")).toMatchObject({ ok: false });
    expect((await load(casePage, caseId, "")).printable).toEqual({ disclosureRecord: false, outcomeLetter: true });
  });
});

describe("the outcome letter", () => {
  it("goes to an applicant who chose post, in the controlled wording, and the view is logged", async () => {
    const caseId = await decided("no_disclosure", { methods: ["letter"], leaveMessages: "no" });
    const page = await load(outcomeLetterPage, caseId, "outcome-letter");
    if (!page.ok) throw new Error(page.reason);
    expect(page.letter).toMatchObject({ name: "Alex Applicant", addressLines: ["1 High Street", "Exampleton", "AB1 2CD"] });
    expect(page.letter.paragraphs).toContain(DEFAULT_APPLICANT_WORDING);
    expect(page.letter.paragraphs.join(" ")).not.toMatch(/no disclosure|Sam Subject|conviction/i);
    expect(consultations(caseId, "outcome letter viewed for printing")).toHaveLength(1);
  });
});
