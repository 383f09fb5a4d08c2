// Staff authentication in Chromium: the whole journey once (invitation, set-up, second factor,
// recovery codes, sign-out, sign-in again, a page the role may not open), and a form posted from
// another website (refused by the server in front of the app, so it needs real HTTP). Every
// signing-in page is scanned with axe on the way, with its errors (the only walk that reaches them:
// staff-accessibility.spec.ts scans the pages of people already signed in).
// The pages' server rules are in-process: tests/integration/staff-auth.test.ts (set-up page
// errors, idle expiry, throttling, equal answers for unknown and known emails) and
// tests/integration/staff-access.test.ts (deny by default, 403 for other roles, the form token).
import {
  codeForSecret,
  emailsTo,
  enrolTotp,
  expect,
  inviteStaff,
  makeStaff,
  randomToken,
  sessionById,
  sessionIdOf,
  signOut,
  staffTest as test,
  staffTitle,
  staffUserByEmail,
  strongPassword,
  withDb,
} from "./support";
import { scanner, scanWithErrors } from "./support/page-scans";

test("an admin invites a reviewer, who sets a password, enrols a second factor, signs out and signs in again", async ({ as }) => {
  test.slow(); // a ceiling, not a wait: the sign-in journey and a dozen axe scans, on a busy machine
  const { scanned, scan } = scanner();
  const admin = await as("admin");
  const person = makeStaff(["Reviewer (public protection officer)"]);
  const setupPath = await inviteStaff(admin, person);

  // The email went to the person only and holds only the link.
  const mails = emailsTo(person.email);
  expect(mails).toHaveLength(1);
  expect(mails[0].body).not.toContain(person.name);
  const user = staffUserByEmail(person.email)!;
  expect(user).toMatchObject({ active: 1, password_hash: null, totp_enrolled_at: null });
  expect(JSON.parse(user.roles)).toEqual(["reviewer"]);

  // The new person, at the same browser once the admin's cookie is gone (the portal keeps nothing
  // else in a browser): set-up, where the token leaves the address bar at once.
  const page = admin;
  await page.context().clearCookies();
  await page.goto(setupPath);
  await expect(page).toHaveURL(/\/staff\/setup$/);
  await expect(page).toHaveTitle(staffTitle("Set up your account"));
  await expect(page.getByText(`You are setting up the account for ${person.email}.`)).toBeVisible();
  await scan(page, "setup");
  await page.getByLabel("Create a password", { exact: true }).fill("123456789012345");
  await page.getByLabel("Enter the password again", { exact: true }).fill("123456789012346");
  await scanWithErrors(page, "setup", "Continue", scan, true);

  const password = strongPassword();
  await page.getByLabel("Create a password", { exact: true }).fill(password);
  await page.getByLabel("Enter the password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  await expect(page).toHaveTitle(staffTitle("Set up your second factor"));
  expect(staffUserByEmail(person.email)!.password_hash).toMatch(/^\$argon2id\$/);

  await expect(page.getByRole("img", { name: /^QR code for your authenticator app/ })).toBeVisible();
  await scan(page, "enrol");
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill("000000");
  await scanWithErrors(page, "enrol", "Continue", scan, true);

  const { secret, step, recoveryCodes } = await enrolTotp(page);
  await scan(page, "recovery codes");
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
  await scan(page, "home (reviewer)");
  // The codes are shown once only: nothing keeps them (the enrolment page now leads home: staff-access.test.ts).
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
  await scan(page, "signed-out");
  // The other pages of someone signed out: a session ended (one page for every reason, only its
  // sentence differing: staff-case-journey.test.ts) and a set-up link no longer valid.
  await page.goto("/staff/session-ended?reason=idle");
  await expect(page).toHaveTitle(staffTitle("Your session has ended"));
  await scan(page, "session-ended");
  await page.goto("/staff/setup");
  await scan(page, "setup link expired");

  // Sign in again: password, then a code from a newer step than the one used to enrol.
  await page.goto("/staff/sign-in");
  await expect(page).toHaveTitle(staffTitle("Sign in"));
  await scan(page, "sign-in");
  await scanWithErrors(page, "sign-in", "Continue", scan, true);
  await page.getByLabel("Email address", { exact: true }).fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/second-factor$/);
  await expect(page).toHaveTitle(staffTitle("Enter your security code"));
  await scan(page, "second factor");
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill("12345");
  await scanWithErrors(page, "second factor", "Sign in", scan, true);
  // The recovery code field is in a details element: open it for the scan.
  await page.getByText("I cannot use my authenticator app").click();
  await scan(page, "second factor, recovery code shown");
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

  // A page for another role: the 403 page, and the refusal is in the access log with its reason
  // (every route and role: staff-access.test.ts).
  const refused = await page.goto("/staff/admin/users");
  expect(refused!.status()).toBe(403);
  await expect(page).toHaveTitle(/^You do not have permission to do this – /);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to do this");
  await expect(page.getByText("If you think you should be able to, ask your administrator.")).toBeVisible();
  const logged = withDb(
    (db) =>
      db
        .prepare("select reason from audit_log where action = 'access_denied' and actor_id = ? and entity_type = 'route' and entity_id = '/staff/admin/users'")
        .all(enrolled.id) as Array<{ reason: string }>,
  );
  expect(logged).toEqual([{ reason: "role required: admin" }]);

  expect(scanned).toEqual([
    "setup",
    "setup with errors",
    "enrol",
    "enrol with errors",
    "recovery codes",
    "home (reviewer)",
    "signed-out",
    "session-ended",
    "setup link expired",
    "sign-in",
    "sign-in with errors",
    "second factor",
    "second factor with errors",
    "second factor, recovery code shown",
  ]);
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

  test("a cross-site post gets 403 even with a valid session and form token", async ({ as, baseURL }) => {
    const reviewer = await as("reviewer");
    // The session's own form token (the same post with it and no forged origin opens a case: staff-access.test.ts).
    const csrf = sessionById(await sessionIdOf(reviewer.context()))!.csrf_token;
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
        body: `<!doctype html><title>Win a prize</title><form method="post" action="${baseURL}/staff/cases/new">${Object.entries(
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
});
