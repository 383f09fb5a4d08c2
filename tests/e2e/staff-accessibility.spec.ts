// Accessibility of the staff side: axe (WCAG 2.0–2.2 A and AA) finds nothing on any staff page
// visited, including every form showing its errors. Same rules and one documented exclusion as
// the public pages (expectNoAxeViolations in support.ts).
import type { Page } from "@playwright/test";
import {
  approveRecommendation,
  caseIdOf,
  closeCase,
  codeForSecret,
  createTestAccount,
  enrolTotp,
  expect,
  expectNoAxeViolations,
  fastForwardToAssessment,
  group,
  injectSession,
  inviteStaff,
  makeAnswers,
  makeStaff,
  mandatoryChecks,
  openCase,
  randomToken,
  recordAssessment,
  recordCheck,
  recordDisclosure,
  recordRiskCheck,
  recordScope,
  recordVerification,
  signOut,
  staffTest as test,
  staffTitle,
  strongPassword,
  submitApplicationOverHttp,
  submitPassword,
  takeFromQueue,
  waitOutDoubleClickGuard,
  type CaseFormHook,
  type CaseFormName,
} from "./support";

/** Scans a page and remembers that it did. */
function scanner() {
  const scanned: string[] = [];
  const scan = async (page: Page, what: string) => {
    await expect(page.locator("main h1")).toBeVisible();
    await expectNoAxeViolations(page, what);
    scanned.push(what);
  };
  return { scanned, scan };
}

/** Clicks the form's button with nothing (or too little) filled in; scans the page with its errors. */
async function scanWithErrors(page: Page, what: string, submit: string, scan: (page: Page, what: string) => Promise<void>) {
  const url = page.url().replace(/[?#].*$/, "");
  await page.getByRole("button", { name: submit, exact: true }).click();
  const clickedAt = Date.now();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  expect(page.url().replace(/[?#].*$/, "")).toBe(url);
  await scan(page, `${what} with errors`);
  await waitOutDoubleClickGuard(page, clickedAt);
}

const SUBMIT: Record<CaseFormName, string> = {
  "risk-check": "Save and continue to scope",
  scope: "Save scope decision",
  verification: "Save and continue to checks",
  checks: "Record this check",
  assessment: "Submit for a manager's decision",
  decision: "Sign the decision",
  delivery: "Save the disclosure record",
  close: "Close the case",
  exit: "Close the case",
  extend: "Approve the extension",
  retriage: "Save re-triage",
};

/** On arrival at each case form: scans it, then scans it sent empty (with its errors). */
function scanFormHook(scan: (page: Page, what: string) => Promise<void>): CaseFormHook {
  return async (form, p) => {
    await scan(p, form);
    // Closing with nothing to add is valid (the outcomes come from the records): no empty-form error to scan.
    if (form !== "close") await scanWithErrors(p, form, SUBMIT[form], scan);
  };
}

/** Statistics and the access log, for a role that may see them, if they exist yet. */
async function scanOversightPages(viewer: Page, role: string, scan: (page: Page, what: string) => Promise<void>) {
  for (const [path, name] of [
    ["/staff/statistics", "statistics"],
    ["/staff/audit", "audit"],
  ] as const) {
    const response = await viewer.goto(path);
    if (response?.status() === 404) {
      test.info().annotations.push({ type: "skipped page", description: `${path} does not exist yet` });
      continue;
    }
    expect(response?.status(), `${path} for the ${role}`).toBe(200);
    await scan(viewer, `${name} (${role})`);
  }
}

// The signed-out and admin pages, and a new person's own pages, in two tests that run side by side.
test("sign-in and signed-out pages, the admin's pages and adding a member of staff", async ({ as, freshPage }) => {
  test.setTimeout(480_000); // a ceiling, not a wait: dozens of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();

  // Signed out.
  const visitor = await freshPage();
  await visitor.goto("/staff/sign-in");
  await scan(visitor, "sign-in");
  await scanWithErrors(visitor, "sign-in", "Continue", scan);
  await visitor.goto("/staff/signed-out");
  await scan(visitor, "signed-out");
  for (const reason of ["idle", "absolute", "deactivated"]) {
    await visitor.goto(`/staff/session-ended?reason=${reason}`);
    await expect(visitor).toHaveTitle(staffTitle("Your session has ended"));
    await scan(visitor, `session-ended (${reason})`);
  }
  await visitor.goto("/staff/setup");
  await scan(visitor, "setup link expired");

  // The admin's pages.
  const admin = await as("admin");
  await admin.goto("/staff");
  await scan(admin, "home (admin)");
  await admin.goto("/staff/admin/users");
  await scan(admin, "staff accounts");
  const person = makeStaff(["Reviewer (public protection officer)", "Manager (public protection manager)"]);
  await inviteStaff(admin, person, {
    onPage: async (p) => {
      await scan(p, "add a member of staff");
      await scanWithErrors(p, "add a member of staff", "Add and send set-up link", scan);
    },
  });
  await scan(admin, "staff account");
  // Granting the manager role waits for a second administrator (two-person rule), who approves it.
  const secondAdmin = await freshPage();
  await injectSession(secondAdmin.context(), await createTestAccount(["admin"]));
  await secondAdmin.goto(new URL(admin.url()).pathname);
  await scan(secondAdmin, "staff account, change waiting for approval");
  await secondAdmin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(secondAdmin.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await admin.goto("/staff/admin/bank-holidays");
  await scan(admin, "bank holidays");
  await group(admin, "Date").getByLabel("Day", { exact: true }).fill("31");
  await group(admin, "Date").getByLabel("Month", { exact: true }).fill("2");
  await group(admin, "Date").getByLabel("Year", { exact: true }).fill("2027");
  await scanWithErrors(admin, "bank holidays", "Add bank holiday", scan);
  await admin.goto("/staff/account");
  await scan(admin, "account");
  await admin.goto("/staff/account/password");
  await scan(admin, "change password");
  await scanOversightPages(admin, "admin", scan);

  expect(scanned.filter((s) => !/^(statistics|audit) /.test(s))).toEqual([
    "sign-in",
    "sign-in with errors",
    "signed-out",
    "session-ended (idle)",
    "session-ended (absolute)",
    "session-ended (deactivated)",
    "setup link expired",
    "home (admin)",
    "staff accounts",
    "add a member of staff",
    "add a member of staff with errors",
    "staff account",
    "staff account, change waiting for approval",
    "bank holidays",
    "bank holidays with errors",
    "account",
    "change password",
  ]);
});

test("account set-up, second factor and recovery codes", async ({ as, freshPage }) => {
  test.setTimeout(480_000); // a ceiling, not a wait: dozens of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();

  // Invited by an admin, the manager role approved by a second (their pages are scanned in the test above).
  const admin = await as("admin");
  const person = makeStaff(["Reviewer (public protection officer)", "Manager (public protection manager)"]);
  const setupPath = await inviteStaff(admin, person);
  const secondAdmin = await freshPage();
  await injectSession(secondAdmin.context(), await createTestAccount(["admin"]));
  await secondAdmin.goto(new URL(admin.url()).pathname);
  await secondAdmin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(secondAdmin.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

  // The new person: set-up, enrolment, recovery codes.
  const page = await freshPage();
  await page.goto(setupPath);
  await scan(page, "setup");
  await page.getByLabel("Create a password", { exact: true }).fill("123456789012345");
  await page.getByLabel("Enter the password again", { exact: true }).fill("123456789012346");
  await scanWithErrors(page, "setup", "Continue", scan);
  const password = strongPassword();
  await page.getByLabel("Create a password", { exact: true }).fill(password);
  await page.getByLabel("Enter the password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  await scan(page, "enrol");
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill("000000");
  await scanWithErrors(page, "enrol", "Continue", scan);
  const { secret, step } = await enrolTotp(page);
  await scan(page, "recovery codes");
  await page.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await scan(page, "home (reviewer and manager)");

  // Signing in again: the second factor page, with and without errors.
  await signOut(page);
  await scan(page, "signed-out after signing out");
  await submitPassword(page, { email: person.email, password });
  await expect(page).toHaveURL(/\/staff\/second-factor$/);
  await scan(page, "second factor");
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill("12345");
  await scanWithErrors(page, "second factor", "Sign in", scan);
  // The recovery code field is in a details element: open it for the scan.
  await page.getByText("I cannot use my authenticator app").click();
  await scan(page, "second factor, recovery code shown");
  const { code } = await codeForSecret(secret, step);
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await scanOversightPages(page, "manager", scan);

  expect(scanned.filter((s) => !/^(statistics|audit) /.test(s))).toEqual([
    "setup",
    "setup with errors",
    "enrol",
    "enrol with errors",
    "recovery codes",
    "home (reviewer and manager)",
    "signed-out after signing out",
    "second factor",
    "second factor with errors",
    "second factor, recovery code shown",
  ]);
});

// The queues and a case's stage forms, in two tests of their own data that run side by side.
test("queues, a new case, and the early stage forms with and without errors", async ({ page, as }) => {
  test.setTimeout(480_000); // a ceiling, not a wait: dozens of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  await reviewer.goto("/staff");
  await scan(reviewer, "home (reviewer)");
  await manager.goto("/staff");
  await scan(manager, "home (manager)");

  const reference = await submitApplicationOverHttp(page, makeAnswers());
  const caseId = caseIdOf(reference);

  // Queues, as each caseworker sees them (the manager's have the assign controls).
  for (const [who, viewer] of [
    ["reviewer", reviewer],
    ["manager", manager],
  ] as const) {
    await viewer.goto("/staff/cases");
    await scan(viewer, `queue: all open (${who})`);
  }
  for (const query of ["queue=unassigned", "queue=mine", "queue=overdue", "queue=urgent&status=received&urgent=yes&sort=received"]) {
    await reviewer.goto(`/staff/cases?${query}`);
    await scan(reviewer, `queue: ${query}`);
  }
  await takeFromQueue(reviewer, reference);
  await scan(reviewer, "queue after taking a case");

  // The case as received, and each form of the way to the checks, empty first.
  await openCase(reviewer, caseId);
  await scan(reviewer, "case: received");
  const formHook = scanFormHook(scan);
  await recordRiskCheck(reviewer, caseId, formHook);
  await recordScope(reviewer, caseId, formHook);
  await recordVerification(reviewer, caseId, formHook);
  await recordCheck(reviewer, caseId, mandatoryChecks(true)[0], formHook);

  expect(scanned).toEqual([
    "home (reviewer)",
    "home (manager)",
    "queue: all open (reviewer)",
    "queue: all open (manager)",
    "queue: queue=unassigned",
    "queue: queue=mine",
    "queue: queue=overdue",
    "queue: queue=urgent&status=received&urgent=yes&sort=received",
    "queue after taking a case",
    "case: received",
    "risk-check",
    "risk-check with errors",
    "scope",
    "scope with errors",
    "verification",
    "verification with errors",
    "checks",
    "checks with errors",
  ]);
});

test("a case from the assessment to closure: every stage form with and without errors", async ({ page, as, account }) => {
  test.setTimeout(480_000); // a ceiling, not a wait: dozens of pages, each scanned with axe, on a busy machine
  const MANAGER = await account("manager");
  const { scanned, scan } = scanner();
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  // The stages before the assessment are scanned in the test above: this case starts at the assessment.
  const caseId = caseIdOf(await submitApplicationOverHttp(page, makeAnswers()));
  fastForwardToAssessment(caseId, (await account("reviewer")).id, { convictions: true });

  const formHook = scanFormHook(scan);
  const scanCase = async (viewer: Page, stage: string) => {
    await openCase(viewer, caseId);
    await scan(viewer, `case: ${stage}`);
  };
  const recipient = { name: `CanaryRecipient${randomToken()}`, relationship: "Aunt", reason: "The child lives with her.", wording: `WordingCanary${randomToken()} The person has convictions.` };
  await recordAssessment(reviewer, caseId, { recommendation: "Disclose", csoConvictions: true, recipient }, formHook);
  await scanCase(reviewer, "awaiting decision (reviewer)");
  await reviewer.goto(`/staff/cases/${caseId}/decision`);
  await expect(reviewer.locator(".govuk-inset-text")).toHaveText("Only a manager can do this.");
  await scan(reviewer, "decision, blocked for a reviewer");
  await scanCase(manager, "awaiting decision (manager)");
  await approveRecommendation(manager, caseId, MANAGER.email, "Necessary and proportionate.", formHook);
  await scanCase(reviewer, "disclosure to deliver");
  await recordDisclosure(
    reviewer,
    caseId,
    { place: "Testtown police station", officers: "PC 1234 Example", warnings: "Confidential.", expectRecipient: recipient.name, expectWording: recipient.wording },
    formHook,
  );
  await scanCase(reviewer, "closure");
  await closeCase(reviewer, caseId, ["Disclosure (child sexual offence convictions)"], formHook);
  await scanCase(reviewer, "closed");
  await reviewer.goto(`/staff/cases/${caseId}/linked`);
  await scan(reviewer, "linked cases");

  expect(scanned).toEqual([
    "assessment",
    "assessment with errors",
    "case: awaiting decision (reviewer)",
    "decision, blocked for a reviewer",
    "case: awaiting decision (manager)",
    "decision",
    "decision with errors",
    "case: disclosure to deliver",
    "delivery",
    "delivery with errors",
    "case: closure",
    "close",
    "case: closed",
    "linked cases",
  ]);
});

// Apart from the journey above so the two run side by side (each is long on a busy machine).
test("a case opened by staff, its side forms with and without errors, and the account page", async ({ as }) => {
  test.setTimeout(240_000); // a ceiling, not a wait
  const { scanned, scan } = scanner();
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  // The form with errors, then the side forms on an open case.
  await reviewer.goto("/staff/cases/new");
  await scan(reviewer, "open a case");
  await scanWithErrors(reviewer, "open a case", "Open the case", scan);
  await group(reviewer, "How did the case come in?").getByLabel("Proactive (started by police)", { exact: true }).check();
  await group(reviewer, "Is a child in danger now?").getByLabel("No", { exact: true }).check();
  await group(reviewer, "Child").getByLabel("Name", { exact: true }).fill(`CanaryChild${randomToken()}`);
  await group(reviewer, "Subject").getByLabel("Name", { exact: true }).fill(`CanarySubject${randomToken()}`);
  await group(reviewer, "How does the subject have contact with the child?").getByRole("checkbox").first().check();
  await reviewer.getByLabel("Reason for concern", { exact: true }).fill("Seen by a neighbourhood officer.");
  await reviewer.getByRole("button", { name: "Open the case", exact: true }).click();
  await expect(reviewer).toHaveURL(/\/staff\/cases\/\d+$/);
  const openId = Number(/\/staff\/cases\/(\d+)$/.exec(reviewer.url())![1]);
  await scan(reviewer, "case: opened by staff");
  for (const [viewer, form] of [
    [reviewer, "exit"],
    [reviewer, "retriage"],
    [manager, "extend"],
  ] as const) {
    await viewer.goto(`/staff/cases/${openId}/${form}`);
    await expect(viewer.locator(".govuk-inset-text")).toHaveCount(0); // the form, not a refusal
    await scan(viewer, form);
    await scanWithErrors(viewer, form, SUBMIT[form], scan);
  }
  await reviewer.goto(`/staff/cases/${openId}/linked`);
  await scan(reviewer, "linked cases (none)");
  await reviewer.goto("/staff/account");
  await scan(reviewer, "account (reviewer)");

  expect(scanned).toEqual([
    "open a case",
    "open a case with errors",
    "case: opened by staff",
    "exit",
    "exit with errors",
    "retriage",
    "retriage with errors",
    "extend",
    "extend with errors",
    "linked cases (none)",
    "account (reviewer)",
  ]);
});
