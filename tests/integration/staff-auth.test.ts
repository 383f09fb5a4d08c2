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
import { renderPage, textOf } from "../support/render-route";
import * as setupRoute from "~/routes/staff.setup";
import * as enrolRoute from "~/routes/staff.enrol";
import * as queueRoute from "~/routes/staff.cases._index";
import * as usersRoute from "~/routes/staff.admin.users._index";
import * as sessionEndedRoute from "~/routes/staff.session-ended";
import * as accountRoute from "~/routes/staff.account._index";
import { now } from "~/services/app-clock.server";

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

// Moved from the browser (tests/e2e/staff-auth.spec.ts): the pages' server rules and content, with
// the real route loaders and actions; the browser keeps one walk through the whole journey.
const SIGN_IN_ERROR = "Enter a correct email address and password";
const TOO_MANY = /^Too many attempts to sign in\. Wait \d+ (second|seconds|minute|minutes), then try again\.$/;
type FormPage = { lastResult: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } | null; hasErrors: boolean };

describe("setting up an invited account, through its pages", () => {
  it("shows the invited account, sends the link to the person only, refuses weak passwords without echoing them, and works once", async () => {
    const { user: admin } = await insertStaff(["admin"]);
    const email = `invited.${Date.now()}@force.example`;
    const { setupLink, user } = createStaffUser({ email, displayName: "Imogen Invited", roles: ["reviewer"] }, { kind: "staff", id: admin.id });
    // The admin's list shows the account as invited.
    const adminBrowser = new Browser("10.5.0.1");
    const { cookie } = await signedIn(admin.id);
    const list = (await usersRoute.loader({ request: new Request("http://localhost:3000/staff/admin/users", { headers: { Cookie: cookie } }), params: {}, context: { cspNonce: "t", requestId: "t", clientIp: adminBrowser.ip } })) as Awaited<ReturnType<typeof usersRoute.loader>>;
    expect(list.staff.find((u) => u.email === email)?.status).toBe("Invited");
    const listPage = await renderPage(usersRoute, list, "/staff/admin/users");
    const row = [...listPage.querySelectorAll("tr")].find((tr) => tr.textContent?.includes(email));
    expect(row?.textContent).toContain("Invited");
    // The email went to the person only, and holds the link, not their name.
    const mails = getDb().select().from(schema.outbox).where(eq(schema.outbox.toAddress, email)).all();
    expect(mails).toHaveLength(1);
    expect(mails[0].textBody).toContain(setupLink);
    expect(mails[0].textBody).not.toContain("Imogen Invited");
    expect(getDb().select().from(schema.outbox).all().filter((m) => m.textBody.includes(setupLink)).map((m) => m.toAddress)).toEqual([email]);
    expect(user).toMatchObject({ active: true, passwordHash: null, totpEnrolledAt: null, roles: ["reviewer"] });

    // The token leaves the address bar at once, into a short-lived cookie.
    const person = new Browser("10.5.0.2");
    const arrived = await person.get(new URL(setupLink).pathname + new URL(setupLink).search, setupRoute.loader);
    expect([arrived.status, locationOf(arrived)]).toEqual([303, "/staff/setup"]);
    const form = (await (await person.get("/staff/setup", setupRoute.loader)).json()) as FormPage & { valid: boolean; email: string };
    expect(form).toMatchObject({ valid: true, email, hasErrors: false });
    expect(textOf(await renderPage(setupRoute, form, "/staff/setup"), "main, body")).toContain(`You are setting up the account for ${email}.`);

    // Weak passwords: too short, then on the common-password list. Back to the form with the
    // error, and the password is never sent back to the page nor kept for it.
    for (const [password, message] of [
      ["short-pass", "Password must be 15 characters or more"],
      ["123456789012345", "This password is too common. Choose a different password"],
    ] as const) {
      const sent = await person.post("/staff/setup", setupRoute.action, new URLSearchParams({ password, confirm: password }));
      expect([sent.status, locationOf(sent)]).toEqual([303, "/staff/setup"]);
      expect(JSON.stringify(getDb().select().from(schema.formFlash).all())).not.toContain(password);
      const shown = (await (await person.get("/staff/setup", setupRoute.loader)).json()) as FormPage;
      expect(shown.hasErrors).toBe(true);
      expect(JSON.stringify(shown)).not.toContain(password);
      const page = await renderPage(setupRoute, shown, "/staff/setup");
      expect([...page.querySelectorAll(".govuk-error-summary a")].map((a) => a.textContent)).toEqual([message]);
      expect(page.body.innerHTML).not.toContain(password);
    }
    expect(getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get()!.passwordHash).toBeNull();

    // A strong password: on to the second factor, and until that is set up, staff pages lead back to it.
    const strong = "granite-pelican-whistle-autumn";
    const done = await person.post("/staff/setup", setupRoute.action, new URLSearchParams({ password: strong, confirm: strong }));
    expect([done.status, locationOf(done)]).toEqual([303, "/staff/enrol"]);
    expect(getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get()!.passwordHash).toMatch(/^\$argon2id\$/);
    const queue = await person.get("/staff/cases", queueRoute.loader);
    expect([queue.status, locationOf(queue)]).toEqual([303, "/staff/enrol"]);
    expect((await person.get("/staff/enrol", enrolRoute.loader)).status).toBe(200);

    // The set-up link works once.
    const again = new Browser("10.5.0.3");
    await again.get(new URL(setupLink).pathname + new URL(setupLink).search, setupRoute.loader);
    const used = (await (await again.get("/staff/setup", setupRoute.loader)).json()) as { valid: boolean };
    expect(used.valid).toBe(false);
    expect(textOf(await renderPage(setupRoute, used, "/staff/setup"), "h1")).toBe("This link has expired or has already been used");
  });
});

describe("a session left alone", () => {
  it("is kept by a visit at 14 minutes (which counts as activity), ends at 16, and the page says why", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, sessionId } = await signedIn(user.id);
    const visit = () => new Browser().get("/staff/account", async (args) => accountRoute.loader({ ...args, request: new Request("http://localhost:3000/staff/account", { headers: { Cookie: cookie } }) }));
    const lastSeen = () => getDb().select().from(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)).get()?.lastSeenAt;

    process.env.CLOCK_OFFSET_MS = String(14 * 60_000);
    expect((await visit()).status).toBe(200);
    expect(Math.abs(lastSeen()!.getTime() - now().getTime())).toBeLessThan(60_000);

    process.env.CLOCK_OFFSET_MS = String(30 * 60_000);
    const ended = await visit();
    expect([ended.status, locationOf(ended)]).toEqual([303, "/staff/session-ended?reason=idle"]);
    expect(ended.headers.get("Set-Cookie")).toMatch(/csods_staff=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    expect(lastSeen()).toBeUndefined();
    const data = sessionEndedRoute.loader({ request: new Request("http://localhost:3000/staff/session-ended?reason=idle"), params: {}, context: {} } as never);
    const page = await renderPage(sessionEndedRoute, data, "/staff/session-ended?reason=idle");
    expect(textOf(page, "h1")).toBe("Your session has ended");
    expect(textOf(page, "body")).toContain("You were signed out because you did nothing for 15 minutes. This protects the information in the service.");
    const home = await new Browser().get("/staff", async (args) => homeRoute.loader({ ...args, request: request(cookie) }));
    expect(locationOf(home)).toBe("/staff/sign-in");
  });
});

describe("the sign-in page under attack", () => {
  const signIn = async (browser: Browser, email: string, password: string) => {
    const response = await browser.post("/staff/sign-in", signInRoute.action, new URLSearchParams({ email, password }));
    if (locationOf(response) !== "/staff/sign-in") return { response, message: null, page: null };
    const page = (await (await browser.get("/staff/sign-in", signInRoute.loader)).json()) as FormPage;
    return { response, message: page.lastResult?.error?.email?.[0] ?? null, page };
  };

  it("after 5 wrong passwords for one email the 6th attempt is refused, even with the right password, until the wait is over", async () => {
    const { user, password } = await insertStaff(["reviewer"]);
    const browser = new Browser("10.6.0.1");
    for (let i = 1; i <= 5; i++) {
      const { response, message } = await signIn(browser, user.email, `wrong-password-number-${i}`);
      expect([response.status, locationOf(response), message], `attempt ${i}`).toEqual([303, "/staff/sign-in", SIGN_IN_ERROR]);
    }
    // Straight after the 5th (the app clock held back, so a slow machine cannot outlast the first 1-second wait).
    process.env.CLOCK_OFFSET_MS = String(-30_000);
    const sixth = await signIn(browser, user.email, "wrong-password-number-6");
    expect(sixth.message).toMatch(TOO_MANY);
    const page = await renderPage(signInRoute, sixth.page, "/staff/sign-in");
    expect(textOf(page, ".govuk-error-summary a")).toMatch(TOO_MANY);
    expect(textOf(page, ".govuk-error-message")).toBe(`Error: ${sixth.message}`);
    // The right password during the wait gets the same refusal: it is not even checked.
    const during = await signIn(browser, user.email, password);
    expect([during.response.status, locationOf(during.response)]).toEqual([303, "/staff/sign-in"]);
    expect(during.message).toMatch(TOO_MANY);
    // After the wait it works: on to the second factor.
    process.env.CLOCK_OFFSET_MS = String(2_000);
    const after = await signIn(browser, user.email, password);
    expect([after.response.status, locationOf(after.response)]).toEqual([303, "/staff/second-factor"]);
  });

  it("refuses more than 10 attempts a minute from one address, whatever the email, even a real account's right password", async () => {
    const { user, password } = await insertStaff(["admin"]);
    const browser = new Browser("10.6.0.2");
    for (let i = 1; i <= 10; i++) expect((await signIn(browser, `nobody.${i}.${Date.now()}@force.example`, "not-the-password-at-all")).message, `attempt ${i}`).toBe(SIGN_IN_ERROR);
    expect((await signIn(browser, `nobody.${Date.now()}@force.example`, "not-the-password-at-all")).message).toBe("Too many attempts to sign in. Wait 1 minute, then try again.");
    expect((await signIn(browser, user.email, password)).message).toBe("Too many attempts to sign in. Wait 1 minute, then try again.");
  });

  it("shows the same page for an unknown email and a wrong password, keeping only the email typed", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const unknown = `nobody.${Date.now()}@force.example`;
    const shown = async (email: string) => {
      const { response, page } = await signIn(new Browser(`10.6.1.${email === unknown ? 2 : 1}`), email, "a-wrong-password-for-sure");
      expect([response.status, locationOf(response)]).toEqual([303, "/staff/sign-in"]);
      expect(page!.hasErrors).toBe(true);
      expect(page!.lastResult!.initialValue).toEqual({ email });
      expect(JSON.stringify(page)).not.toContain("a-wrong-password-for-sure");
      const html = await renderPage(signInRoute, page, "/staff/sign-in");
      expect(html.querySelector<HTMLInputElement>("input[name=email]")?.getAttribute("value")).toBe(email);
      expect(html.querySelector<HTMLInputElement>("input[name=password]")?.getAttribute("value") ?? "").toBe("");
      expect(textOf(html, "main, body")).toContain(SIGN_IN_ERROR);
      return html.body.innerHTML.split(email).join("EMAIL");
    };
    expect(await shown(unknown)).toBe(await shown(user.email));
  });
});
