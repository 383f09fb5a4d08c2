import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as settingsRoute from "~/routes/staff.admin.settings";
import { dueDatesFor } from "~/services/case-clocks.server";
import { getDb, schema } from "~/services/db.server";
import { getSetting } from "~/services/settings.server";
import { insertStaff, signedIn } from "../support/staff";
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
