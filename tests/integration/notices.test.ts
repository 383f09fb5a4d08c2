// One way to say "saved" (services/notice.server.ts): an action redirects with a notice kept on the
// server-side session; the page it goes to shows it once; a reload, or any other page, does not.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as scopePage from "~/routes/staff.cases.$caseId_.scope";
import * as riskCheckPage from "~/routes/staff.cases.$caseId_.risk-check";
import * as settingsPage from "~/routes/staff.admin.settings";
import { getDb, schema } from "~/services/db.server";
import { redirectWithNotice, takeNotice } from "~/services/notice.server";
import { submitTestCase } from "../support/cases";
import { insertStaff, signedIn } from "../support/staff";

const BASE = "http://localhost:3000";
const context = { cspNonce: "t", requestId: "notices-test", clientIp: "127.0.0.1" };
const get = (path: string, cookie: string) => new Request(BASE + path, { headers: { Cookie: cookie } });
const post = (path: string, body: Record<string, string>, cookie: string) =>
  new Request(BASE + path, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
const waiting = (sessionId: string) =>
  getDb().select({ notice: schema.staffSessions.notice }).from(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)).get()?.notice;

async function reviewer() {
  const { user } = await insertStaff(["reviewer"]);
  return signedIn(user.id);
}

describe("notices", () => {
  it("shows the case page's notice once after taking a case, and not after a reload", async () => {
    const { caseId, reference } = await submitTestCase({ childName: "Notice Child", subjectName: "Notice Subject" });
    const { cookie, csrfToken, sessionId } = await reviewer();
    const response = (await casePage.action({ request: post(`/staff/cases/${caseId}`, { csrf: csrfToken, intent: "take" }, cookie), params: { caseId: String(caseId) }, context })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/staff/cases/${caseId}`);
    // Nothing travels with the redirect: no cookie, no query string. The notice waits on the session.
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(waiting(sessionId)).toEqual({ path: `/staff/cases/${caseId}`, text: "You have taken this case" });

    const view = () => casePage.loader({ request: get(`/staff/cases/${caseId}`, cookie), params: { caseId: String(caseId) }, context });
    const first = await view();
    expect(first.notice).toBe("You have taken this case");
    expect(first.reference).toBe(reference);
    expect(waiting(sessionId)).toBeNull();
    expect((await view()).notice).toBeNull();
  });

  it("takes a saved stage form to the next form with its notice, shown there once", async () => {
    const { caseId } = await submitTestCase();
    const { cookie, csrfToken } = await reviewer();
    const params = { caseId: String(caseId) };
    const form = await riskCheckPage.loader({ request: get(`/staff/cases/${caseId}/risk-check`, cookie), params, context });
    const answers = { ...form.defaults, immediateRisk: "no", actions: "none", suspectedAbuse: "no" };
    const response = (await riskCheckPage.action({ request: post(`/staff/cases/${caseId}/risk-check`, { csrf: csrfToken, ...answers }, cookie), params, context })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/staff/cases/${caseId}/scope`);
    const view = () => scopePage.loader({ request: get(`/staff/cases/${caseId}/scope`, cookie), params, context });
    expect((await view()).caseHeader.notice).toBe("Immediate-risk check saved");
    expect((await view()).caseHeader.notice).toBeNull();
  });

  it("drops a notice meant for another page instead of showing it on the wrong one", async () => {
    const { caseId } = await submitTestCase();
    const { cookie, sessionId } = await reviewer();
    await redirectWithNotice(get(`/staff/cases/${caseId}`, cookie), "/staff/cases/999999", "Check recorded");
    const page = await casePage.loader({ request: get(`/staff/cases/${caseId}`, cookie), params: { caseId: String(caseId) }, context });
    expect(page.notice).toBeNull();
    expect(waiting(sessionId)).toBeNull();
  });

  it("keeps one notice per session (the latest), cut to 300 characters, and ignores a request without a session", async () => {
    const { cookie, sessionId } = await reviewer();
    const request = get("/staff", cookie);
    await redirectWithNotice(request, "/staff/cases?queue=mine", "First");
    await redirectWithNotice(request, "/staff/cases?queue=mine#row", "x".repeat(400));
    expect(waiting(sessionId)).toEqual({ path: "/staff/cases", text: "x".repeat(300) });
    const session = getDb().select().from(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)).get()!;
    expect(takeNotice(get("/staff/cases?queue=all_open", cookie), session)).toBe("x".repeat(300));
    // The same session object again (a second view that loaded it before the first took it): nothing.
    expect(takeNotice(get("/staff/cases", cookie), session)).toBeNull();

    const anonymous = await redirectWithNotice(new Request(`${BASE}/staff`), "/staff/cases", "Nobody's");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("Location")).toBe("/staff/cases");
  });

  it("says the settings are saved once, with no ?saved in the address", async () => {
    const { user } = await insertStaff(["admin"]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const view = () => settingsPage.loader({ request: get("/staff/admin/settings", cookie), params: {}, context });
    const before = await view();
    expect(before.notice).toBeNull();
    const response = (await settingsPage.action({ request: post("/staff/admin/settings", { ...before.values, csrf: csrfToken }, cookie), params: {}, context })) as Response;
    expect(response.headers.get("Location")).toBe("/staff/admin/settings");
    expect((await view()).notice).toBe("Settings saved");
    expect((await view()).notice).toBeNull();
  });
});
