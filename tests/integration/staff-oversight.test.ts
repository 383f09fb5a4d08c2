// Oversight of staff accounts: work email domains, deactivation only after a confirmation page,
// and the settings page that holds the domains.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as newUserRoute from "~/routes/staff.admin.users.new";
import * as deactivateRoute from "~/routes/staff.admin.users.$userId_.deactivate";
import * as userRoute from "~/routes/staff.admin.users.$userId";
import * as settingsRoute from "~/routes/staff.admin.settings";
import { workEmailProblem } from "~/domain/staff-schemas";
import { getDb, schema } from "~/services/db.server";
import { getSetting, setSetting } from "~/services/settings.server";
import { AccountError, createStaffUser, getStaff } from "~/services/staff-accounts.server";
import { renderPage, textOf } from "../support/render-route";
import { locationOf } from "../support/routes";
import { insertStaff, signedIn } from "../support/staff";

const context = { cspNonce: "t", requestId: "staff-oversight-test", clientIp: "127.0.0.1" };
const BASE = "http://localhost:3000";

async function admin() {
  const { user } = await insertStaff(["admin"]);
  const { cookie, csrfToken, sessionId } = await signedIn(user.id);
  const post = (path: string, values: Record<string, string>) =>
    new Request(BASE + path, { method: "POST", body: new URLSearchParams({ ...values, csrf: csrfToken }), headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } });
  const get = (path: string, flash?: string | null) => new Request(BASE + path, { headers: { Cookie: flash ? `${cookie}; ${flash.split(";")[0]}` : cookie } });
  return { user, cookie, sessionId, post, get };
}

afterEach(() => setSetting("staff.workEmailDomains", [], null));

describe("staff work email addresses", () => {
  it("the rule: a personal email service is never a work address; with domains set, only those and their subdomains", () => {
    expect(workEmailProblem("someone@gmail.com", [])).toBe("Enter a work email address: @gmail.com is a personal email service");
    expect(workEmailProblem("someone@GoogleMail.com", [])).toMatch(/personal email service/);
    expect(workEmailProblem("a.officer@force.police.uk", [])).toBeNull();
    expect(workEmailProblem("a.officer@force.police.uk", ["force.police.uk"])).toBeNull();
    expect(workEmailProblem("a.officer@cid.force.police.uk", ["force.police.uk"])).toBeNull();
    expect(workEmailProblem("a.officer@notforce.police.uk", ["force.police.uk"])).toBe("Enter a work email address ending in @force.police.uk");
    expect(workEmailProblem("someone@gmail.com", ["force.police.uk", "force.gov.uk"])).toBe("Enter a work email address ending in @force.police.uk or @force.gov.uk");
  });

  it("an admin adding a @gmail.com 'work email' gets a clear error on the email field, and no account is made", async () => {
    const a = await admin();
    const response = (await newUserRoute.action({ request: a.post("/staff/admin/users/new", { displayName: "Gee Mail", email: "gee.mail@gmail.com", roles: "reviewer" }), params: {}, context })) as Response;
    expect(locationOf(response)).toBe("/staff/admin/users/new");
    const page = (await newUserRoute.loader({ request: a.get("/staff/admin/users/new", response.headers.get("Set-Cookie")), params: {}, context })) as { hasErrors: boolean; lastResult: { error: Record<string, string[]> } };
    expect(page.hasErrors).toBe(true);
    expect(page.lastResult.error.email).toEqual(["Enter a work email address: @gmail.com is a personal email service"]);
    expect(getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.email, "gee.mail@gmail.com")).get()).toBeUndefined();
  });

  it("with work domains set in the settings, other domains are refused everywhere accounts are made", async () => {
    const a = await admin();
    const saved = (await settingsRoute.loader({ request: a.get("/staff/admin/settings"), params: {}, context })) as { values: Record<string, string> };
    const response = (await settingsRoute.action({ request: a.post("/staff/admin/settings", { ...saved.values, workEmailDomains: "@Force.Police.UK\nforce.gov.uk\nforce.police.uk" }), params: {}, context })) as Response;
    expect(locationOf(response)).toBe("/staff/admin/settings");
    expect(getSetting("staff.workEmailDomains")).toEqual(["force.police.uk", "force.gov.uk"]);
    expect(() => createStaffUser({ email: "x@elsewhere.example", displayName: "X", roles: ["reviewer"] }, { kind: "system" })).toThrow(AccountError);
    expect(() => createStaffUser({ email: "x@elsewhere.example", displayName: "X", roles: ["reviewer"] }, { kind: "system" })).toThrow("Enter a work email address ending in @force.police.uk or @force.gov.uk");
    const made = createStaffUser({ email: `ok.${Date.now()}@cid.force.police.uk`, displayName: "Ok Person", roles: ["reviewer"] }, { kind: "system" });
    expect(made.user.id).toBeGreaterThan(0);
  });

  it("the settings refuse a domain that is not one, or a personal email service", async () => {
    const a = await admin();
    const saved = (await settingsRoute.loader({ request: a.get("/staff/admin/settings"), params: {}, context })) as { values: Record<string, string> };
    for (const [input, message] of [
      ["not a domain", "Enter each work email domain like force.police.uk, one per line"],
      ["gmail.com", "A personal email service cannot be a work email domain"],
    ]) {
      const response = (await settingsRoute.action({ request: a.post("/staff/admin/settings", { ...saved.values, workEmailDomains: input }), params: {}, context })) as Response;
      expect(locationOf(response)).toBe("/staff/admin/settings");
      const page = (await settingsRoute.loader({ request: a.get("/staff/admin/settings", response.headers.get("Set-Cookie")), params: {}, context })) as { lastResult: { error: Record<string, string[]> } };
      expect(Object.values(page.lastResult.error).flat()).toContain(message);
    }
    expect(getSetting("staff.workEmailDomains")).toEqual([]);
  });
});

describe("deactivating a staff account", () => {
  it("asks first: the account page links to a confirmation page; only confirming deactivates and signs the person out", async () => {
    const a = await admin();
    const { user: person } = await insertStaff(["reviewer"]);
    const theirs = await signedIn(person.id);

    // The account page no longer deactivates straight from its own form.
    const direct = (await userRoute.action({ request: a.post(`/staff/admin/users/${person.id}`, { intent: "deactivate" }), params: { userId: String(person.id) }, context })) as Response;
    expect(locationOf(direct)).toBe(`/staff/admin/users/${person.id}`);
    expect(getStaff(person.id)?.active).toBe(true);

    const confirm = (await deactivateRoute.loader({ request: a.get(`/staff/admin/users/${person.id}/deactivate`), params: { userId: String(person.id) }, context })) as { name: string; email: string; roles: string };
    expect(confirm).toMatchObject({ name: person.displayName, email: person.email, roles: "Reviewer (public protection officer)" });
    expect(getStaff(person.id)?.active).toBe(true);

    const done = (await deactivateRoute.action({ request: a.post(`/staff/admin/users/${person.id}/deactivate`, { confirm: "yes" }), params: { userId: String(person.id) }, context })) as Response;
    expect(locationOf(done)).toBe(`/staff/admin/users/${person.id}`);
    expect(getStaff(person.id)).toMatchObject({ active: false });
    expect(getDb().select().from(schema.staffSessions).where(eq(schema.staffSessions.id, theirs.sessionId)).get()).toBeUndefined();
    const audit = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, a.user.id)).all().at(-1);
    expect(audit).toMatchObject({ action: "alteration", entityType: "staff_user", entityId: String(person.id), fields: ["active"] });
  });

  it("there is nothing to confirm for your own account or one already deactivated; a post without the confirmation changes nothing", async () => {
    const a = await admin();
    const own = await deactivateRoute.loader({ request: a.get(`/staff/admin/users/${a.user.id}/deactivate`), params: { userId: String(a.user.id) }, context }).catch((r: Response) => r);
    expect(locationOf(own as Response)).toBe(`/staff/admin/users/${a.user.id}`);
    const self = (await deactivateRoute.action({ request: a.post(`/staff/admin/users/${a.user.id}/deactivate`, { confirm: "yes" }), params: { userId: String(a.user.id) }, context })) as Response;
    expect(locationOf(self)).toBe(`/staff/admin/users/${a.user.id}/deactivate`);
    expect(getStaff(a.user.id)?.active).toBe(true);

    const { user: person } = await insertStaff(["reviewer"]);
    const unconfirmed = (await deactivateRoute.action({ request: a.post(`/staff/admin/users/${person.id}/deactivate`, {}), params: { userId: String(person.id) }, context })) as Response;
    expect(locationOf(unconfirmed)).toBe(`/staff/admin/users/${person.id}/deactivate`);
    expect(getStaff(person.id)?.active).toBe(true);
  });

  it("only admins reach the confirmation page", async () => {
    const { user: manager } = await insertStaff(["manager"]);
    const { cookie } = await signedIn(manager.id);
    const refused = await deactivateRoute
      .loader({ request: new Request(`${BASE}/staff/admin/users/${manager.id}/deactivate`, { headers: { Cookie: cookie } }), params: { userId: String(manager.id) }, context })
      .catch((r: Response) => r);
    expect((refused as Response).status).toBe(403);
  });
});

// Moved from the browser (tests/e2e/oversight-edges.spec.ts; its axe scans are now in staff-accessibility.spec.ts): the pages as rendered.
describe("the pages, rendered", () => {
  it("the @gmail.com error is in the summary and the email typed is kept", async () => {
    const a = await admin();
    const email = "gee.mail.rendered@gmail.com";
    const response = (await newUserRoute.action({ request: a.post("/staff/admin/users/new", { displayName: "Gee Mail", email, roles: "reviewer" }), params: {}, context })) as Response;
    const data = await newUserRoute.loader({ request: a.get("/staff/admin/users/new", response.headers.get("Set-Cookie")), params: {}, context });
    const page = await renderPage(newUserRoute, data, "/staff/admin/users/new");
    expect([...page.querySelectorAll(".govuk-error-summary a")].map((l) => l.textContent)).toEqual(["Enter a work email address: @gmail.com is a personal email service"]);
    expect(page.querySelector("input[name=email]")?.getAttribute("value")).toBe(email);
  });

  it("the confirmation asks by name, its No link goes back to the account, and the account then says it is deactivated", async () => {
    const a = await admin();
    const { user: person } = await insertStaff(["reviewer"]);
    const params = { userId: String(person.id) };
    const confirm = await deactivateRoute.loader({ request: a.get(`/staff/admin/users/${person.id}/deactivate`), params, context });
    const page = await renderPage(deactivateRoute, confirm, `/staff/admin/users/${person.id}/deactivate`);
    expect(textOf(page, "h1")).toBe(`Are you sure you want to deactivate ${person.displayName}'s account?`);
    const no = [...page.querySelectorAll("a")].find((l) => l.textContent === "No, keep the account active");
    expect(no?.getAttribute("href")).toBe(`/staff/admin/users/${person.id}`);
    const account = () => userRoute.loader({ request: a.get(`/staff/admin/users/${person.id}`), params, context });
    expect(textOf(await renderPage(userRoute, await account(), `/staff/admin/users/${person.id}`), "body")).not.toContain("This account is deactivated.");
    await deactivateRoute.action({ request: a.post(`/staff/admin/users/${person.id}/deactivate`, { confirm: "yes" }), params, context });
    expect(textOf(await renderPage(userRoute, await account(), `/staff/admin/users/${person.id}`), ".govuk-warning-text")).toContain("This account is deactivated. The person cannot sign in.");
  });
});
