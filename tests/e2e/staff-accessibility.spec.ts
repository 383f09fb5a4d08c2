// Accessibility of the staff side: axe (WCAG 2.0–2.2 A and AA) finds nothing on any staff page,
// including every form showing its errors. Same rules and one documented exclusion as the public
// pages (expectNoAxeViolations in support.ts). One scan per distinct page state, each page reached
// directly: staff sessions are injected and cases are moved to the stage under test by the app's own
// service (support/case-stages.ts). Only the signing-in pages (sign-in, set-up, enrolment, recovery
// codes, second factor) are reached through the pages themselves, since they are about signing in.
// What these pages say and refuse is checked in-process (tests/integration/staff-case-journey.test.ts
// and the tests it names).
import type { Page } from "@playwright/test";
import { staffCaseSchema } from "~/domain/staff-case-schema";
import { createStaffCase } from "~/services/staff-cases.server";
import { createStaffUser, getStaff } from "~/services/staff-accounts.server";
import {
  caseIdOf,
  codeForSecret,
  createTestAccount,
  enrolTotp,
  expect,
  expectNoAxeViolations,
  group,
  injectSession,
  makeAnswers,
  makeStaff,
  openCase,
  randomToken,
  signOut,
  staffTest as test,
  staffTitle,
  strongPassword,
  submitApplicationOverHttp,
  submitPassword,
  takeFromQueue,
  waitOutDoubleClickGuard,
} from "./support";
import { moveCaseTo } from "./support/case-stages";

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
type Scan = ReturnType<typeof scanner>["scan"];

/**
 * Clicks the form's button with nothing (or one wrong answer) filled in and scans the page shown
 * again with its errors. `again`: the form is sent again next, so GOV.UK's double-click guard is
 * waited out first.
 */
async function scanWithErrors(page: Page, what: string, submit: string, scan: Scan, again = false) {
  const url = page.url().replace(/[?#].*$/, "");
  await page.getByRole("button", { name: submit, exact: true }).click();
  const clickedAt = Date.now();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  expect(page.url().replace(/[?#].*$/, "")).toBe(url);
  await scan(page, `${what} with errors`);
  if (again) await waitOutDoubleClickGuard(page, clickedAt);
}

const SUBMIT = {
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
} as const;

/** A case form, opened by its address: scanned as the form (its button shown, not a refusal), then sent empty. */
async function scanCaseForm(viewer: Page, caseId: number, form: keyof typeof SUBMIT, scan: Scan) {
  await viewer.goto(`/staff/cases/${caseId}/${form}`);
  await expect(viewer).not.toHaveTitle(/^Error: /);
  await expect(viewer.getByRole("button", { name: SUBMIT[form], exact: true })).toBeVisible();
  // The side forms show no inset text unless they refuse.
  if (["exit", "retriage", "extend"].includes(form)) await expect(viewer.locator(".govuk-inset-text")).toHaveCount(0);
  await scan(viewer, form);
  // Closing with nothing to add is valid (the outcomes come from the records): no empty-form error to scan.
  if (form !== "close") await scanWithErrors(viewer, form, SUBMIT[form], scan);
}

/** Statistics and the access log, for a role that may see them. */
async function scanOversightPages(viewer: Page, role: string, scan: Scan) {
  for (const [path, name] of [
    ["/staff/statistics", "statistics"],
    ["/staff/audit", "audit"],
  ] as const) {
    const response = await viewer.goto(path);
    expect(response?.status(), `${path} for the ${role}`).toBe(200);
    await scan(viewer, `${name} (${role})`);
  }
}

// The signed-out and admin pages, and a new person's own pages, in two tests that run side by side.
test("sign-in and signed-out pages, the admin's pages and adding a member of staff", async ({ as, account, freshPage }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();

  // Signed out.
  const visitor = await freshPage();
  await visitor.goto("/staff/sign-in");
  await scan(visitor, "sign-in");
  await scanWithErrors(visitor, "sign-in", "Continue", scan);
  await visitor.goto("/staff/signed-out");
  await scan(visitor, "signed-out");
  // One page for every reason, only its sentence differing (each reason's loader result: staff-case-journey.test.ts).
  await visitor.goto("/staff/session-ended?reason=idle");
  await expect(visitor).toHaveTitle(staffTitle("Your session has ended"));
  await scan(visitor, "session-ended");
  await visitor.goto("/staff/setup");
  await scan(visitor, "setup link expired");

  // The admin's pages.
  const admin = await as("admin");
  await admin.goto("/staff");
  await scan(admin, "home (admin)");
  await admin.goto("/staff/admin/users");
  await scan(admin, "staff accounts");
  await admin.goto("/staff/admin/users/new");
  await scan(admin, "add a member of staff");
  await scanWithErrors(admin, "add a member of staff", "Add and send set-up link", scan);
  // A manager's account made by this admin: the role waits for a second administrator (two-person rule).
  const person = makeStaff(["Reviewer (public protection officer)", "Manager (public protection manager)"]);
  const { user } = createStaffUser({ email: person.email, displayName: person.name, roles: ["reviewer", "manager"] }, { kind: "staff", id: (await account("admin")).id });
  await admin.goto(`/staff/admin/users/${user.id}`);
  await scan(admin, "staff account");
  const secondAdmin = await freshPage();
  await injectSession(secondAdmin.context(), await createTestAccount(["admin"]));
  await secondAdmin.goto(`/staff/admin/users/${user.id}`);
  await expect(secondAdmin.getByRole("button", { name: "Approve", exact: true })).toBeVisible();
  await scan(secondAdmin, "staff account, change waiting for approval");
  await admin.goto("/staff/admin/bank-holidays");
  await scan(admin, "bank holidays");
  await group(admin, "Date").getByLabel("Day", { exact: true }).fill("31");
  await group(admin, "Date").getByLabel("Month", { exact: true }).fill("2");
  await group(admin, "Date").getByLabel("Year", { exact: true }).fill("2027");
  await scanWithErrors(admin, "bank holidays", "Add bank holiday", scan);
  // The account page is scanned as a reviewer's (test below): an admin's is the same less the duty form.
  await admin.goto("/staff/account/password");
  await scan(admin, "change password");
  await scanOversightPages(admin, "admin", scan);

  expect(scanned).toEqual([
    "sign-in",
    "sign-in with errors",
    "signed-out",
    "session-ended",
    "setup link expired",
    "home (admin)",
    "staff accounts",
    "add a member of staff",
    "add a member of staff with errors",
    "staff account",
    "staff account, change waiting for approval",
    "bank holidays",
    "bank holidays with errors",
    "change password",
    "statistics (admin)",
    "audit (admin)",
  ]);
});

test("account set-up, second factor and recovery codes", async ({ freshPage }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  // A reviewer and manager invited (the admin's pages for it are scanned in the test above).
  const person = makeStaff(["Reviewer (public protection officer)", "Manager (public protection manager)"]);
  const { setupLink } = createStaffUser({ email: person.email, displayName: person.name, roles: ["reviewer", "manager"] }, { kind: "system" });

  // The new person: set-up, enrolment, recovery codes.
  const page = await freshPage();
  const link = new URL(setupLink);
  await page.goto(link.pathname + link.search);
  await scan(page, "setup");
  await page.getByLabel("Create a password", { exact: true }).fill("123456789012345");
  await page.getByLabel("Enter the password again", { exact: true }).fill("123456789012346");
  await scanWithErrors(page, "setup", "Continue", scan, true);
  const password = strongPassword();
  await page.getByLabel("Create a password", { exact: true }).fill(password);
  await page.getByLabel("Enter the password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  await scan(page, "enrol");
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill("000000");
  await scanWithErrors(page, "enrol", "Continue", scan, true);
  const { secret, step } = await enrolTotp(page);
  await scan(page, "recovery codes");
  await page.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await scan(page, "home (reviewer and manager)");

  // Signing in again: the second factor page, with and without errors.
  await signOut(page); // the signed-out page is scanned in the test above
  await submitPassword(page, { email: person.email, password });
  await expect(page).toHaveURL(/\/staff\/second-factor$/);
  await scan(page, "second factor");
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill("12345");
  await scanWithErrors(page, "second factor", "Sign in", scan, true);
  // The recovery code field is in a details element: open it for the scan.
  await page.getByText("I cannot use my authenticator app").click();
  await scan(page, "second factor, recovery code shown");
  const { code } = await codeForSecret(secret, step);
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await scanOversightPages(page, "manager", scan);

  expect(scanned).toEqual([
    "setup",
    "setup with errors",
    "enrol",
    "enrol with errors",
    "recovery codes",
    "home (reviewer and manager)",
    "second factor",
    "second factor with errors",
    "second factor, recovery code shown",
    "statistics (manager)",
    "audit (manager)",
  ]);
});

// The queues and a case's stage forms, in two tests of their own data that run side by side.
test("queues, a new case, and the early stage forms with and without errors", async ({ page, as, account }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  // The home page of a reviewer and manager is scanned in the set-up test: a manager's is the same,
  // a reviewer's the same less the statistics and access log links.

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
  // The unassigned and overdue queues are the all-open table, other rows; a new reviewer's own queue is empty.
  for (const query of ["queue=mine", "queue=urgent&status=received&urgent=yes&sort=received"]) {
    await reviewer.goto(`/staff/cases?${query}`);
    await scan(reviewer, `queue: ${query}`);
  }
  await takeFromQueue(reviewer, reference);
  await scan(reviewer, "queue after taking a case");

  // The case as received, and each form of the way to the checks, the case moved on between them.
  await openCase(reviewer, caseId);
  await scan(reviewer, "case: received");
  const actors = { reviewer: await account("reviewer") };
  for (const [form, stage] of [
    ["risk-check", "received"],
    ["scope", "scope"],
    ["verification", "verification"],
    ["checks", "checks"],
  ] as const) {
    moveCaseTo(caseId, stage, actors);
    await scanCaseForm(reviewer, caseId, form, scan);
  }

  expect(scanned).toEqual([
    "queue: all open (reviewer)",
    "queue: all open (manager)",
    "queue: queue=mine",
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
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  const actors = { reviewer: await account("reviewer"), manager: await account("manager") };
  // The stages before the assessment are scanned in the test above: this case starts at the assessment.
  const caseId = caseIdOf(await submitApplicationOverHttp(page, makeAnswers()));
  const scanCase = async (viewer: Page, stage: string) => {
    await openCase(viewer, caseId);
    await scan(viewer, `case: ${stage}`);
  };
  moveCaseTo(caseId, "assessment", actors);
  await scanCaseForm(reviewer, caseId, "assessment", scan);
  moveCaseTo(caseId, "decision", actors);
  await scanCase(reviewer, "awaiting decision (reviewer)");
  await reviewer.goto(`/staff/cases/${caseId}/decision`);
  await expect(reviewer.locator(".govuk-inset-text")).toHaveText("Only a manager can do this.");
  await scan(reviewer, "decision, blocked for a reviewer");
  await scanCase(manager, "awaiting decision (manager)");
  await scanCaseForm(manager, caseId, "decision", scan);
  moveCaseTo(caseId, "delivery", actors);
  await scanCase(reviewer, "disclosure to deliver");
  await scanCaseForm(reviewer, caseId, "delivery", scan);
  moveCaseTo(caseId, "closure", actors);
  await scanCase(reviewer, "closure");
  await scanCaseForm(reviewer, caseId, "close", scan);
  moveCaseTo(caseId, "closed", actors);
  await scanCase(reviewer, "closed");

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
  ]);
});

// Apart from the case above so the two run side by side.
test("a case opened by staff, its side forms with and without errors, and the account page", async ({ as, account }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const reviewer = await as("reviewer");
  const manager = await as("manager");
  // Opening a case: the form, with errors; then a case opened by staff (by the service) and its side forms.
  await reviewer.goto("/staff/cases/new");
  await scan(reviewer, "open a case");
  await scanWithErrors(reviewer, "open a case", "Open the case", scan);
  const names = { childName: `CanaryChild${randomToken()}`, subjectName: `CanarySubject${randomToken()}` };
  const openProactiveCase = async () =>
    createStaffCase(
      staffCaseSchema().parse({ channel: "proactive", urgent: "no", ...names, contactTypes: ["lives-with"], concern: "Seen by a neighbourhood officer." }),
      getStaff((await account("reviewer")).id)!,
    );
  const opened = await openProactiveCase();
  await openCase(reviewer, opened.caseId);
  await scan(reviewer, "case: opened by staff");
  for (const [viewer, form] of [
    [reviewer, "exit"],
    [reviewer, "retriage"],
    [manager, "extend"],
  ] as const) {
    await scanCaseForm(viewer, opened.caseId, form, scan);
  }
  // Its names are new, so nothing is linked: the page as it is for most cases.
  await reviewer.goto(`/staff/cases/${opened.caseId}/linked`);
  await expect(reviewer.getByText("No other cases match.")).toBeVisible();
  await scan(reviewer, "linked cases (none)");
  // A second case about the same child and subject: each is linked to the other.
  const second = await openProactiveCase();
  await reviewer.goto(`/staff/cases/${second.caseId}/linked`);
  await expect(reviewer.getByRole("link", { name: opened.reference, exact: true })).toBeVisible();
  await scan(reviewer, "linked cases (a match)");
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
    "linked cases (a match)",
    "account (reviewer)",
  ]);
});
