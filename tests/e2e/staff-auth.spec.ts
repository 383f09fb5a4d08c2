// Staff authentication end to end: invitation, set-up, second factor, recovery codes, sign-out,
// idle expiry, throttling, equal answers for unknown and known emails, deny-by-default access and
// refusal of forged posts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { addressKey } from "../../app/domain/addresses";
import {
  codeForSecret,
  csrfTokenOf,
  demoAccount,
  emailsTo,
  enrolTotp,
  expect,
  expectErrorSummary,
  inviteStaff,
  makeStaff,
  randomToken,
  startAppServer,
  type AppServer,
  sessionById,
  sessionIdOf,
  signOut,
  staffTest as test,
  staffTitle,
  staffUserByEmail,
  strongPassword,
  submitPassword,
  waitOutDoubleClickGuard,
  withDb,
  withWritableDb,
} from "./support";

const SIGN_IN_ERROR = "Enter a correct email address and password";
const TOO_MANY = /^Too many attempts to sign in\. Wait \d+ (second|seconds|minute|minutes), then try again\.$/;

test("an admin invites a reviewer, who sets a password, enrols a second factor, signs out and signs in again", async ({ as, page }) => {
  const admin = await as("admin");
  const person = makeStaff(["Reviewer (public protection officer)"]);
  const setupPath = await inviteStaff(admin, person);

  // The admin sees the account as invited; the email went to the person only and holds only the link.
  await admin.goto("/staff/admin/users");
  await expect(admin.getByRole("row").filter({ hasText: person.email })).toContainText("Invited");
  const mails = emailsTo(person.email);
  expect(mails).toHaveLength(1);
  expect(mails[0].body).not.toContain(person.name);
  const user = staffUserByEmail(person.email)!;
  expect(user).toMatchObject({ active: 1, password_hash: null, totp_enrolled_at: null });
  expect(JSON.parse(user.roles)).toEqual(["reviewer"]);

  // Set-up: the token leaves the address bar at once.
  await page.goto(setupPath);
  await expect(page).toHaveURL(/\/staff\/setup$/);
  await expect(page).toHaveTitle(staffTitle("Set up your account"));
  await expect(page.getByText(`You are setting up the account for ${person.email}.`)).toBeVisible();

  // Weak passwords first: too short, then on the common-password list.
  const tryPassword = async (password: string, message: string) => {
    await page.getByLabel("Create a password", { exact: true }).fill(password);
    await page.getByLabel("Enter the password again", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    const clickedAt = Date.now();
    await expect(page).toHaveTitle(staffTitle("Set up your account", true));
    await expectErrorSummary(page, [message]);
    await expect(page).toHaveURL(/\/staff\/setup$/);
    // The password is never sent back to the page.
    expect(await page.content()).not.toContain(password);
    await waitOutDoubleClickGuard(page, clickedAt);
  };
  await tryPassword("short-pass", "Password must be 15 characters or more");
  await tryPassword("123456789012345", "This password is too common. Choose a different password");
  expect(staffUserByEmail(person.email)!.password_hash).toBeNull();

  const password = strongPassword();
  await page.getByLabel("Create a password", { exact: true }).fill(password);
  await page.getByLabel("Enter the password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  await expect(page).toHaveTitle(staffTitle("Set up your second factor"));
  expect(staffUserByEmail(person.email)!.password_hash).toMatch(/^\$argon2id\$/);

  // Until enrolment is done, staff pages send the person back to it.
  await page.goto("/staff/cases");
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  await expect(page.getByRole("img", { name: /^QR code for your authenticator app/ })).toBeVisible();

  // The set-up link works once.
  await page.goto(setupPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link has expired or has already been used");
  await page.goto("/staff/enrol");

  const { secret, step, recoveryCodes } = await enrolTotp(page);
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  const enrolled = staffUserByEmail(person.email)!;
  expect(enrolled.totp_enrolled_at).not.toBeNull();
  expect(enrolled.totp_last_step).toBe(step);
  // Stored: the secret encrypted, the recovery codes hashed.
  expect(enrolled.totp_secret).toMatch(/^v1\./);
  expect(enrolled.totp_secret).not.toContain(secret.replace(/\s+/g, ""));
  const stored = withDb((db) => db.prepare("select code_hash from staff_recovery_codes where user_id = ?").all(enrolled.id) as Array<{ code_hash: string }>);
  expect(stored).toHaveLength(10);
  for (const row of stored) for (const code of recoveryCodes) expect(row.code_hash).not.toContain(code.replace("-", ""));

  await page.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${person.name}`);
  await expect(page.getByText("You are signed in as: Reviewer (public protection officer).")).toBeVisible();
  // The codes are shown once only: the enrolment page now leads home, and nothing keeps them.
  await page.goto("/staff/enrol");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.locator(".app-recovery-codes")).toHaveCount(0);
  const flashRows = JSON.stringify(withDb((db) => db.prepare("select * from form_flash").all()));
  for (const code of recoveryCodes) expect(flashRows).not.toContain(code);

  // Sign out: the session row goes, and the browser is told to forget the site.
  const sessionId = await sessionIdOf(page.context());
  expect(sessionById(sessionId)).toMatchObject({ stage: "active", user_id: enrolled.id });
  const response = await signOut(page);
  expect((await response.allHeaders())["clear-site-data"]).toBe('"cache", "cookies", "storage"');
  expect(sessionById(sessionId)).toBeUndefined();
  await expect(page).toHaveTitle(staffTitle("You have signed out"));
  expect((await page.context().cookies()).filter((c) => c.name === "csods_staff")).toEqual([]);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/sign-in$/);

  // Sign in again: password, then a code from a newer step than the one used to enrol.
  await submitPassword(page, { email: person.email, password });
  await expect(page).toHaveURL(/\/staff\/second-factor$/);
  await expect(page).toHaveTitle(staffTitle("Enter your security code"));
  const next = await codeForSecret(secret, step);
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill(next.code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${person.name}`);
  expect(staffUserByEmail(person.email)!.totp_last_step).toBe(next.step);
  // A new session, not the old one revived.
  const second = await sessionIdOf(page.context());
  expect(second).not.toBe(sessionId);
  expect(sessionById(second)).toMatchObject({ stage: "active", user_id: enrolled.id });
});

test("a session left alone for more than 15 minutes ends, and the next page says why", async ({ as }) => {
  const page = await as("reviewer");
  const sessionId = await sessionIdOf(page.context());
  const setIdle = (minutes: number) =>
    withWritableDb((db) =>
      db.prepare("update staff_sessions set last_seen_at = ? where id = ?").run(Date.now() - minutes * 60_000, sessionId).changes,
    );

  // 14 minutes: still signed in, and the visit counts as activity.
  expect(setIdle(14)).toBe(1);
  await page.goto("/staff/account");
  await expect(page).toHaveTitle(staffTitle("Your account"));
  expect(Date.now() - sessionById(sessionId)!.last_seen_at).toBeLessThan(60_000);

  // 16 minutes: the session has ended.
  expect(setIdle(16)).toBe(1);
  await page.goto("/staff/account");
  await expect(page).toHaveURL(/\/staff\/session-ended\?reason=idle$/);
  await expect(page).toHaveTitle(staffTitle("Your session has ended"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your session has ended");
  await expect(
    page.getByText("You were signed out because you did nothing for 15 minutes. This protects the information in the service."),
  ).toBeVisible();
  expect(sessionById(sessionId)).toBeUndefined();
  expect((await page.context().cookies()).filter((c) => c.name === "csods_staff")).toEqual([]);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
});

// The throttle is per client address too (10 password attempts a minute), and every test comes from
// this machine: these tests exhaust it on a server of their own, listening on IPv4 and IPv6 so the
// two tests are two different client addresses (127.0.0.1 and ::1) even when they share it.
test.describe("sign-in throttling", () => {
  let server: AppServer | undefined;
  test.beforeAll(async () => {
    server = await startAppServer({ dataDir: path.resolve(`tests/.tmp/e2e-throttle-${randomToken(8).toLowerCase()}`), env: { HOST: "::" } });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const errorOn = (html: string) => /<a href="#email">([^<]*)<\/a>/.exec(html)?.[1] ?? null;

  test("after 5 wrong passwords for one email the 6th attempt is refused, even with the right password", async ({ freshPage }) => {
    const page = await freshPage({ baseURL: `http://127.0.0.1:${server!.port}` });
    const account = demoAccount("reviewer");
    const form = (password: string) => ({ form: { email: account.email, password } });

    // The browser's form is ready with a wrong password before the fast attempts start.
    await page.goto("/staff/sign-in");
    await page.getByLabel("Email address", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill("wrong-password-number-6");

    for (let i = 1; i <= 5; i++) {
      const response = await page.request.post("/staff/sign-in", form(`wrong-password-number-${i}`));
      expect(response.status()).toBe(200);
      expect(new URL(response.url()).pathname).toBe("/staff/sign-in");
      expect(errorOn(await response.text()), `attempt ${i}`).toBe(SIGN_IN_ERROR);
    }
    // The server's clock cannot be moved while it runs, but the time of the last failure can: the
    // attempts below are "straight after the 5th" and then "after the wait" whatever the load.
    // The counts are kept for the email from this address and for the email from anywhere.
    const email = account.email.toLowerCase();
    const keys = [`sign-in:${email}|${addressKey("127.0.0.1")}`, `sign-in:${email}`].map((k) => crypto.createHash("sha256").update(k).digest("hex"));
    const lastFailureAgo = (ms: number) =>
      withWritableDb(
        (db) =>
          db
            .prepare("update sign_in_throttle set last_failure_at = ? where key in (?, ?) and consecutive_failures = 5")
            .run(Date.now() - ms, ...keys).changes,
        server!.dbPath,
      );

    // The 6th, straight after the 5th (the first wait is 1 second, doubling with each failure).
    expect(lastFailureAgo(0)).toBe(2);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(page).toHaveTitle(staffTitle("Sign in", true));
    await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText(TOO_MANY);
    await expect(page.locator(".govuk-error-message")).toHaveText(new RegExp(`^Error: ${TOO_MANY.source.slice(1, -1)}$`));
    expect(page.url()).toMatch(/\/staff\/sign-in$/);

    // The right password during the wait gets the same refusal: it is not even checked.
    expect(lastFailureAgo(0)).toBe(2);
    const during = await page.request.post("/staff/sign-in", { ...form(account.password), maxRedirects: 0 });
    expect(during.status()).toBe(303);
    expect(during.headers()["location"]).toBe("/staff/sign-in");
    expect(errorOn(await (await page.request.get("/staff/sign-in")).text())).toMatch(TOO_MANY);

    // After the wait (a second and a half later) it works: on to the second factor.
    expect(lastFailureAgo(1_500)).toBe(2);
    const after = await page.request.post("/staff/sign-in", { ...form(account.password), maxRedirects: 0 });
    expect([after.status(), after.headers()["location"]]).toEqual([303, "/staff/second-factor"]);
  });

  test("more than 10 attempts a minute from one address are refused, whatever the email", async ({ freshPage }) => {
    const page = await freshPage({ baseURL: `http://[::1]:${server!.port}` });
    const attempt = async (email: string, password = "not-the-password-at-all") =>
      errorOn(await (await page.request.post("/staff/sign-in", { form: { email, password } })).text());
    for (let i = 1; i <= 10; i++) {
      expect(await attempt(`nobody.${randomToken(8).toLowerCase()}.${i}@force.example`), `attempt ${i}`).toBe(SIGN_IN_ERROR);
    }
    expect(await attempt(`nobody.${randomToken(8).toLowerCase()}@force.example`)).toBe("Too many attempts to sign in. Wait 1 minute, then try again.");
    // Even the right password of a real account.
    const admin = demoAccount("admin");
    expect(await attempt(admin.email, admin.password)).toBe("Too many attempts to sign in. Wait 1 minute, then try again.");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an unknown email and a wrong password get the same page", async ({ page }) => {
    const attempt = async (email: string) => {
      await page.goto("/staff/sign-in");
      await page.getByLabel("Email address", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill("a-wrong-password-for-sure");
      const postSeen = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/staff/sign-in");
      const getSeen = page.waitForResponse((r) => r.request().method() === "GET" && new URL(r.url()).pathname === "/staff/sign-in");
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      const [post, shown] = await Promise.all([postSeen, getSeen]);
      await page.waitForLoadState();
      return {
        post: { status: post.status(), location: post.headers()["location"] },
        status: shown.status(),
        title: await page.title(),
        text: (await page.locator("main").innerText()).trim(),
        emailKept: await page.getByLabel("Email address", { exact: true }).inputValue(),
      };
    };
    const known = demoAccount("reviewer").email;
    const unknown = `nobody.${randomToken(8).toLowerCase()}@demo.csods.localhost`;
    const a = await attempt(known);
    const b = await attempt(unknown);
    expect(a.post).toEqual({ status: 303, location: "/staff/sign-in" });
    expect(a.title).toBe(staffTitle("Sign in", true));
    expect(a.text).toContain(SIGN_IN_ERROR);
    expect(a.emailKept).toBe(known);
    expect(b.emailKept).toBe(unknown);
    const { emailKept: _a, ...sameA } = a;
    const { emailKept: _b, ...sameB } = b;
    expect(sameB).toEqual(sameA);
  });
});

// ---------------------------------------------------------------------------------------------
// Deny by default
// ---------------------------------------------------------------------------------------------

type StaffRoute = { path: string; hasAction: boolean };

/** Every staff page, from the route files (so a new page is covered without editing this list). */
function staffRoutes(ids: { caseId: number; userId: number }): StaffRoute[] {
  const dir = path.resolve("app/routes");
  const files = fs.readdirSync(dir).filter((f) => /^staff\..*\.tsx?$/.test(f));
  return files
    .map((file) => ({
      path:
        "/" +
        file
          .replace(/\.tsx?$/, "")
          // "export[.]csv": a dot in brackets is part of the name, not a separator.
          .replace(/\[([^\]]*)\]/g, (_m, literal: string) => literal.replace(/\./g, "\u0000"))
          .split(".")
          // eslint-disable-next-line no-control-regex -- NUL stood in for the literal dot while splitting
          .map((segment) => segment.replace(/_$/, "").replace(/\u0000/g, "."))
          .filter((segment) => segment !== "_index")
          .map((segment) => (segment === "$caseId" ? String(ids.caseId) : segment === "$userId" ? String(ids.userId) : segment))
          .join("/"),
      hasAction: /export (const|async function|function) action\b/.test(fs.readFileSync(path.join(dir, file), "utf8")),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
const staffPaths = (ids: { caseId: number; userId: number }) => staffRoutes(ids).map((r) => r.path);

/** Pages anyone may open: signing in, setting up an account, and the pages after a session ends. */
const PUBLIC_PATHS = ["/staff/sign-in", "/staff/setup", "/staff/signed-out", "/staff/session-ended"];

function someIds() {
  return withDb((db) => ({
    caseId: (db.prepare("select max(id) as id from cases").get() as { id: number | null }).id ?? 1,
    userId: (db.prepare("select id from staff_users where email = ?").get(demoAccount("admin").email) as { id: number }).id,
  }));
}

test("every staff page and form refuses a signed-out visitor: they are sent to sign in", async ({ page }) => {
  const routes = staffRoutes(someIds());
  const paths = routes.map((r) => r.path);
  // The list really is every page (a broken list would pass vacuously).
  expect(paths.length).toBeGreaterThanOrEqual(30);
  for (const known of ["/staff", "/staff/admin/users", "/staff/cases", "/staff/cases/new", "/staff/enrol", "/staff/sign-out"]) {
    expect(paths).toContain(known);
  }
  const protectedRoutes = routes.filter((r) => !PUBLIC_PATHS.includes(r.path));
  expect(protectedRoutes.filter((r) => /\/staff\/cases\/\d+\/[a-z-]+$/.test(r.path)).length).toBeGreaterThanOrEqual(12);
  expect(protectedRoutes.filter((r) => r.hasAction).length).toBeGreaterThanOrEqual(20);

  for (const { path: p, hasAction } of protectedRoutes) {
    if (p !== "/staff/sign-out") {
      const get = await page.request.get(p, { maxRedirects: 0 });
      expect(`${p} ${get.status()} ${get.headers()["location"]}`).toBe(`${p} 303 /staff/sign-in`);
    }
    if (!hasAction) continue;
    const post = await page.request.post(p, { form: { csrf: "x", intent: "take", caseId: "1" }, maxRedirects: 0 });
    expect(`POST ${p} ${post.status()} ${post.headers()["location"]}`).toBe(`POST ${p} 303 /staff/sign-in`);
  }
  // Opening the sign-out address (not posting to it) only leads to the home page.
  const signOutGet = await page.request.get("/staff/sign-out", { maxRedirects: 0 });
  expect([signOutGet.status(), signOutGet.headers()["location"]]).toEqual([302, "/staff"]);
  for (const p of PUBLIC_PATHS) expect(`${p} ${(await page.request.get(p)).status()}`).toBe(`${p} 200`);
});

test("each role is refused the pages of the other roles with 403, and the refusal is logged", async ({ as, account }) => {
  const paths = staffPaths(someIds()).filter((p) => !PUBLIC_PATHS.includes(p));
  const adminPaths = paths.filter((p) => p.startsWith("/staff/admin"));
  const casePaths = paths.filter((p) => p.startsWith("/staff/cases"));
  expect(adminPaths.length).toBeGreaterThanOrEqual(4);
  expect(casePaths.length).toBeGreaterThanOrEqual(15);

  const expectRefused = async (page: Awaited<ReturnType<typeof as>>, list: string[]) => {
    for (const p of list) {
      const response = await page.request.get(p, { maxRedirects: 0 });
      expect(`${p} ${response.status()}`).toBe(`${p} 403`);
      expect(await response.text()).toContain("You do not have permission to do this.");
    }
  };
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  const admin = await as("admin");
  await expectRefused(reviewer, adminPaths);
  await expectRefused(manager, adminPaths);
  await expectRefused(admin, casePaths);

  // In a browser: the reviewer's 403 page, and the admin's.
  const shown = await reviewer.goto("/staff/admin/users");
  expect(shown!.status()).toBe(403);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to do this");
  await expect(reviewer.getByText("If you think you should be able to, ask your administrator.")).toBeVisible();
  const shownToAdmin = await admin.goto("/staff/cases");
  expect(shownToAdmin!.status()).toBe(403);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to do this");

  // The pages each role may open still open (the refusals are about role, not a broken session).
  expect((await reviewer.goto("/staff/cases"))!.status()).toBe(200);
  expect((await admin.goto("/staff/admin/users"))!.status()).toBe(200);

  // Each refusal is in the access log, naming who and which page.
  const reviewerId = (await account("reviewer")).id;
  const logged = withDb(
    (db) =>
      db
        .prepare("select reason from audit_log where action = 'access_denied' and actor_id = ? and entity_type = 'route' and entity_id = '/staff/admin/users'")
        .all(reviewerId) as Array<{ reason: string }>,
  );
  expect(logged.length).toBeGreaterThanOrEqual(2);
  expect(logged[0].reason).toBe("role required: admin");
});

test.describe("forged posts", () => {
  const newCaseForm = (subject: string) => ({
    channel: "proactive",
    urgent: "no",
    childName: `CanaryChild${randomToken()}`,
    subjectName: subject,
    contactTypes: "family",
    concern: "Raised by a neighbourhood officer.",
  });
  const casesAbout = (subject: string) =>
    withDb((db) => (db.prepare("select count(*) as n from case_people where role = 'subject' and full_name = ?").get(subject) as { n: number }).n);

  test("a cross-site post gets 403 even with a valid session and form token", async ({ as }) => {
    const reviewer = await as("reviewer");
    await reviewer.goto("/staff/cases/new");
    const csrf = await csrfTokenOf(reviewer);
    const subject = `CanarySubject${randomToken()}`;
    const forged = await reviewer.request.post("/staff/cases/new", {
      headers: { Origin: "https://evil.example" },
      form: { csrf, ...newCaseForm(subject) },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain("This form was sent from another website, so it was not accepted.");
    const forgedSite = await reviewer.request.post("/staff/cases/new", {
      headers: { "Sec-Fetch-Site": "cross-site" },
      form: { csrf, ...newCaseForm(subject) },
      maxRedirects: 0,
    });
    expect(forgedSite.status()).toBe(403);
    expect(casesAbout(subject)).toBe(0);

    // A real page on another site, posting a form to the service: refused too.
    const context = reviewer.context();
    await context.route("https://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>Win a prize</title><form method="post" action="${new URL(reviewer.url()).origin}/staff/cases/new">${Object.entries(
          { csrf, ...newCaseForm(subject) },
        )
          .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
          .join("")}<button>Go</button></form>`,
      }),
    );
    const evil = await context.newPage();
    await evil.goto("https://evil.example/prize");
    const [response] = await Promise.all([evil.waitForResponse((r) => r.url().endsWith("/staff/cases/new")), evil.getByRole("button", { name: "Go" }).click()]);
    expect(response.status()).toBe(403);
    expect(casesAbout(subject)).toBe(0);
  });

  test("a post from a signed-in page without the form token gets 403; with it, it works", async ({ as, account }) => {
    const reviewer = await as("reviewer");
    const reviewerId = (await account("reviewer")).id;
    await reviewer.goto("/staff/cases/new");
    const csrf = await csrfTokenOf(reviewer);
    const subject = `CanarySubject${randomToken()}`;
    const post = (fields: Record<string, string>) =>
      reviewer.evaluate(async (body) => {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(body)) form.append(k, v);
        const response = await fetch("/staff/cases/new", { method: "POST", body: form, redirect: "manual" });
        return { status: response.status, type: response.type, text: response.type === "opaqueredirect" ? "" : await response.text() };
      }, fields);

    const without = await post(newCaseForm(subject));
    expect(without.status).toBe(403);
    expect(without.text).toContain("You do not have permission to do this.");
    const wrong = await post({ csrf: csrf.replace(/.$/, (c) => (c === "A" ? "B" : "A")), ...newCaseForm(subject) });
    expect(wrong.status).toBe(403);
    expect(casesAbout(subject)).toBe(0);
    const denied = withDb(
      (db) =>
        db
          .prepare("select count(*) as n from audit_log where action = 'access_denied' and entity_id = '/staff/cases/new' and reason = 'form token missing or wrong' and actor_id = ?")
          .get(reviewerId) as { n: number },
    ).n;
    expect(denied).toBeGreaterThanOrEqual(2);

    // The control: the same post with the token opens the case.
    const withToken = await post({ csrf, ...newCaseForm(subject) });
    expect(withToken.type).toBe("opaqueredirect");
    expect(casesAbout(subject)).toBe(1);
  });
});
