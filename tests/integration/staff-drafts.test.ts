// Drafts of long staff forms over a real SQLite file: one per person, case and form; only the
// form's own fields, each cut to its maximum; saving is logged without the values; sending the
// form (or discarding) deletes it.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as assessmentPage from "~/routes/staff.cases.$caseId_.assessment";
import { DRAFT_SAVED_NOTICE } from "~/routes/__case-form.server";
import { discardStaffDraft, saveStaffDraft, staffDraft } from "~/services/staff-drafts.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { assessment } from "../support/casework";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let author: Staff;
let colleague: Staff;
let caseId: number;

const formSchema = z.object({ reasons: z.string().max(20), level: z.enum(["low", "high"]).optional() });

beforeAll(async () => {
  author = (await insertStaff(["reviewer"])).user;
  colleague = (await insertStaff(["reviewer"])).user;
  caseId = (await submitTestCase()).caseId;
});

const lastAuditOf = (actorId: number) =>
  getDb()
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.actorId, actorId), eq(schema.auditLog.entityId, String(caseId))))
    .orderBy(desc(schema.auditLog.id))
    .get();

describe("staff form drafts", () => {
  it("keeps only the form's fields, each cut to its maximum, for its author only", () => {
    saveStaffDraft(
      author,
      caseId,
      "assessment",
      { reasons: "x".repeat(500), level: "high", smuggled: "y".repeat(10_000) },
      formSchema,
      "r1",
    );
    const draft = staffDraft(author.id, caseId, "assessment");
    expect(draft?.values).toEqual({ reasons: "x".repeat(20), level: "high" });
    expect(staffDraft(colleague.id, caseId, "assessment")).toBeNull();
    expect(staffDraft(author.id, caseId, "delivery")).toBeNull();
  });

  it("a second save replaces the first", () => {
    saveStaffDraft(author, caseId, "assessment", { reasons: "first" }, formSchema);
    saveStaffDraft(author, caseId, "assessment", { reasons: "second" }, formSchema);
    expect(staffDraft(author.id, caseId, "assessment")?.values).toEqual({ reasons: "second" });
    const rows = getDb().select().from(schema.staffFormDrafts).where(eq(schema.staffFormDrafts.userId, author.id)).all();
    expect(rows).toHaveLength(1);
  });

  it("saving is logged as an alteration of the case, naming the fields and never their values", () => {
    saveStaffDraft(colleague, caseId, "delivery", { reasons: "Canary-7731" }, formSchema, "draft-req");
    const row = lastAuditOf(colleague.id);
    expect(row).toMatchObject({ action: "alteration", entityType: "case", reason: "draft saved (delivery)", requestId: "draft-req" });
    expect(JSON.stringify(row)).not.toContain("Canary-7731");
    expect(row?.fields).toContain("reasons");
  });

  it("discarding deletes only that person's draft of that form", () => {
    saveStaffDraft(author, caseId, "delivery", { reasons: "mine" }, formSchema);
    expect(discardStaffDraft(author.id, caseId, "delivery")).toBe(true);
    expect(staffDraft(author.id, caseId, "delivery")).toBeNull();
    expect(staffDraft(colleague.id, caseId, "delivery")?.values).toEqual({ reasons: "Canary-7731" });
    expect(discardStaffDraft(author.id, caseId, "delivery")).toBe(false);
  });
});

describe("the risk assessment page keeps a draft", () => {
  const BASE = "http://localhost:3000";
  const context = { cspNonce: "t", requestId: "drafts-test", clientIp: "127.0.0.1" };
  const get = (path: string, cookie: string) => new Request(BASE + path, { headers: { Cookie: cookie } });
  const post = (path: string, body: Record<string, string>, cookie: string) =>
    new Request(BASE + path, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    });

  it("'Save as draft' keeps half an assessment without errors; the page fills in from it for its author only", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { caseId } = await submitTestCase();
    getDb().update(schema.cases).set({ status: "assessment", assignedTo: user.id }).where(eq(schema.cases.id, caseId)).run();
    const { cookie, csrfToken } = await signedIn(user.id);
    const path = `/staff/cases/${caseId}/assessment`;
    const params = { caseId: String(caseId) };

    const saved = (await assessmentPage.action({ request: post(path, { csrf: csrfToken, intent: "save-draft", riskToChild: "Half-typed risk, Canary-5521" }, cookie), params, context })) as Response;
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(path);
    // Nothing was sent: the case is still at the assessment.
    expect(getDb().select({ status: schema.cases.status }).from(schema.cases).where(eq(schema.cases.id, caseId)).get()?.status).toBe("assessment");

    const page = await assessmentPage.loader({ request: get(path, cookie), params, context });
    expect(page.caseHeader.notice).toBe(DRAFT_SAVED_NOTICE);
    expect(page.hasErrors).toBe(false);
    expect(page.draft?.values).toMatchObject({ riskToChild: "Half-typed risk, Canary-5521" });
    expect(page.draft?.savedAt).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)$/);

    // A colleague on the same case sees no draft.
    const { user: colleague } = await insertStaff(["manager"]);
    const theirs = await assessmentPage.loader({ request: get(path, (await signedIn(colleague.id)).cookie), params, context });
    expect(theirs.draft).toBeNull();

    // Signed in again later (a new session), the draft is still there; the notice is not.
    const later = await signedIn(user.id);
    const again = await assessmentPage.loader({ request: get(path, later.cookie), params, context });
    expect(again.draft?.values).toMatchObject({ riskToChild: "Half-typed risk, Canary-5521" });
    expect(again.caseHeader.notice).toBeNull();

    // Sent, the draft is deleted.
    expect(staffDraft(user.id, caseId, "case-assessment")?.values).toMatchObject({ riskToChild: "Half-typed risk, Canary-5521" });
    const answers = Object.fromEntries(Object.entries(assessment("no_disclosure")).filter((e): e is [string, string] => typeof e[1] === "string"));
    const sent = (await assessmentPage.action({ request: post(path, { ...answers, csrf: later.csrfToken }, later.cookie), params, context })) as Response;
    expect(sent.headers.get("Location")).toBe(`/staff/cases/${caseId}`);
    expect(getDb().select({ status: schema.cases.status }).from(schema.cases).where(eq(schema.cases.id, caseId)).get()?.status).toBe("decision");
    expect(staffDraft(user.id, caseId, "case-assessment")).toBeNull();
  });

  it("a draft cannot be saved on a case whose assessment is not this person's to do", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { caseId } = await submitTestCase(); // still at the immediate-risk check
    const { cookie, csrfToken } = await signedIn(user.id);
    const path = `/staff/cases/${caseId}/assessment`;
    const response = (await assessmentPage.action({ request: post(path, { csrf: csrfToken, intent: "save-draft", riskToChild: "x" }, cookie), params: { caseId: String(caseId) }, context })) as Response;
    expect(response.status).toBe(303);
    expect(staffDraft(user.id, caseId, "case-assessment")).toBeNull();
  });
});
