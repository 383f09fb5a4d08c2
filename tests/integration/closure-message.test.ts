// "Tell the applicant the case is closed" (issue 12): only once closed, only to a verified applicant,
// only by a safe route they gave; email through the outbox with nothing of the case in it; what was
// said, by which route and when is recorded, with a timeline event and s.62 rows.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { CLOSURE_WORDS } from "~/domain/closure-message";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as tellApplicant from "~/routes/staff.cases.$caseId_.tell-applicant";
import { performAction } from "~/services/case-actions.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { assessment, decide, deliver, mandatoryChecks } from "../support/casework";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let manager: Staff;
let session: { cookie: string; csrfToken: string };

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
  session = await signedIn(reviewer.id);
});

const context = { cspNonce: "t", requestId: "closure-message-test", clientIp: "127.0.0.1" };
const url = (caseId: number) => `http://localhost:3000/staff/cases/${caseId}/tell-applicant`;
/** The page; after a refused post, with the flash cookie that post set (its errors show once). */
const load = async (caseId: number, after?: Response) => {
  const flash = after?.headers.get("Set-Cookie")?.split(";")[0];
  const cookie = flash ? `${session.cookie}; ${flash}` : session.cookie;
  return tellApplicant.loader({ request: new Request(url(caseId), { headers: { Cookie: cookie } }), context, params: { caseId: String(caseId) } } as never);
};
const send = (caseId: number, body: Record<string, string>) =>
  tellApplicant.action({
    request: new Request(url(caseId), {
      method: "POST",
      body: new URLSearchParams({ csrf: session.csrfToken, ...body }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie, Origin: "http://localhost:3000" },
    }),
    context,
    params: { caseId: String(caseId) },
  } as never);
const recordsOf = (caseId: number) =>
  getDb().select().from(schema.caseRecords).where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, "closure_message"))).all();
const auditOf = (caseId: number) =>
  getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(caseId)))).all();

/** A case taken to closure (no disclosure) through the real state machine. */
async function closedCase(verification: "verified" | "not_verified", contact: Record<string, string | readonly string[]>, close = true) {
  const { caseId, reference } = await submitTestCase({ contact, childName: "Casey Closure", subjectName: "Sam Closure" });
  const steps = [
    { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } },
    { action: "scope_in", data: { inScope: true } },
    { action: "verification", data: { result: verification } },
  ] as const;
  for (const step of steps) expect(performAction(caseId, step, reviewer, "t")).toMatchObject({ ok: true });
  for (const c of mandatoryChecks(false)) expect(performAction(caseId, { action: "add_check", check: c }, reviewer)).toMatchObject({ ok: true });
  expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: true });
  expect(performAction(caseId, { action: "submit_assessment", data: assessment("no_disclosure") }, reviewer)).toMatchObject({ ok: true });
  expect(decide(caseId, manager, "approve", { reasons: "Agreed" })).toMatchObject({ ok: true });
  expect(deliver(caseId, reviewer, false)).toMatchObject({ ok: true });
  if (close) expect(performAction(caseId, { action: "close", outcomes: ["no_disclosure"] }, reviewer)).toMatchObject({ ok: true, status: "closed" });
  return { caseId, reference };
}

describe("telling the applicant the case is closed", () => {
  it("by email: queued through the outbox with the reference and the closure words only, and recorded", async () => {
    const email = "told.closed@example.org";
    const { caseId, reference } = await closedCase("verified", { methods: ["email"], email, leaveMessages: "no" });
    expect((await casePage.loader({ request: new Request(`http://localhost:3000/staff/cases/${caseId}`, { headers: { Cookie: session.cookie } }), context, params: { caseId: String(caseId) } } as never)).canTellApplicant).toBe(true);
    const page = await load(caseId);
    expect(page).toMatchObject({ blocked: null, routes: { email: "Email" }, told: [] });

    const response = await send(caseId, { route: "email" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/staff/cases/${caseId}`);

    const mail = getDb().select().from(schema.outbox).where(eq(schema.outbox.toAddress, email)).all().filter((m) => m.kind === "closure_message");
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain(reference);
    expect(mail[0].textBody).toContain(CLOSURE_WORDS);
    // Nothing of the case: no names, no concern, no outcome, no scheme.
    expect(`${mail[0].subject} ${mail[0].textBody}`).not.toMatch(/Casey|Sam Closure|Alex|disclos|sex offender|alone with her/i);

    expect(recordsOf(caseId)).toMatchObject([{ version: 1, recordedBy: reviewer.id, data: { route: "email", words: CLOSURE_WORDS } }]);
    const events = getDb().select().from(schema.caseEvents).where(and(eq(schema.caseEvents.caseId, caseId), eq(schema.caseEvents.type, "applicant_told_closed"))).all();
    expect(events.map((e) => e.summary)).toEqual(["Applicant told the case is closed: email queued"]);
    expect(auditOf(caseId).filter((a) => a.action === "disclosure" && a.reason === "applicant told the case is closed by email")).toMatchObject([{ recipient: "the applicant", actorId: reviewer.id }]);
    // The page lists what they were told.
    const after = await load(caseId);
    expect(after.told[0].rows).toEqual(expect.arrayContaining([{ key: "How they were told", value: "Email" }, { key: "What they were told", value: CLOSURE_WORDS }]));
  });

  it("by phone or letter: the date is needed, and only a route they gave is accepted", async () => {
    const { caseId } = await closedCase("verified", { methods: ["phone", "letter"], phone: "07700 900 982", leaveMessages: "no" });
    expect(await load(caseId)).toMatchObject({ blocked: null, routes: { phone: "Phone call or text message", letter: "Letter to your address" } });
    const noDate = await send(caseId, { route: "phone" });
    expect(noDate.headers.get("Location")).toBe(`/staff/cases/${caseId}/tell-applicant`);
    expect((await load(caseId, noDate)).lastResult?.error).toMatchObject({ told: ["Enter the date you told them"] });
    const notSafe = await send(caseId, { route: "email" });
    expect((await load(caseId, notSafe)).lastResult?.error).toMatchObject({ route: ["Use only a route the applicant said is safe"] });
    expect(recordsOf(caseId)).toEqual([]);

    const today = new Date();
    await send(caseId, { route: "letter", toldDay: String(today.getDate()), toldMonth: String(today.getMonth() + 1), toldYear: String(today.getFullYear()), notes: "Posted first class" });
    expect(recordsOf(caseId)).toMatchObject([{ data: { route: "letter", notes: "Posted first class" } }]);
    expect(getDb().select().from(schema.outbox).where(eq(schema.outbox.kind, "closure_message")).all().every((m) => m.toAddress !== "07700 900 982")).toBe(true);
  });

  it("is not offered before closure, or to an applicant who was not verified", async () => {
    const open = await closedCase("verified", { methods: ["email"], email: "open.case@example.org", leaveMessages: "no" }, false);
    expect(await load(open.caseId)).toMatchObject({ blocked: "The case is not closed yet" });
    const refused = await send(open.caseId, { route: "email" });
    expect(refused.headers.get("Location")).toBe(`/staff/cases/${open.caseId}/tell-applicant`);
    expect(recordsOf(open.caseId)).toEqual([]);

    const unverified = await closedCase("not_verified", { methods: ["email"], email: "unverified@example.org", leaveMessages: "no" });
    expect(await load(unverified.caseId)).toMatchObject({ blocked: "The applicant was not verified, so they are told nothing under the scheme" });
    await send(unverified.caseId, { route: "email" });
    expect(recordsOf(unverified.caseId)).toEqual([]);
    expect(getDb().select().from(schema.outbox).where(eq(schema.outbox.toAddress, "unverified@example.org")).all().filter((m) => m.kind === "closure_message")).toEqual([]);
  });
});
