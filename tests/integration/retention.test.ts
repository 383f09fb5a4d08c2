import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/services/audit.server";
import { performAction } from "~/services/case-actions.server";
import { assessment, decide, deliver, mandatoryChecks, ok } from "../support/casework";
import { getConfig } from "~/services/config.server";
import { getDb, getSqlite, schema } from "~/services/db.server";
import { decideErasure, pendingErasureCountFor, pendingErasures, proposeErasure, proposeKeep, reviewQueue } from "~/services/retention.server";
import { getStatistics } from "~/services/statistics.server";
import { submitTestCase } from "../support/cases";
import * as reviewRoute from "~/routes/staff.retention.$caseId";
import { locationOf } from "../support/routes";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let manager: Staff;

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
});

/** A case taken to a recorded disclosure and closed, with notes, checks and a decision. */
async function closedDisclosureCase() {
  const { caseId, reference } = await submitTestCase({ childName: "Erasable Child", subjectName: "Erasable Subject" });
  ok(performAction(caseId, { action: "risk_check", data: { immediateRisk: "no" } }, reviewer));
  ok(performAction(caseId, { action: "scope_in", data: {} }, reviewer));
  ok(performAction(caseId, { action: "verification", data: { result: "verified" } }, reviewer));
  for (const c of mandatoryChecks(true)) ok(performAction(caseId, { action: "add_check", check: { ...c, doneBy: "PC Erasable", resultSummary: "Erasable conviction" } }, reviewer));
  ok(performAction(caseId, { action: "complete_checks" }, reviewer));
  ok(performAction(caseId, { action: "submit_assessment", data: assessment("disclose", { recipientName: "Erasable Parent", proposedWording: "Erasable words" }) }, reviewer));
  ok(decide(caseId, manager, "approve", { reasons: "Erasable reasons" }));
  ok(deliver(caseId, reviewer, true));
  ok(performAction(caseId, { action: "add_note", text: "Erasable note" }, reviewer));
  ok(
    performAction(
      caseId,
      {
        action: "add_referral",
        referral: { agency: "Children's social care", agencyName: "Leeds City Council", team: "Erasable team", madeAt: new Date(), madeBy: "PC Erasable", method: "phone", theirReference: "Erasable-123", sharedSummary: "Erasable summary of the child", suspectedAbuse: true },
      },
      reviewer,
    ),
  );
  ok(performAction(caseId, { action: "close", outcomes: ["disclosure_cso"] }, reviewer));
  return { caseId, reference };
}

describe("retention review and erasure", () => {
  it("sets the review date at closure from the longest period of the outcomes", async () => {
    const { caseId } = await closedDisclosureCase();
    const c = getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!;
    expect(c.reviewDueAt!.getUTCFullYear() - c.closedAt!.getUTCFullYear()).toBe(10);
    expect(reviewQueue(new Date(c.reviewDueAt!.getTime() + 1)).map((r) => r.id)).toContain(caseId);
    expect(reviewQueue(new Date(c.reviewDueAt!.getTime() - 1)).map((r) => r.id)).not.toContain(caseId);
  });

  it("keep sets a new review date at once", async () => {
    const { caseId } = await closedDisclosureCase();
    const next = new Date(Date.UTC(2040, 0, 1));
    proposeKeep(caseId, next, "Subject still in contact with children", reviewer);
    expect(getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!.reviewDueAt).toEqual(next);
  });

  it("erasure needs a manager who did not propose it, removes every personal field, and leaves the statistics unchanged", async () => {
    const { caseId, reference } = await closedDisclosureCase();
    const range = { from: "2000-01-01", to: "2100-12-31" };
    const before = getStatistics(range);

    proposeErasure(caseId, "Review period passed", manager);
    expect(() => decideErasure(caseId, true, "ok", reviewer)).toThrow(/manager/);
    expect(() => decideErasure(caseId, true, "ok", manager)).toThrow(/another manager/);
    const otherManager = (await insertStaff(["manager"])).user;
    decideErasure(caseId, true, "Approved", otherManager, "erase-test");

    // Read the database directly: nothing personal is left anywhere for this case.
    const sqlite = new Database(getConfig().databasePath, { readonly: true });
    const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table} where case_id = ?`).get(caseId) as { n: number }).n;
    for (const table of ["case_people", "case_records", "case_checks", "case_notes", "case_decisions"]) expect(count(table), table).toBe(0);
    const row = sqlite.prepare("select * from cases where id = ?").get(caseId) as Record<string, unknown>;
    expect(row).toMatchObject({ concern: "", contact_details: null, reference });
    expect(row.erased_at).not.toBeNull();
    const everything = JSON.stringify([
      row,
      sqlite.prepare("select * from case_events where case_id = ?").all(caseId),
      sqlite.prepare("select * from retention_reviews where case_id = ?").all(caseId),
      sqlite.prepare("select * from case_referrals where case_id = ?").all(caseId),
    ]);
    // The referral stays for the statistics (agency, when, suspected abuse), its free text gone.
    expect(sqlite.prepare("select agency, agency_name, suspected_abuse, shared_summary, their_reference from case_referrals where case_id = ?").all(caseId)).toEqual([
      { agency: "Children's social care", agency_name: "Leeds City Council", suspected_abuse: 1, shared_summary: "", their_reference: null },
    ]);
    expect(everything).not.toMatch(/Erasable/);
    // The s.62 log keeps what the law asks of a disclosure log (who received it) and nothing else.
    const audit = sqlite.prepare("select action, reason, recipient, fields from audit_log where entity_type = 'case' and entity_id = ?").all(String(caseId)) as { action: string; recipient: string | null }[];
    expect(audit.filter((a) => JSON.stringify(a).includes("Erasable"))).toEqual([
      expect.objectContaining({ action: "disclosure", recipient: "Erasable Parent" }),
    ]);
    sqlite.close();

    // The erasure audit row holds metadata only, and the chain still verifies.
    const erasure = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.action, "erasure")).all().find((a) => a.entityId === String(caseId));
    expect(erasure).toMatchObject({ actorId: otherManager.id, requestId: "erase-test" });
    expect(erasure?.fields).toContain("case_people");
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);

    expect(getStatistics(range)).toEqual(before);
  });

  it("the locked tables still refuse deletion of a case that is not erased", async () => {
    const { caseId } = await closedDisclosureCase();
    const sqlite = new Database(getConfig().databasePath);
    expect(() => sqlite.prepare("delete from case_decisions where case_id = ?").run(caseId)).toThrow(/only be removed by erasure/);
    expect(() => sqlite.prepare("delete from case_records where case_id = ?").run(caseId)).toThrow(/only be removed by erasure/);
    sqlite.close();
  });

  it("a proposed erasure is listed for managers, whatever its review date, and emailed to the other managers without personal data", async () => {
    const { caseId, reference } = await closedDisclosureCase();
    // Not yet due for review: before, such a proposal appeared in no list at all.
    const c = getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!;
    expect(reviewQueue(new Date()).map((r) => r.id)).not.toContain(caseId);
    expect(c.reviewDueAt!.getTime()).toBeGreaterThan(Date.now());
    const secondManager = (await insertStaff(["manager"])).user;
    const before = getDb().select({ id: schema.outbox.id }).from(schema.outbox).all().length;

    proposeErasure(caseId, "Erasable reason naming Erasable Child", manager);

    const forSecond = pendingErasures(secondManager).find((p) => p.caseId === caseId);
    expect(forSecond).toMatchObject({ reference, proposer: manager.displayName, canDecide: true });
    expect(pendingErasures(manager).find((p) => p.caseId === caseId)).toMatchObject({ canDecide: false });
    expect(pendingErasures(reviewer).find((p) => p.caseId === caseId)).toMatchObject({ canDecide: false });
    expect(pendingErasureCountFor(secondManager)).toBeGreaterThanOrEqual(1);
    expect(pendingErasureCountFor(reviewer)).toBe(0);

    const mail = getDb().select().from(schema.outbox).all().slice(before);
    const erasureMail = mail.filter((m) => m.kind === "erasure_proposed" && m.subject.includes(reference));
    const recipients = erasureMail.map((m) => m.toAddress);
    expect(recipients).toContain(secondManager.email);
    expect(recipients).not.toContain(manager.email); // the proposer cannot decide it
    expect(recipients).not.toContain(reviewer.email);
    for (const m of erasureMail) {
      expect(m.textBody).toContain(`/staff/retention/${caseId}`);
      expect(`${m.subject}\n${m.textBody}`).not.toMatch(/Erasable/);
    }

    decideErasure(caseId, false, "Keep it", secondManager);
    expect(pendingErasures(secondManager).map((p) => p.caseId)).not.toContain(caseId);
  });

  it("the review page checks the answers on the server: every error at once, the wrong date parts named, and a good keep saved", async () => {
    const { caseId } = await closedDisclosureCase();
    const { cookie, csrfToken } = await signedIn(reviewer.id);
    const context = { cspNonce: "t", requestId: "retention-page-test", clientIp: "127.0.0.1" };
    const path = `http://localhost:3000/staff/retention/${caseId}`;
    const params = { caseId: String(caseId) };
    const post = (values: Record<string, string>) =>
      reviewRoute.action({ request: new Request(path, { method: "POST", body: new URLSearchParams({ ...values, csrf: csrfToken }), headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }), params, context }) as Promise<Response>;
    const errorsAfter = async (response: Response) => {
      expect(locationOf(response)).toBe(`/staff/retention/${caseId}`);
      const flash = response.headers.get("Set-Cookie")!.split(";")[0];
      const page = (await reviewRoute.loader({ request: new Request(path, { headers: { Cookie: `${cookie}; ${flash}` } }), params, context })) as { hasErrors: boolean; lastResult: { error: Record<string, string[]> } };
      expect(page.hasErrors).toBe(true);
      return page.lastResult.error;
    };
    const dueBefore = getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!.reviewDueAt;

    expect(await errorsAfter(await post({ intent: "propose" }))).toMatchObject({ proposal: ["Select keep or erase"], reason: ["Enter the reason"] });
    expect(await errorsAfter(await post({ intent: "propose", proposal: "keep", reviewDay: "1", reviewMonth: "1", reviewYear: "2020", reason: "Still relevant" })))
      .toMatchObject({ review: ["The next review date must be in the future"] });
    const wrongDay = await errorsAfter(await post({ intent: "propose", proposal: "keep", reviewDay: "31", reviewMonth: "2", reviewYear: "2040", reason: "Still relevant" }));
    expect(wrongDay.review).toEqual(["The next review date must be a real date"]);
    expect(Object.keys(wrongDay).filter((k) => k.startsWith("review") && k !== "review")).toEqual(["reviewDay", "reviewMonth", "reviewYear"]);
    const noYear = await errorsAfter(await post({ intent: "propose", proposal: "keep", reviewDay: "1", reviewMonth: "1", reason: "Still relevant" }));
    expect(noYear).toMatchObject({ review: ["The next review date must include a year"], reviewYear: ["The next review date must include a year"] });
    expect(noYear.reviewDay).toBeUndefined();
    expect(getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!.reviewDueAt).toEqual(dueBefore);

    const saved = await post({ intent: "propose", proposal: "keep", reviewDay: "1", reviewMonth: "1", reviewYear: "2041", reason: "Still relevant" });
    expect(locationOf(saved)).toBe(`/staff/retention/${caseId}`);
    expect(saved.headers.get("Set-Cookie")).toBeNull();
    expect(getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!.reviewDueAt).toEqual(new Date(Date.UTC(2041, 0, 1)));
    const audit = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.requestId, "retention-page-test")).all();
    expect(audit.map((a) => a.reason)).toContain("retention review: keep");
  });
});
