// End-to-end support: The journey.
import { expect, type Locator, type Page } from "@playwright/test";
import { SERVICE_NAME, REFERENCE_PATTERN } from "./base";
import type { DateParts, ChildAnswers, Answers } from "./test-data";
import { expectErrorSummary } from "./error-summary";

export type StepName =
  | "start"
  | "danger"
  | "call-999"
  | "applicant"
  | "contact"
  | "child"
  | "children"
  | "subject"
  | "subject-contact"
  | "concern"
  | "declarations"
  | "check";

export type FillOptions = {
  /** Called on arrival at each page (before it is filled in), e.g. to run axe or record the title. */
  onPage?: (step: StepName, page: Page) => Promise<void>;
  /** Stop on arrival at this page without filling it in. Defaults to "check". */
  stopAt?: StepName;
};

export const continueButton = (page: Page) => page.getByRole("button", { name: "Continue", exact: true });

/**
 * GOV.UK Frontend's Button (data-prevent-double-click) ignores a second click within 1 second
 * of the first. With JavaScript on, a page shown again with errors is re-rendered in place, so
 * its button is the same element: wait out that second before the next click, as a person would.
 * `clickedAt` is taken after the click was dispatched (see `clickContinue`).
 */
export async function waitOutDoubleClickGuard(page: Page, clickedAt: number): Promise<void> {
  if ((await page.locator("body.js-enabled").count()) === 0) return;
  const left = clickedAt + 1_200 - Date.now();
  if (left > 0) await page.waitForTimeout(left);
}

/** Clicks Continue; returns when the click was dispatched, for `waitOutDoubleClickGuard`. */
export async function clickContinue(page: Page): Promise<number> {
  await continueButton(page).click();
  return Date.now();
}

/** Clicks Continue expecting the page to be shown again with errors; ready for the next click. */
export async function continueExpectingErrors(page: Page, messages: Array<string | RegExp>): Promise<void> {
  // The same page, with or without its #fragment: a page opened at a question ("?change=…#field")
  // may come back from the server without it, and that can happen before or after this check.
  const url = page.url().replace(/#.*$/, "");
  const clickedAt = await clickContinue(page);
  await expect(page).toHaveURL((u) => u.href.replace(/#.*$/, "") === url);
  await expectErrorSummary(page, messages);
  await waitOutDoubleClickGuard(page, clickedAt);
}

/** A fieldset (role group) by its legend. */
export const group = (scope: Page | Locator, name: string) => scope.getByRole("group", { name, exact: true });

export async function fillDate(scope: Locator, date: DateParts): Promise<void> {
  await scope.getByLabel("Day", { exact: true }).fill(date.day);
  await scope.getByLabel("Month", { exact: true }).fill(date.month);
  await scope.getByLabel("Year", { exact: true }).fill(date.year);
}

async function arrive(page: Page, step: StepName, url: RegExp, options: FillOptions): Promise<boolean> {
  await expect(page).toHaveURL(url);
  await expect(page).not.toHaveTitle(/^Error: /);
  if (options.onPage) await options.onPage(step, page);
  return options.stopAt === step;
}

export async function fillApplicant(page: Page, a: Answers["applicant"]): Promise<void> {
  await page.getByLabel("Full name", { exact: true }).fill(a.fullName);
  await fillDate(group(page, "Date of birth"), a.dob);
  await page.getByLabel("Address line 1", { exact: true }).fill(a.addressLine1);
  await page.getByLabel("Town or city", { exact: true }).fill(a.town);
  await page.getByLabel("Postcode", { exact: true }).fill(a.postcode);
  await group(page, "Do you need an interpreter?").getByLabel(a.interpreter, { exact: true }).check();
}

export async function fillContact(page: Page, c: Answers["contact"]): Promise<void> {
  const ways = group(page, "Which ways are safe to contact you?");
  if (c.email !== undefined) {
    await ways.getByLabel("Email", { exact: true }).check();
    await page.getByLabel("Email address", { exact: true }).fill(c.email);
  }
  if (c.phone !== undefined) {
    await ways.getByLabel("Phone call or text message", { exact: true }).check();
    await page.getByLabel("Phone number", { exact: true }).fill(c.phone);
  }
  if (c.letter) await ways.getByLabel("Letter to your address", { exact: true }).check();
  await group(page, "Is it safe for us to leave you a message?").getByLabel(c.leaveMessages, { exact: true }).check();
}

export async function fillChild(page: Page, child: ChildAnswers): Promise<void> {
  await page.getByLabel("Child's full name", { exact: true }).fill(child.fullName);
  const dobKnown = group(page, "Do you know the child's date of birth?");
  if (child.dob) {
    await dobKnown.getByLabel("Yes", { exact: true }).check();
    await fillDate(group(page, "Date of birth"), child.dob);
  } else if (child.age !== undefined) {
    await dobKnown.getByLabel("No, but I know their age", { exact: true }).check();
    await page.getByLabel("Age in years", { exact: true }).fill(child.age);
  } else {
    await dobKnown.getByLabel("No, I do not know their date of birth or age", { exact: true }).check();
  }
  await group(page, "Child's gender").getByLabel(child.gender, { exact: true }).check();
  await page.getByLabel("Where does the child live, or who do they live with?").fill(child.livesWith);
  await page.getByLabel("What is your relationship to the child?").fill(child.applicantRelationship);
  if (child.subjectRelationship) {
    await page
      .getByLabel("What is the relationship between the child and the person you are worried about? (optional)")
      .fill(child.subjectRelationship);
  }
  await group(page, "Do the child's parents or carers know you are asking?")
    .getByLabel(child.parentsAware, { exact: true })
    .check();
}

export async function fillSubject(page: Page, s: Answers["subject"]): Promise<void> {
  await page.getByLabel("Their name", { exact: true }).fill(s.fullName);
  const dobKnown = group(page, "Do you know their date of birth?");
  if (s.age !== undefined) {
    await dobKnown.getByLabel("No, but I know roughly how old they are", { exact: true }).check();
    await page.getByLabel("Approximate age in years", { exact: true }).fill(s.age);
  } else {
    await dobKnown.getByLabel("No, I do not know", { exact: true }).check();
  }
  const where = group(page, "Do you know where they live?");
  if (s.address !== undefined) {
    await where.getByLabel("Yes", { exact: true }).check();
    await page.getByLabel("Their address", { exact: true }).fill(s.address);
  } else {
    await where.getByLabel("No, I do not know", { exact: true }).check();
  }
}

export async function answerAddAnother(page: Page, answer: "Yes" | "No"): Promise<void> {
  await group(page, "Do you need to add another child?").getByLabel(answer, { exact: true }).check();
  await continueButton(page).click();
}

/**
 * Goes from the start page to check answers (or `stopAt`), answering every question.
 * Works with JavaScript on or off.
 */
export async function fillApplication(page: Page, answers: Answers, options: FillOptions = {}): Promise<void> {
  await page.goto("/");
  if (await arrive(page, "start", /\/$/, options)) return;
  await page.getByRole("button", { name: "Start now" }).click();

  if (await arrive(page, "danger", /\/apply\/danger$/, options)) return;
  await group(page, "Is a child in danger now?").getByLabel(answers.childInDanger, { exact: true }).check();
  await continueButton(page).click();

  if (answers.childInDanger === "Yes") {
    if (await arrive(page, "call-999", /\/apply\/call-999$/, options)) return;
    await page.getByRole("button", { name: "Continue with the application" }).click();
  }

  if (await arrive(page, "applicant", /\/apply\/applicant$/, options)) return;
  await fillApplicant(page, answers.applicant);
  await continueButton(page).click();

  if (await arrive(page, "contact", /\/apply\/contact$/, options)) return;
  await fillContact(page, answers.contact);
  await continueButton(page).click();

  for (const [i, child] of answers.children.entries()) {
    if (await arrive(page, "child", new RegExp(`/apply/children/${i + 1}$`), options)) return;
    await fillChild(page, child);
    await continueButton(page).click();
    if (await arrive(page, "children", /\/apply\/children$/, options)) return;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `You have added ${i + 1} ${i === 0 ? "child" : "children"}`,
    );
    await answerAddAnother(page, i + 1 < answers.children.length ? "Yes" : "No");
  }

  if (await arrive(page, "subject", /\/apply\/subject$/, options)) return;
  await fillSubject(page, answers.subject);
  await continueButton(page).click();

  if (await arrive(page, "subject-contact", /\/apply\/subject-contact$/, options)) return;
  const types = group(page, "How does the person have contact with the child or children?");
  for (const type of answers.contactTypes) await types.getByLabel(type, { exact: true }).check();
  if (answers.contactDetails) {
    await page.getByLabel(/^Tell us more about the contact/).fill(answers.contactDetails);
  }
  await continueButton(page).click();

  if (await arrive(page, "concern", /\/apply\/concern$/, options)) return;
  await page.getByLabel("Why are you worried about the person?", { exact: true }).fill(answers.concern);
  await continueButton(page).click();

  if (await arrive(page, "declarations", /\/apply\/declarations$/, options)) return;
  const declarations = group(page, "Declaration").getByRole("checkbox");
  await expect(declarations).toHaveCount(4);
  for (const box of await declarations.all()) await box.check();
  await continueButton(page).click();

  await arrive(page, "check", /\/apply\/check$/, options);
  await expect(page).toHaveTitle(`Check your answers before sending your application – ${SERVICE_NAME}`);
}

export const acceptAndSend = (page: Page) => page.getByRole("button", { name: "Accept and send" });

/** The reference shown in the confirmation panel, after checking the page is the confirmation. */
export async function readReference(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/apply\/confirmation$/);
  await expect(page).toHaveTitle(`Application sent – ${SERVICE_NAME}`);
  const panel = page.locator(".govuk-panel--confirmation");
  await expect(panel.getByRole("heading", { level: 1, name: "Application sent" })).toBeVisible();
  const reference = (await panel.locator("strong").innerText()).trim();
  expect(reference).toMatch(REFERENCE_PATTERN);
  return reference;
}

/** Clicks "Accept and send" on check answers and returns the reference from the confirmation. */
export async function sendApplication(page: Page): Promise<string> {
  await acceptAndSend(page).click();
  return readReference(page);
}

/** Reads the reference out of a confirmation page's HTML (for API responses). */
export function referenceInHtml(html: string): string | null {
  const match = /<strong>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(html);
  return match ? match[1] : null;
}
