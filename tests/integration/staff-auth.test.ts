import { desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as signInRoute from "~/routes/staff.sign-in";
import * as secondFactorRoute from "~/routes/staff.second-factor";
import * as homeRoute from "~/routes/staff._index";
import { getDb, schema } from "~/services/db.server";
import { checkPassword, FREE_FAILURES } from "~/services/sign-in.server";
import { createStaffUser, completeSetup, setActive, userForSetupToken } from "~/services/staff-accounts.server";
import { lookupSession } from "~/services/staff-sessions.server";
import { currentStep, totpCode } from "~/services/totp.server";
import { insertStaff, signedIn } from "../support/staff";
import { Browser, locationOf } from "../support/routes";

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

const request = (cookie: string) => new Request("http://localhost:3000/staff", { headers: { Cookie: cookie } });

describe("sessions", () => {
  it("end after 15 minutes idle, and the person is told why", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie } = await signedIn(user.id);
    process.env.CLOCK_OFFSET_MS = String(14 * 60_000);
    expect((await lookupSession(request(cookie))).state).toBe("found");
    // Looking up does not count as activity; 15 minutes after the last request it has ended.
    process.env.CLOCK_OFFSET_MS = String(15 * 60_000 + 1000);
    const response = await new Browser().get("/staff", async (args) => homeRoute.loader({ ...args, request: request(cookie) }));
    expect(locationOf(response)).toBe("/staff/session-ended?reason=idle");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect((await lookupSession(request(cookie))).state).toBe("none");
  });

  it("end 12 hours after sign-in even when active", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, sessionId } = await signedIn(user.id);
    process.env.CLOCK_OFFSET_MS = String(12 * 3_600_000);
    getDb().update(schema.staffSessions).set({ lastSeenAt: new Date(Date.now() + 12 * 3_600_000 - 1000) }).where(eq(schema.staffSessions.id, sessionId)).run();
    expect(await lookupSession(request(cookie))).toEqual({ state: "ended", reason: "absolute" });
  });

  it("all end at once when the account is deactivated", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const a = await signedIn(user.id);
    const b = await signedIn(user.id);
    setActive(user.id, false, { kind: "system" });
    expect((await lookupSession(request(a.cookie))).state).toBe("none");
    expect((await lookupSession(request(b.cookie))).state).toBe("none");
  });
});

describe("signing in", () => {
  it("gives the same answer for an unknown email and a wrong password, and logs both", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const wrong = await checkPassword(user.email, "not-the-password-at-all", "10.0.0.1", "r1");
    const unknown = await checkPassword("nobody@force.example", "not-the-password-at-all", "10.0.0.1", "r2");
    expect(wrong).toEqual({ kind: "invalid" });
    expect(unknown).toEqual({ kind: "invalid" });
    const rows = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.action, "sign_in_failed")).all();
    expect(rows.map((r) => r.requestId)).toEqual(expect.arrayContaining(["r1", "r2"]));
    // Nothing typed is logged: not the email, not the password.
    expect(JSON.stringify(rows)).not.toMatch(/nobody@force|not-the-password/);
  });

  it("the sign-in page responds identically for both (status, location, message)", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const attempt = async (email: string) => {
      const browser = new Browser("10.0.0.2");
      const response = await browser.post("/staff/sign-in", signInRoute.action, new URLSearchParams({ email, password: "wrong-password-wrong-password" }));
      const page = (await (await browser.get("/staff/sign-in", signInRoute.loader)).json()) as { lastResult: { error: Record<string, string[]> } };
      return { status: response.status, location: locationOf(response), error: page.lastResult.error };
    };
    expect(await attempt(user.email)).toEqual(await attempt(`unknown.${user.email}`));
  });

  it(`makes each attempt from one address wait after ${FREE_FAILURES} failures in a row, for known and unknown emails alike`, async () => {
    const { user, password } = await insertStaff(["reviewer"]);
    for (const [email, address] of [[user.email, "10.1.0.1"], ["ghost@force.example", "10.1.0.2"]] as const) {
      for (let i = 0; i < FREE_FAILURES; i++) expect((await checkPassword(email, "bad-bad-bad-bad-bad", address, "t")).kind).toBe("invalid");
      // The next attempt comes straight after the fifth failure: the app clock is held back so that a
      // loaded machine's pause between the two calls cannot outlast the first one-second wait.
      process.env.CLOCK_OFFSET_MS = String(-30_000);
      const next = await checkPassword(email, email === user.email ? password : "x", address, "t");
      process.env.CLOCK_OFFSET_MS = "0";
      expect(next).toMatchObject({ kind: "throttled" });
    }
    // The growing delay passes, and the right password works again.
    process.env.CLOCK_OFFSET_MS = String(2000);
    expect((await checkPassword(user.email, password, "10.1.0.1", "t")).kind).toBe("ok");
  });

  it("allows at most 10 attempts a minute from one IP address", async () => {
    const results = [];
    for (let i = 0; i < 11; i++) results.push((await checkPassword(`someone${i}@force.example`, "whatever-whatever", "10.9.9.9", "t")).kind);
    expect(results.slice(0, 10)).toEqual(Array(10).fill("invalid"));
    expect(results[10]).toBe("throttled");
  });

  it("signs in with password then TOTP, rotating the session id, and refuses a replayed code", async () => {
    const { user, password, totpSecret } = await insertStaff(["manager"]);
    const browser = new Browser("10.4.0.1");
    const first = await browser.post("/staff/sign-in", signInRoute.action, new URLSearchParams({ email: user.email, password }));
    expect(locationOf(first)).toBe("/staff/second-factor");
    const code = totpCode(totpSecret, currentStep(new Date()));
    const second = await browser.post("/staff/second-factor", secondFactorRoute.action, new URLSearchParams({ code }));
    expect(locationOf(second)).toBe("/staff");
    expect(second.headers.get("Set-Cookie")).not.toEqual(first.headers.get("Set-Cookie"));
    const signIn = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, user.id)).orderBy(desc(schema.auditLog.id)).get();
    expect(signIn?.action).toBe("sign_in");

    // The same code cannot be used again in another sign-in.
    const again = new Browser("10.4.0.2");
    await again.post("/staff/sign-in", signInRoute.action, new URLSearchParams({ email: user.email, password }));
    const replay = await again.post("/staff/second-factor", secondFactorRoute.action, new URLSearchParams({ code }));
    expect(locationOf(replay)).toBe("/staff/second-factor");
  });
});

describe("accounts", () => {
  it("a set-up link works once, within 24 hours, and the password must meet the policy", async () => {
    const { setupLink, user } = createStaffUser({ email: "new.person@force.example", displayName: "New Person", roles: ["reviewer"] }, { kind: "system" });
    const token = new URL(setupLink).searchParams.get("token")!;
    expect(userForSetupToken(token)?.id).toBe(user.id);
    await expect(completeSetup(token, "too-short")).rejects.toThrow(/15 characters/);
    await completeSetup(token, "granite-pelican-whistle-autumn");
    expect(userForSetupToken(token)).toBeNull();
    // The email went through the outbox, with the link and nothing else about anyone.
    const mail = getDb().select().from(schema.outbox).where(eq(schema.outbox.toAddress, "new.person@force.example")).get();
    expect(mail?.textBody).toContain("/staff/setup?token=");
  });

  it("a set-up link expires after 24 hours", () => {
    const { setupLink } = createStaffUser({ email: "late.person@force.example", displayName: "Late Person", roles: ["reviewer"] }, { kind: "system" });
    process.env.CLOCK_OFFSET_MS = String(24 * 3_600_000 + 1000);
    expect(userForSetupToken(new URL(setupLink).searchParams.get("token")!)).toBeNull();
  });
});

describe("on duty", () => {
  it("a reviewer going off duty stops urgent-application emails to them, and back on restarts them", async () => {
    const { submitTestCase } = await import("../support/cases");
    const accountRoute = await import("~/routes/staff.account._index");
    process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const toggle = (onDuty: "yes" | "no") =>
      accountRoute.action({
        request: new Request("http://localhost:3000/staff/account", {
          method: "POST",
          body: new URLSearchParams({ intent: "duty", onDuty, csrf: csrfToken }),
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        }),
        params: {},
        context: { cspNonce: "t", requestId: "duty", clientIp: "127.0.0.1" },
      });
    const urgentMailsTo = () =>
      getDb().select().from(schema.outbox).where(eq(schema.outbox.kind, "urgent_application")).all().filter((m) => m.toAddress === user.email).length;

    await toggle("no");
    await submitTestCase({ urgent: true });
    expect(urgentMailsTo()).toBe(0);
    await toggle("yes");
    await submitTestCase({ urgent: true });
    expect(urgentMailsTo()).toBe(1);
    const audit = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, user.id)).all();
    expect(audit.filter((a) => a.fields?.includes("on_duty"))).toHaveLength(2);
  });
});
