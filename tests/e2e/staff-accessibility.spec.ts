// Accessibility of the staff side: axe (WCAG 2.0–2.2 A and AA) finds nothing on any staff page,
// including every form showing its errors. Same rules and one documented exclusion as the public
// pages (expectNoAxeViolations in support.ts). One scan per distinct page state across the suite,
// each page reached directly: staff sessions are injected (two people taking turns in one browser
// page, see actAs) and cases are moved to the stage under test by the app's own service
// (support/case-stages.ts). Scanned elsewhere, where a test reaches them anyway: the signing-in pages
// (sign-in, set-up, enrolment, recovery codes, second factor, signed out, session ended) on the one
// walk through them in staff-auth.spec.ts; statistics and the access log in oversight.spec.ts; the
// checks page in decision-chain.spec.ts. The assessment's "Save as draft" (JavaScript) is checked
// where its page is scanned. What these pages say and refuse is checked in-process
// (tests/integration/staff-case-journey.test.ts and the tests it names).
import type { Page } from "@playwright/test";
import { staffCaseSchema } from "~/domain/staff-case-schema";
import { createStaffCase } from "~/services/staff-cases.server";
import { createStaffUser, getStaff } from "~/services/staff-accounts.server";
import { createTestAccount, expect, expectErrorSummary, group, makeStaff, openCase, randomToken, staffTest as test, staffTitle, takeFromQueue, waitOutDoubleClickGuard, withDb } from "./support";
import { moveCaseTo } from "./support/case-stages";
import { actAs, scanner, scanWithErrors, type Scan } from "./support/page-scans";
import { applicationSent } from "./support/staff-other-cases";

const SUBMIT = {
  "risk-check": "Save and continue to scope",
  scope: "Save scope decision",
  verification: "Save and continue to checks",
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

// The admin's pages, in a test of their own that runs beside the casework ones.
test("the admin's pages: accounts, adding a member of staff, bank holidays, settings, and a change waiting for approval", async ({ as, account }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const admin = await as("admin");
  await admin.goto("/staff");
  await scan(admin, "home (admin)");
  await admin.goto("/staff/admin/users");
  await scan(admin, "staff accounts");
  await admin.goto("/staff/admin/users/new");
  await scan(admin, "add a member of staff");
  // Its errors with nothing filled in (a personal "work email" refused: staff-oversight.test.ts).
  await scanWithErrors(admin, "add a member of staff", "Add and send set-up link", scan);
  // A manager's account made by this admin: the role waits for a second administrator (two-person rule).
  const person = makeStaff(["Reviewer (public protection officer)", "Manager (public protection manager)"]);
  const { user } = createStaffUser({ email: person.email, displayName: person.name, roles: ["reviewer", "manager"] }, { kind: "staff", id: (await account("admin")).id });
  await admin.goto(`/staff/admin/users/${user.id}`);
  await scan(admin, "staff account");
  await admin.goto(`/staff/admin/users/${(await account("reviewer")).id}/deactivate`);
  await expect(admin).toHaveTitle(staffTitle("Deactivate a staff account"));
  await scan(admin, "deactivate confirmation");
  await admin.goto("/staff/admin/bank-holidays");
  await scan(admin, "bank holidays");
  await group(admin, "Date").getByLabel("Day", { exact: true }).fill("31");
  await group(admin, "Date").getByLabel("Month", { exact: true }).fill("2");
  await group(admin, "Date").getByLabel("Year", { exact: true }).fill("2027");
  await scanWithErrors(admin, "bank holidays", "Add bank holiday", scan);
  // The account page is scanned as a reviewer's (test below): an admin's is the same less the duty form.
  await admin.goto("/staff/account/password");
  await scan(admin, "change password");
  // Settings: one wrong answer, then saved (what they change and the notice shown once: settings.test.ts, notices.test.ts).
  await admin.goto("/staff/admin/settings");
  const idle = admin.getByLabel("Sign out after this many minutes without activity", { exact: true });
  const saved = await idle.inputValue();
  await idle.fill("soon");
  await admin.getByRole("button", { name: "Save settings" }).click();
  const clickedAt = Date.now();
  await expectErrorSummary(admin, ["Idle timeout (minutes) must be a whole number"]);
  await scan(admin, "settings with errors");
  await idle.fill(saved);
  // Sent again after the page with errors: GOV.UK's double-click guard is waited out first.
  await waitOutDoubleClickGuard(admin, clickedAt);
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("heading", { name: "Success" })).toBeVisible();
  await scan(admin, "settings saved");
  // A second administrator, in the same browser page, sees the manager's role waiting for approval.
  await actAs(admin, await createTestAccount(["admin"]));
  await admin.goto(`/staff/admin/users/${user.id}`);
  await expect(admin.getByRole("button", { name: "Approve", exact: true })).toBeVisible();
  await scan(admin, "staff account, change waiting for approval");

  expect(scanned).toEqual([
    "home (admin)",
    "staff accounts",
    "add a member of staff",
    "add a member of staff with errors",
    "staff account",
    "deactivate confirmation",
    "bank holidays",
    "bank holidays with errors",
    "change password",
    "settings with errors",
    "settings saved",
    "staff account, change waiting for approval",
  ]);
});

// The queues and a case's stage forms, in tests of their own data that run side by side.
test("queues, a new case, and the early stage forms with and without errors", async ({ as, account }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const actors = { reviewer: await account("reviewer"), manager: await account("manager") };
  const { caseId, reference } = await applicationSent({ childName: `CanaryChild${randomToken()}`, subjectName: `CanarySubject${randomToken()}` });

  // The manager's home page and queue (with the assign controls); then, in the same browser page,
  // the reviewer's. A reviewer's home page is scanned on the signing-in walk (staff-auth.spec.ts):
  // the same less the statistics and access log links.
  const viewer = await as("manager");
  await viewer.goto("/staff");
  await scan(viewer, "home (manager)");
  await viewer.goto("/staff/cases");
  await scan(viewer, "queue: all open (manager)");
  // The reviewer's: their queue of all open cases is the table scanned after taking a case (its take
  // buttons, and the banner); the unassigned and overdue queues are that table, other rows; a new
  // reviewer's own queue is empty.
  await actAs(viewer, actors.reviewer);
  for (const query of ["queue=mine", "queue=urgent&status=received&urgent=yes&sort=received"]) {
    await viewer.goto(`/staff/cases?${query}`);
    await scan(viewer, `queue: ${query}`);
  }
  await takeFromQueue(viewer, reference);
  await scan(viewer, "queue after taking a case");

  // The case as received, and each form of the way to the checks, the case moved on between them
  // (the checks page, with its errors: decision-chain.spec.ts).
  await openCase(viewer, caseId);
  await scan(viewer, "case: received");
  for (const [form, stage] of [
    ["risk-check", "received"],
    ["scope", "scope"],
    ["verification", "verification"],
  ] as const) {
    moveCaseTo(caseId, stage, actors);
    await scanCaseForm(viewer, caseId, form, scan);
  }

  expect(scanned).toEqual([
    "home (manager)",
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
  ]);
});

test("a case from the assessment to closure: every stage form with and without errors, and the assessment saved as a draft", async ({ as, account }) => {
  test.slow(); // a ceiling, not a wait: a score of pages, each scanned with axe, on a busy machine
  const { scanned, scan } = scanner();
  const actors = { reviewer: await account("reviewer"), manager: await account("manager") };
  // The reviewer and the manager take turns in one browser page.
  const viewer = await as("reviewer");
  // The stages before the assessment are scanned in the test above: this case starts at the assessment.
  const { caseId } = await applicationSent({ childName: `CanaryChild${randomToken()}`, subjectName: `CanarySubject${randomToken()}` });
  const scanCase = async (stage: string) => {
    await openCase(viewer, caseId);
    await scan(viewer, `case: ${stage}`);
  };
  moveCaseTo(caseId, "assessment", actors);
  await viewer.goto(`/staff/cases/${caseId}/assessment`);
  await scan(viewer, "assessment");
  // No lost work on a long form (issue 12): the half-typed assessment saved with "Save as draft" (a
  // second submit button: with JavaScript, Remix sends the button pressed) comes back filled in,
  // and nothing of it is in the address or the browser's storage. Its rules (its author's only, kept
  // across sessions, deleted once sent, logged without its values): staff-drafts.test.ts.
  const risk = `Contact at weekends, ${randomToken()}`;
  await viewer.getByLabel("The risk to the named child or children", { exact: true }).fill(risk);
  await viewer.getByRole("button", { name: "Save as draft", exact: true }).click();
  await expect(viewer.getByRole("alert")).toContainText("Draft saved");
  await expect(viewer).not.toHaveTitle(/^Error: /);
  await expect(viewer.locator(".govuk-error-summary")).toHaveCount(0);
  await expect(viewer.getByText(/This form is filled in from the draft you saved on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)\./)).toBeVisible();
  await expect(viewer.getByLabel("The risk to the named child or children", { exact: true })).toHaveValue(risk);
  await scan(viewer, "assessment filled in from a draft");
  expect(viewer.url()).not.toContain("weekends");
  expect(await viewer.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain("weekends");
  const drafts = withDb((db) => db.prepare("select data from staff_form_drafts where case_id = ?").all(caseId) as Array<{ data: string }>);
  expect(drafts).toHaveLength(1);
  expect(drafts[0].data).toContain(risk);
  // The rest left unanswered: the form with its errors.
  await scanWithErrors(viewer, "assessment", SUBMIT.assessment, scan);
  moveCaseTo(caseId, "decision", actors);
  // The reviewer's case page now is the manager's (scanned below) less the button to decide.
  await viewer.goto(`/staff/cases/${caseId}/decision`);
  await expect(viewer.locator(".govuk-inset-text")).toHaveText("Only a manager can do this.");
  await scan(viewer, "decision, blocked for a reviewer");
  await actAs(viewer, actors.manager);
  await scanCase("awaiting decision (manager)");
  await scanCaseForm(viewer, caseId, "decision", scan);
  moveCaseTo(caseId, "delivery", actors);
  await actAs(viewer, actors.reviewer);
  await scanCase("disclosure to deliver");
  await scanCaseForm(viewer, caseId, "delivery", scan);
  moveCaseTo(caseId, "closure", actors);
  await scanCase("closure");
  await scanCaseForm(viewer, caseId, "close", scan);
  moveCaseTo(caseId, "closed", actors);
  await scanCase("closed");

  expect(scanned).toEqual([
    "assessment",
    "assessment filled in from a draft",
    "assessment with errors",
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
  for (const form of ["exit", "retriage"] as const) await scanCaseForm(reviewer, opened.caseId, form, scan);
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
  // Extending the time limit is a manager's: the manager, in the same browser page.
  await actAs(reviewer, await account("manager"));
  await scanCaseForm(reviewer, opened.caseId, "extend", scan);

  expect(scanned).toEqual([
    "open a case",
    "open a case with errors",
    "case: opened by staff",
    "exit",
    "exit with errors",
    "retriage",
    "retriage with errors",
    "linked cases (none)",
    "linked cases (a match)",
    "account (reviewer)",
    "extend",
    "extend with errors",
  ]);
});
