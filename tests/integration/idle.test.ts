// No lost work around the idle timeout: "stay signed in" counts as activity, the warning page does
// not, and after signing in again the person is back on the page they asked for.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as casesRoute from "~/routes/staff.cases._index";
import * as keepAliveRoute from "~/routes/staff.keep-alive";
import * as secondFactorRoute from "~/routes/staff.second-factor";
import * as signInRoute from "~/routes/staff.sign-in";
import * as stillThereRoute from "~/routes/staff.still-there";
import { getDb, schema } from "~/services/db.server";
import { currentStep, totpCode } from "~/services/totp.server";
import { insertStaff, signedIn } from "../support/staff";
import { Browser, locationOf } from "../support/routes";

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

const context = { cspNonce: "t", requestId: "idle-test", clientIp: "127.0.0.1" };
const lastSeen = (sessionId: string) =>
  getDb().select({ at: schema.staffSessions.lastSeenAt }).from(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)).get()?.at.getTime();
const post = (path: string, body: Record<string, string>, cookie: string) =>
  new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });

describe("the idle warning", () => {
  it("keeps the session alive when the person chooses to stay signed in", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken, sessionId } = await signedIn(user.id);
    const before = lastSeen(sessionId)!;
    process.env.CLOCK_OFFSET_MS = String(13 * 60_000);
    const response = (await keepAliveRoute.action({ request: post("/staff/keep-alive", { csrf: csrfToken, intent: "stay" }, cookie), params: {}, context })) as Response;
    expect(await response.json()).toEqual({ ok: true });
    expect(lastSeen(sessionId)! - before).toBeGreaterThanOrEqual(13 * 60_000);
  });

  it("does not count showing the warning page as activity, and its button goes back to the page", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken, sessionId } = await signedIn(user.id);
    const before = lastSeen(sessionId)!;
    process.env.CLOCK_OFFSET_MS = String(13 * 60_000);
    const page = await stillThereRoute.loader({ request: new Request("http://localhost:3000/staff/still-there?return=%2Fstaff%2Fcases%2F5", { headers: { Cookie: cookie } }), params: {}, context });
    expect(page).toMatchObject({ back: "/staff/cases/5", minutes: 2 });
    expect(lastSeen(sessionId)).toBe(before);
    const evil = await stillThereRoute.loader({ request: new Request("http://localhost:3000/staff/still-there?return=https%3A%2F%2Fevil.example", { headers: { Cookie: cookie } }), params: {}, context });
    expect(evil).toMatchObject({ back: "/staff" });

    const stay = (await stillThereRoute.action({ request: post("/staff/still-there", { csrf: csrfToken, return: "/staff/cases/5" }, cookie), params: {}, context })) as Response;
    expect(locationOf(stay)).toBe("/staff/cases/5");
    expect(lastSeen(sessionId)! - before).toBeGreaterThanOrEqual(13 * 60_000);
  });

  it("signs out when the time is up, remembering the page", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken, sessionId } = await signedIn(user.id);
    const response = (await keepAliveRoute.action({ request: post("/staff/keep-alive", { csrf: csrfToken, intent: "end", return: "/staff/cases/7" }, cookie), params: {}, context })) as Response;
    expect(await response.json()).toEqual({ ok: true });
    expect(lastSeen(sessionId)).toBeUndefined();
    expect(response.headers.get("Set-Cookie")).toMatch(/csods_return_to=/);
  });
});

describe("signing in again", () => {
  it("goes back to the page the person was on, once", async () => {
    const { user, password, totpSecret } = await insertStaff(["reviewer"]);
    const browser = new Browser("10.12.0.1");
    const asked = await browser.get("/staff/cases?queue=overdue&page=2", casesRoute.loader);
    expect(locationOf(asked)).toBe("/staff/sign-in");
    await browser.post("/staff/sign-in", signInRoute.action, new URLSearchParams({ email: user.email, password }));
    const code = totpCode(totpSecret, currentStep(new Date()));
    const signedInAgain = await browser.post("/staff/second-factor", secondFactorRoute.action, new URLSearchParams({ code }));
    expect(locationOf(signedInAgain)).toBe("/staff/cases?queue=overdue&page=2");
    expect(signedInAgain.headers.get("Set-Cookie")).toMatch(/csods_return_to=;/);
  });

  it("goes home when the page asked for was not a safe staff page", async () => {
    const { user, password, totpSecret } = await insertStaff(["reviewer"]);
    const browser = new Browser("10.12.0.2");
    await browser.get("/staff/sign-in", signInRoute.loader);
    await browser.post("/staff/sign-in", signInRoute.action, new URLSearchParams({ email: user.email, password }));
    const code = totpCode(totpSecret, currentStep(new Date()));
    const done = await browser.post("/staff/second-factor", secondFactorRoute.action, new URLSearchParams({ code }));
    expect(locationOf(done)).toBe("/staff");
  });
});
