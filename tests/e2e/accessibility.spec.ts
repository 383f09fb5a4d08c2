// Accessibility: axe (WCAG 2.0–2.2 A and AA rules) finds nothing on any public page,
// including every question page showing its errors. Each page state scanned also has the
// "Exit this page" control with JavaScript on, as GOV.UK Frontend set it up (exit-this-page.spec.ts
// checks it in the server's HTML, for a browser without JavaScript).
import type { Page } from "@playwright/test";
import { expectExitControl } from "./support/public-http";
import {
  acceptAndSend,
  clickContinue,
  continueButton,
  expect,
  expectNoAxeViolations,
  fillApplicant,
  fillApplicationOverHttp,
  fillChild,
  group,
  makeAnswers,
  makeChild,
  openPublicPage,
  readReference,
  test,
  waitOutDoubleClickGuard,
} from "./support";

// axe runs inside the page, which it cannot do with JavaScript off, so these run with it on: the
// server-rendered markup a browser without JavaScript gets, as GOV.UK Frontend enhances it.
// The journey's pages are split between tests (each with its own draft, answered over HTTP up to its
// first page) so that workers share them; together they scan every page the journey shows, with
// and without errors, the urgent warning included (each application says a child is in danger).
// Every one of them: start, danger, danger with errors, call-999, applicant, applicant with errors,
// contact, contact with errors, child, child with errors, children, remove, remove with errors,
// children with errors, subject, subject with errors, subject with a date error and its conditional
// questions revealed, subject-contact, subject-contact with errors, concern, concern with errors,
// declarations, declarations with errors, check, confirmation, /apply/too-many, /privacy,
// /accessibility, /no-such-page. (A second child's page and the list of two are the same page
// states as the first child's and the list of one: they are not scanned twice.)

const urgentAnswers = () => makeAnswers({ childInDanger: "Yes", children: [makeChild(), makeChild()] });

/** A journey's scans, by name, in order. */
function scanner(page: Page) {
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
   */
  const continueOn = async () => {
    await waitOutDoubleClickGuard(page, errorClickedAt);
    await continueButton(page).click();
  };
  return { scanned, scan, scanWithErrors, continueOn };
}

test("no axe violations: start, danger and Call 999, with and without errors", async ({ page }) => {
  const { scanned, scan, scanWithErrors, continueOn } = scanner(page);
  await page.goto("/");
  await scan("start");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).toHaveURL(/\/apply\/danger$/);
  await scan("danger");
  await scanWithErrors("danger");
  await group(page, "Is a child in danger now?").getByLabel("Yes", { exact: true }).check();
  await continueOn();
  await expect(page).toHaveURL(/\/apply\/call-999$/);
  await scan("call-999");
  expect(scanned).toEqual(["start", "danger", "danger with errors", "call-999"]);
});

test("no axe violations: your details and contact, with and without errors", async ({ page }) => {
  const { scanned, scan, scanWithErrors, continueOn } = scanner(page);
  const answers = urgentAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "applicant" });
  await openPublicPage(page, "/apply/applicant");
  await scan("applicant");
  await scanWithErrors("applicant");
  await fillApplicant(page, answers.applicant);
  await continueOn();
  await expect(page).toHaveURL(/\/apply\/contact$/);
  await scan("contact");
  await scanWithErrors("contact");
  expect(scanned).toEqual(["applicant", "applicant with errors", "contact", "contact with errors"]);
});

test("no axe violations: a child, the children list and removing one, with and without errors", async ({ page }) => {
  const { scanned, scan, scanWithErrors, continueOn } = scanner(page);
  const answers = urgentAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "child" });
  await openPublicPage(page, "/apply/children/1");
  await scan("child");
  await scanWithErrors("child");
  await fillChild(page, answers.children[0]);
  await continueOn();
  await expect(page).toHaveURL(/\/apply\/children$/);
  await scan("children");
  await page.getByRole("link", { name: `Remove ${answers.children[0].fullName}`, exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/1\/remove$/);
  await scan("remove");
  await scanWithErrors("remove");
  await group(page, `Are you sure you want to remove ${answers.children[0].fullName}?`).getByLabel("No", { exact: true }).check();
  await continueOn();
  await expect(page).toHaveURL(/\/apply\/children$/);
  await scanWithErrors("children");
  expect(scanned).toEqual(["child", "child with errors", "children", "remove", "remove with errors", "children with errors"]);
});

test("no axe violations: contact with the child, the concern and the declaration, with and without errors", async ({ page }) => {
  const { scanned, scan, scanWithErrors, continueOn } = scanner(page);
  const answers = urgentAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "subject-contact" });
  await openPublicPage(page, "/apply/subject-contact");
  await scan("subject-contact");
  await scanWithErrors("subject-contact");
  const types = group(page, "How does the person have contact with the child or children?");
  for (const type of answers.contactTypes) await types.getByLabel(type, { exact: true }).check();
  await continueOn();
  await expect(page).toHaveURL(/\/apply\/concern$/);
  await scan("concern");
  await scanWithErrors("concern");
  await page.getByLabel("Why are you worried about the person?", { exact: true }).fill(answers.concern);
  await continueOn();
  await expect(page).toHaveURL(/\/apply\/declarations$/);
  await scan("declarations");
  await scanWithErrors("declarations");
  expect(scanned).toEqual([
    "subject-contact",
    "subject-contact with errors",
    "concern",
    "concern with errors",
    "declarations",
    "declarations with errors",
  ]);
});

test("no axe violations: check answers, the confirmation, too many, privacy, accessibility and not found", async ({ page }) => {
  const { scanned, scan } = scanner(page);
  await fillApplicationOverHttp(page, urgentAnswers());
  await openPublicPage(page, "/apply/check");
  await scan("check");
  await acceptAndSend(page).click();
  await readReference(page);
  await scan("confirmation");
  for (const path of ["/apply/too-many", "/privacy", "/accessibility", "/no-such-page"]) {
    await page.goto(path);
    await scan(path);
  }
  expect(scanned).toEqual(["check", "confirmation", "/apply/too-many", "/privacy", "/accessibility", "/no-such-page"]);
});

test("no axe violations: the person, with errors, and with a date error and conditional answers revealed", async ({ page }) => {
  const { scanned, scan, scanWithErrors, continueOn } = scanner(page);
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "subject" });
  await openPublicPage(page, "/apply/subject");
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
  await continueOn();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText([
    "The person's date of birth must be a real date",
    "Enter the person's address, or select no",
  ]);
  await scan("subject with a date error");
  expect(scanned).toEqual(["subject", "subject with errors", "subject with a date error"]);
});
