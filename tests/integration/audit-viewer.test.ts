import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as csvRoute from "~/routes/staff.audit.export[.]csv";
import * as jsonRoute from "~/routes/staff.audit.export[.]json";
import * as pageRoute from "~/routes/staff.audit._index";
import { performAction } from "~/services/case-actions.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { renderPage, textOf } from "../support/render-route";
import { insertStaff, signedIn } from "../support/staff";

const context = { cspNonce: "t", requestId: "audit-viewer-test", clientIp: "127.0.0.1" };
type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let manager: Staff;
let reviewer: Staff;
let caseA: { caseId: number; reference: string };
let caseB: { caseId: number; reference: string };
let cookie = "";

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  manager = (await insertStaff(["manager"])).user;
  reviewer = (await insertStaff(["reviewer"])).user;
  caseA = await submitTestCase();
  caseB = await submitTestCase();
  performAction(caseA.caseId, { action: "add_note", text: "A" }, reviewer);
  performAction(caseA.caseId, { action: "add_note", text: "A again" }, reviewer);
  performAction(caseB.caseId, { action: "add_note", text: "B" }, manager);
  cookie = (await signedIn(manager.id)).cookie;
});

const get = (path: string) => new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } });

describe("exporting the access log", () => {
  it("the JSON export holds exactly the rows of the filter, with the chain verification", async () => {
    const response = await jsonRoute.loader({ request: get(`/staff/audit/export.json?case=${caseA.reference}&staff=${reviewer.id}`), params: {}, context });
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="csods-access-log-.*\.json"/);
    const body = (await response.json()) as { chainVerification: { status: string }; rows: { entity_id: string; actor_id: number; action: string }[] };
    expect(body.chainVerification.status).toBe("intact");
    const expected = getDb()
      .select({ id: schema.auditLog.id })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(caseA.caseId)), eq(schema.auditLog.actorId, reviewer.id)))
      .all();
    expect(body.rows).toHaveLength(expected.length);
    expect(body.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of body.rows) expect(row).toMatchObject({ entity_id: String(caseA.caseId), actor_id: reviewer.id });
  });

  it("the CSV export starts with the chain result and escapes nothing it should not", async () => {
    const response = await csvRoute.loader({ request: get(`/staff/audit/export.csv?case=${caseB.reference}`), params: {}, context });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await response.text();
    expect(text.split("\r\n")[0]).toMatch(/^chain_verification,intact,rows,\d+,detail,[0-9a-f]{64}$/);
    const dataLines = text.split("\r\n").slice(4).filter(Boolean);
    expect(dataLines.length).toBeGreaterThanOrEqual(2);
    for (const line of dataLines) expect(line.split(",")[6]).toBe(String(caseB.caseId));
  });

  it("refuses a bad filter with 400, and reviewers with 403", async () => {
    const bad = await jsonRoute.loader({ request: get("/staff/audit/export.json?case=NOT-A-REF"), params: {}, context });
    expect(bad.status).toBe(400);
    const reviewerCookie = (await signedIn(reviewer.id)).cookie;
    await expect(
      jsonRoute.loader({ request: new Request("http://localhost:3000/staff/audit/export.json", { headers: { Cookie: reviewerCookie } }), params: {}, context }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("viewing and exporting the log are themselves logged", async () => {
    const before = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityType, "audit_log")).all().length;
    await pageRoute.loader({ request: get(`/staff/audit?action=collection`), params: {}, context });
    await csvRoute.loader({ request: get(`/staff/audit/export.csv`), params: {}, context });
    const rows = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityType, "audit_log")).all();
    expect(rows.length).toBe(before + 2);
    expect(rows.at(-2)).toMatchObject({ action: "consultation", actorId: manager.id, reason: "audit log searched: collection" });
    expect(rows.at(-1)?.reason).toMatch(/^audit log exported as csv/);
  });
});

describe("the log speaks of references and names, and keeps the ids", () => {
  it("the viewer shows the case reference and the staff member's name, never 'case 12' or 'staff_user 3'", async () => {
    const data = (await pageRoute.loader({ request: get(`/staff/audit?case=${caseA.reference}`), params: {}, context })) as Awaited<ReturnType<typeof pageRoute.loader>>;
    const noteRows = data.rows.filter((r) => r.who === reviewer.displayName);
    expect(noteRows.length).toBeGreaterThanOrEqual(2);
    for (const row of data.rows) {
      expect(row.what).toBe(`Case ${caseA.reference}`);
      expect(row.what).not.toMatch(/^case \d+$/);
    }
    // The search itself is in the log, naming the member of staff searched for.
    const account = await pageRoute.loader({ request: get(`/staff/audit?staff=${manager.id}&action=consultation`), params: {}, context });
    expect(account.rows.some((r) => r.what === "The access log" && r.who === manager.displayName)).toBe(true);
    expect(account.rows.some((r) => r.why.includes(`staff ${manager.displayName} (id ${manager.id})`))).toBe(true);
  });

  it("a staff account row names the person", async () => {
    const { setActive } = await import("~/services/staff-accounts.server");
    setActive(reviewer.id, true, { kind: "staff", id: manager.id });
    const data = await pageRoute.loader({ request: get(`/staff/audit?staff=${manager.id}&action=alteration`), params: {}, context });
    expect(data.rows.map((r) => r.what)).toContain(`Staff account: ${reviewer.displayName}`);
    expect(data.rows.map((r) => r.what).join(" ")).not.toMatch(/staff_user \d+/);
  });

  it("the JSON and CSV exports carry the reference and the names beside the ids", async () => {
    const json = await jsonRoute.loader({ request: get(`/staff/audit/export.json?case=${caseA.reference}&staff=${reviewer.id}`), params: {}, context });
    const body = (await json.json()) as { rows: { entity_id: string; entity_name: string; actor_id: number; actor_name: string }[] };
    expect(body.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of body.rows) {
      expect(row).toMatchObject({ entity_id: String(caseA.caseId), entity_name: caseA.reference, actor_id: reviewer.id, actor_name: reviewer.displayName });
    }
    const csv = await (await csvRoute.loader({ request: get(`/staff/audit/export.csv?case=${caseB.reference}`), params: {}, context })).text();
    const lines = csv.split("\r\n");
    const header = lines[3].split(",");
    expect(header).toEqual(expect.arrayContaining(["actor_id", "actor_name", "entity_id", "entity_name"]));
    const data = lines.slice(4).filter(Boolean).map((l) => l.split(","));
    expect(data.length).toBeGreaterThanOrEqual(2);
    for (const cells of data) {
      expect(cells[header.indexOf("entity_id")]).toBe(String(caseB.caseId));
      expect(cells[header.indexOf("entity_name")]).toBe(caseB.reference);
    }
    expect(data.some((cells) => cells[header.indexOf("actor_name")] === manager.displayName)).toBe(true);
  });
});

// Moved from the browser (tests/e2e/oversight.spec.ts, which keeps the axe scans, and the former
// oversight-edges.spec.ts): the filtered page as rendered, and its exports.
describe("the access log filtered by a case and an action", () => {
  it("shows the one collection row by reference and in words; its exports hold that row with the chain's result; both are logged", async () => {
    // A new application: one collection row, from the public.
    const fresh = await submitTestCase();
    const filter = `case=${fresh.reference.toLowerCase()}&action=collection`;
    const data = await pageRoute.loader({ request: get(`/staff/audit?${filter}`), params: {}, context });
    const page = await renderPage(pageRoute, data, `/staff/audit?${filter}`);
    const rows = [...page.querySelectorAll("table tbody tr")];
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain(`Case ${fresh.reference}`);
    expect(rows[0].textContent).not.toContain(`case ${fresh.caseId}`);
    expect(rows[0].textContent).toContain("Collection");
    expect(rows[0].textContent).toContain("Member of the public");

    const json = await jsonRoute.loader({ request: get(`/staff/audit/export.json?${filter}`), params: {}, context });
    const body = (await json.json()) as { chainVerification: { status: string }; rows: { action: string; entity_type: string }[] };
    expect(body.chainVerification.status).toBe("intact");
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ action: "collection", entity_type: "case" });
    const csv = await (await csvRoute.loader({ request: get(`/staff/audit/export.csv?${filter}`), params: {}, context })).text();
    expect(csv.split("\r\n")[0]).toMatch(/^chain_verification,intact,/);
    expect(csv.split("\r\n").slice(4).filter(Boolean)).toHaveLength(1);

    // The search and both exports are in the log themselves.
    const logged = await pageRoute.loader({ request: get("/staff/audit?action=consultation"), params: {}, context });
    expect(textOf(await renderPage(pageRoute, logged, "/staff/audit?action=consultation"), "table tbody")).toContain("audit log exported as json");
  });
});
