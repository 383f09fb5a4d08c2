// Accessibility: axe (WCAG 2.0–2.2 A and AA rules) finds nothing on any public page,
// including every question page showing its errors. Each page state scanned also has the
// "Exit this page" control with JavaScript on, as GOV.UK Frontend set it up (exit-this-page.spec.ts
// checks it in the server's HTML, for a browser without JavaScript).
import { expectExitControl } from "./support/public-http";
import {
  acceptAndSend,
  clickContinue,
  continueButton,
  expect,
  expectNoAxeViolations,
  fillApplicant,
  fillChild,
  fillContact,
  group,
  makeAnswers,
  readReference,
  test,
  waitOutDoubleClickGuard,
} from "./support";

// axe runs inside the page, which it cannot do with JavaScript off, so this runs with it on: the
// server-rendered markup a browser without JavaScript gets, as GOV.UK Frontend enhances it.
// One walk, in one page, scans every state the journey shows, with and without errors, the urgent
// warning included (the application says a child is in danger): start, danger, danger with errors,
// call-999, applicant, applicant with errors, contact, contact with errors, child, child with errors,
// children, remove, remove with errors, children with errors, subject, subject with errors, subject
// with a date error and its conditional questions revealed, subject-contact, subject-contact with
// errors, concern, concern with errors, declarations, declarations with errors, check, confirmation,
// /apply/too-many, /privacy, /accessibility, /no-such-page. Each error state is the page already
// open, sent empty. (A second child's page and the list of two are the same page states as the
// first child's and the list of one; check answers after a Change, public-form-slips.spec.ts, is
// the same state as check answers: none is scanned twice. The Call 999 page is scanned only here;
// urgent-and-partners.spec.ts no longer scans it.)

test("no axe violations on any public page state, with and without errors", async ({ page }) => {
  test.setTimeout(180_000); // a ceiling, not a wait: 29 scans on a busy machine
  const answers = makeAnswers({ childInDanger: "Yes" });
  const scanned: string[] = [];
  const scan = async (where: string) => {
    await expectNoAxeViolations(page, where);
    await expectExitControl(page, where);
    scanned.push(where);
  };
  let errorClickedAt = 0;
  /** Sends the page empty and scans it with its errors. */
  const scanWithErrors = async (step: string) => {
    await waitOutDoubleClickGuard(page, errorClickedAt);
    errorClickedAt = await clickContinue(page);
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.locator(".govuk-error-summary")).toBeVisible();
    await scan(`${step} with errors`);
  };
  /**
   * Clicks Continue to go on. A page shown again with errors keeps its button, which GOV.UK's
   * double-click guard holds for a second after the click that showed the errors: what is left of
   * that second (after the scan and the answers typed since) is waited out first, as a person would.
   * (Not on the page's clock: Playwright's installed clock made this walk's 29 axe scans slower than
   * the waits it saved.)
   */
  const continueOn = async (expected: RegExp) => {
    await waitOutDoubleClickGuard(page, errorClickedAt);
    await continueButton(page).click();
    await expect(page).toHaveURL(expected);
  };

  await page.goto("/");
  await scan("start");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).toHaveURL(/\/apply\/danger$/);
  await scan("danger");
  await scanWithErrors("danger");
  await group(page, "Is a child in danger now?").getByLabel("Yes", { exact: true }).check();
  await continueOn(/\/apply\/call-999$/);
  await scan("call-999");

  await page.getByRole("button", { name: "Continue with the application" }).click();
  await expect(page).toHaveURL(/\/apply\/applicant$/);
  await scan("applicant");
  await scanWithErrors("applicant");
  await fillApplicant(page, answers.applicant);
  await continueOn(/\/apply\/contact$/);
  await scan("contact");
  await scanWithErrors("contact");
  await fillContact(page, answers.contact);
  await continueOn(/\/apply\/children\/1$/);

  const child = answers.children[0]!;
  await scan("child");
  await scanWithErrors("child");
  await fillChild(page, child);
  await continueOn(/\/apply\/children$/);
  await scan("children");
  await page.getByRole("link", { name: `Remove ${child.fullName}`, exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/1\/remove$/);
  await scan("remove");
  await scanWithErrors("remove");
  await group(page, `Are you sure you want to remove ${child.fullName}?`).getByLabel("No", { exact: true }).check();
  await continueOn(/\/apply\/children$/);
  await scanWithErrors("children");
  await group(page, "Do you need to add another child?").getByLabel("No", { exact: true }).check();
  await continueOn(/\/apply\/subject$/);

  await scan("subject");
  await scanWithErrors("subject");
  // Reveal both conditional questions, with a wrong date and a missing address.
  await page.getByLabel("Their name", { exact: true }).fill(answers.subject.fullName);
  await group(page, "Do you know their date of birth?").getByLabel("Yes", { exact: true }).check();
  const dob = group(page, "Date of birth");
  await dob.getByLabel("Day", { exact: true }).fill("30");
  await dob.getByLabel("Month", { exact: true }).fill("2");
  await dob.getByLabel("Year", { exact: true }).fill("1980");
  await group(page, "Do you know where they live?").getByLabel("Yes", { exact: true }).check();
  await waitOutDoubleClickGuard(page, errorClickedAt);
  errorClickedAt = await clickContinue(page);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText([
    "The person's date of birth must be a real date",
    "Enter the person's address, or select no",
  ]);
  await scan("subject with a date error");
  await dob.getByLabel("Day", { exact: true }).fill("28");
  await page.getByLabel("Their address", { exact: true }).fill("1 Test Street, Testtown");
  await continueOn(/\/apply\/subject-contact$/);

  await scan("subject-contact");
  await scanWithErrors("subject-contact");
  const types = group(page, "How does the person have contact with the child or children?");
  for (const type of answers.contactTypes) await types.getByLabel(type, { exact: true }).check();
  await continueOn(/\/apply\/concern$/);
  await scan("concern");
  await scanWithErrors("concern");
  await page.getByLabel("Why are you worried about the person?", { exact: true }).fill(answers.concern);
  await continueOn(/\/apply\/declarations$/);
  await scan("declarations");
  await scanWithErrors("declarations");
  for (const box of await group(page, "Declaration").getByRole("checkbox").all()) await box.check();
  await continueOn(/\/apply\/check$/);

  await scan("check");
  await acceptAndSend(page).click();
  await readReference(page);
  await scan("confirmation");
  for (const path of ["/apply/too-many", "/privacy", "/accessibility", "/no-such-page"]) {
    await page.goto(path);
    await scan(path);
  }
  expect(scanned).toEqual([
    "start",
    "danger",
    "danger with errors",
    "call-999",
    "applicant",
    "applicant with errors",
    "contact",
    "contact with errors",
    "child",
    "child with errors",
    "children",
    "remove",
    "remove with errors",
    "children with errors",
    "subject",
    "subject with errors",
    "subject with a date error",
    "subject-contact",
    "subject-contact with errors",
    "concern",
    "concern with errors",
    "declarations",
    "declarations with errors",
    "check",
    "confirmation",
    "/apply/too-many",
    "/privacy",
    "/accessibility",
    "/no-such-page",
  ]);
});
