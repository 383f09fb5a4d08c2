import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as settingsRoute from "~/routes/staff.admin.settings";
import { dueDatesFor } from "~/services/case-clocks.server";
import { getDb, schema } from "~/services/db.server";
import { getSetting } from "~/services/settings.server";
import { insertStaff, signedIn } from "../support/staff";
import { renderPage, textOf } from "../support/render-route";
import { locationOf } from "../support/routes";

const context = { cspNonce: "t", requestId: "settings-test", clientIp: "127.0.0.1" };

async function adminPost(values: Record<string, string>) {
  const { user } = await insertStaff(["admin"]);
  const { cookie, csrfToken } = await signedIn(user.id);
  const page = (await settingsRoute.loader({ request: new Request("http://localhost:3000/staff/admin/settings", { headers: { Cookie: cookie } }), params: {}, context })) as { values: Record<string, string> };
  const body = new URLSearchParams({ ...page.values, ...values, csrf: csrfToken });
  const request = new Request("http://localhost:3000/staff/admin/settings", { method: "POST", body, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } });
  return { response: (await settingsRoute.action({ request, params: {}, context })) as Response, user, cookie };
}

describe("admin settings", () => {
  it("saves changed settings with one audit row naming them, and new cases use the new clocks", async () => {
    const { response, user } = await adminPost({ decisionDays: "45", checkTypes: "PNC\nViSOR\n\nPNC\nLocal intelligence" });
    expect(locationOf(response)).toBe("/staff/admin/settings");
    expect(getSetting("clocks.decisionDays")).toBe(45);
    expect(getSetting("checks.types")).toEqual(["PNC", "ViSOR", "Local intelligence"]);
    const row = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, user.id)).get();
    expect(row).toMatchObject({ action: "alteration", entityType: "setting" });
    expect(row?.fields?.sort()).toEqual(["checks.types", "clocks.decisionDays"]);
    const t0 = new Date("2026-01-05T10:00:00Z");
    expect(dueDatesFor(t0).decisionDueAt.getTime() - t0.getTime()).toBe(45 * 24 * 3_600_000);
  });

  it("refuses out-of-range values with clear messages and changes nothing", async () => {
    const before = getSetting("session.idleMinutes");
    const { response, cookie } = await adminPost({ idleMinutes: "600", riskCheckHours: "soon", checkTypes: "" });
    expect(locationOf(response)).toBe("/staff/admin/settings");
    expect(getSetting("session.idleMinutes")).toBe(before);
    const flash = response.headers.get("Set-Cookie")!.split(";")[0];
    const page = (await settingsRoute.loader({
      request: new Request("http://localhost:3000/staff/admin/settings", { headers: { Cookie: `${cookie}; ${flash}` } }),
      params: {},
      context,
    })) as { hasErrors: boolean; lastResult: { error: Record<string, string[]> } };
    expect(page.hasErrors).toBe(true);
    expect(page.lastResult.error).toMatchObject({
      idleMinutes: ["Idle timeout (minutes) must be 60 or fewer"],
      riskCheckHours: ["Immediate-risk check (hours) must be a whole number"],
      checkTypes: ["Enter at least one check"],
    });
  });
});

// Moved from the browser (tests/e2e/oversight-edges.spec.ts; its axe scans are now in staff-accessibility.spec.ts).
describe("the settings page after an error", () => {
  it("shows only the error, then after fixing it only the success notice, announced once and gone after a reload", async () => {
    const { user } = await insertStaff(["admin"]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const view = async (flash?: string | null) => {
      const data = await settingsRoute.loader({ request: new Request("http://localhost:3000/staff/admin/settings", { headers: { Cookie: flash ? `${cookie}; ${flash.split(";")[0]}` : cookie } }), params: {}, context });
      return { data, page: await renderPage(settingsRoute, data, "/staff/admin/settings") };
    };
    const send = (values: Record<string, string>) =>
      settingsRoute.action({
        request: new Request("http://localhost:3000/staff/admin/settings", { method: "POST", body: new URLSearchParams({ ...values, csrf: csrfToken }), headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
        params: {},
        context,
      }) as Promise<Response>;
    const { data: before } = await view();
    const values = before.values as Record<string, string>;
    const successHeadings = (page: Document) => [...page.querySelectorAll("h2, h3")].filter((h) => h.textContent?.trim() === "Success");

    const refused = await send({ ...values, idleMinutes: "soon" });
    const withError = await view(refused.headers.get("Set-Cookie"));
    expect(withError.data.hasErrors).toBe(true);
    expect([...withError.page.querySelectorAll(".govuk-error-summary a")].map((a) => a.textContent)).toEqual(["Idle timeout (minutes) must be a whole number"]);
    expect(successHeadings(withError.page)).toHaveLength(0);

    const saved = await send(values);
    expect(locationOf(saved)).toBe("/staff/admin/settings");
    const after = await view(saved.headers.get("Set-Cookie"));
    expect(after.data.hasErrors).toBe(false);
    const alerts = [...after.page.querySelectorAll("[role=alert]")];
    expect(alerts).toHaveLength(1);
    expect(successHeadings(after.page)).toHaveLength(1);
    expect(alerts[0].textContent).toContain("Settings saved");
    expect(after.page.querySelectorAll(".govuk-error-summary, .govuk-error-message")).toHaveLength(0);
    expect(textOf(after.page, "body")).not.toContain("There is a problem");
    const reloaded = await view();
    expect(reloaded.page.querySelectorAll("[role=alert]")).toHaveLength(0);
    expect(textOf(reloaded.page, "h1")).toBe("Settings");
  });
});
