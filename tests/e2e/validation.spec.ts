// Validation: empty pages, the error summary, keeping answers, and what date inputs accept.
import type { Page } from "@playwright/test";
import {
  continueButton,
  continueExpectingErrors,
  expect,
  expectErrorSummary,
  answerAddAnother,
  fillApplicant,
  fillApplicationOverHttp,
  fillChild,
  fillContact,
  fillSubject,
  group,
  makeAnswers,
  openPublicPage,
  SERVICE_NAME,
  test,
  type Answers,
  type StepName,
} from "./support";

/** What each question page says when it is sent empty. */
const EMPTY_PAGE_ERRORS: Partial<Record<StepName, string[]>> = {
  danger: ["Select yes if a child is in danger now"],
  // Every error at once (GOV.UK), the date of birth included, in page order.
  applicant: [
    "Enter your full name",
    "Enter your date of birth",
    "Enter the first line of your address",
    "Enter your town or city",
    "Enter your postcode",
    "Select yes if you need an interpreter",
  ],
  contact: ["Select at least one safe way to contact you", "Select yes if it is safe to leave you a message"],
  child: [
    "Enter the child's name",
    "Select whether you know their date of birth or age",
    "Select the child's gender, or I do not know",
    "Enter where the child lives or who they live with",
    "Enter your relationship to the child",
    "Select whether the child's parents or carers know you are asking",
  ],
  children: ["Select yes if you need to add another child"],
  subject: [
    "Enter the person's name",
    "Select whether you know their date of birth or age",
    "Select yes if you know where the person lives",
  ],
  "subject-contact": ["Select how the person has contact with the child"],
  concern: ["Tell us why you are worried about the person"],
  declarations: ["Confirm all 4 statements to continue"],
};

/**
 * The question pages in three runs, each a test with its own draft: answered over HTTP up to the
 * run's first page, then in the browser each page is sent empty, then answered, on to the next.
 */
const RUNS: Array<{ from: string; steps: StepName[]; then: RegExp }> = [
  { from: "/apply/danger", steps: ["danger", "applicant", "contact"], then: /\/apply\/children\/1$/ },
  { from: "/apply/children/1", steps: ["child", "children", "subject"], then: /\/apply\/subject-contact$/ },
  { from: "/apply/subject-contact", steps: ["subject-contact", "concern", "declarations"], then: /\/apply\/check$/ },
];

/** Answers a page in the browser and moves on (what `fillApplication` does on each page). */
async function answerAndContinue(page: Page, step: StepName, answers: Answers): Promise<void> {
  switch (step) {
    case "danger":
      await group(page, "Is a child in danger now?").getByLabel(answers.childInDanger, { exact: true }).check();
      break;
    case "applicant":
      await fillApplicant(page, answers.applicant);
      break;
    case "contact":
      await fillContact(page, answers.contact);
      break;
    case "child":
      await fillChild(page, answers.children[0]);
      break;
    case "children":
      return answerAddAnother(page, "No");
    case "subject":
      await fillSubject(page, answers.subject);
      break;
    case "subject-contact":
      for (const type of answers.contactTypes) {
        await group(page, "How does the person have contact with the child or children?").getByLabel(type, { exact: true }).check();
      }
      break;
    case "concern":
      await page.getByLabel("Why are you worried about the person?", { exact: true }).fill(answers.concern);
      break;
    case "declarations":
      for (const box of await group(page, "Declaration").getByRole("checkbox").all()) await box.check();
      break;
    default:
      throw new Error(`Not a question page: ${step}`);
  }
  await continueButton(page).click();
}

async function sendEmptyAndExpectErrors(page: Page, step: StepName): Promise<void> {
  const messages = EMPTY_PAGE_ERRORS[step];
  expect(messages, step).toBeDefined();
  if (!messages) return;
  const title = await page.title();
  // POST → 303 → GET: the same address, now with "Error: " in the title.
  await continueExpectingErrors(page, messages);
  await expect(page).toHaveTitle(`Error: ${title}`);
}

/** The questions before "Your details" answered over HTTP, and that page open in the browser. */
async function answeredUpToApplicant(page: Page, answers: Answers): Promise<void> {
  await fillApplicationOverHttp(page, answers, { stopAt: "applicant" });
  await openPublicPage(page, "/apply/applicant");
}

test("between them, the runs send every question page empty, in the journey's order", () => {
  expect(RUNS.flatMap((run) => run.steps)).toEqual(Object.keys(EMPTY_PAGE_ERRORS));
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const { from, steps, then } of RUNS) {
      test(`the ${steps.join(", ")} pages sent empty show an error summary whose links target fields on the page`, async ({ page }) => {
        const answers = makeAnswers();
        const checked: StepName[] = [];
        await fillApplicationOverHttp(page, answers, { stopAt: steps[0] });
        await openPublicPage(page, from);
        for (const step of steps) {
          await expect(page).not.toHaveTitle(/^Error: /);
          await sendEmptyAndExpectErrors(page, step);
          if (javaScriptEnabled && step === "danger") {
            // GOV.UK Frontend moves focus to the summary so screen readers announce it.
            await expect(page.locator(".govuk-error-summary")).toBeFocused();
          }
          checked.push(step);
          await answerAndContinue(page, step, answers);
        }
        expect(checked).toEqual(steps);
        await expect(page).toHaveURL(then);
        await expect(page).not.toHaveTitle(/^Error: /);
      });
    }

    test("answers already typed are kept when the page has an error", async ({ page }) => {
      const answers = makeAnswers();
      await answeredUpToApplicant(page, answers);
      await fillApplicant(page, { ...answers.applicant, dob: { day: "31", month: "2", year: "2020" } });
      await continueExpectingErrors(page, ["Your date of birth must be a real date"]);
      await expect(page).toHaveURL(/\/apply\/applicant$/);
      await expect(page).toHaveTitle(`Error: Your details – ${SERVICE_NAME}`);
      await expect(page.getByLabel("Full name", { exact: true })).toHaveValue(answers.applicant.fullName);
      await expect(page.getByLabel("Address line 1", { exact: true })).toHaveValue(answers.applicant.addressLine1);
      await expect(page.getByLabel("Town or city", { exact: true })).toHaveValue(answers.applicant.town);
      await expect(page.getByLabel("Postcode", { exact: true })).toHaveValue(answers.applicant.postcode);
      const dob = group(page, "Date of birth");
      await expect(dob.getByLabel("Day", { exact: true })).toHaveValue("31");
      await expect(dob.getByLabel("Month", { exact: true })).toHaveValue("2");
      await expect(dob.getByLabel("Year", { exact: true })).toHaveValue("2020");
      await expect(group(page, "Do you need an interpreter?").getByLabel("No", { exact: true })).toBeChecked();
      // The date inputs are highlighted and the message is shown with the field.
      await expect(dob.getByLabel("Day", { exact: true })).toHaveClass(/govuk-input--error/);
      await expect(page.locator("#dob-error")).toContainText("Your date of birth must be a real date");

      // Missing answers elsewhere on the page keep what was typed too.
      await page.getByLabel("Town or city", { exact: true }).fill("");
      await continueExpectingErrors(page, ["Your date of birth must be a real date", "Enter your town or city"]);
      await expect(page.getByLabel("Full name", { exact: true })).toHaveValue(answers.applicant.fullName);
      await expect(dob.getByLabel("Day", { exact: true })).toHaveValue("31");

      // Corrected, the page moves on.
      await page.getByLabel("Town or city", { exact: true }).fill(answers.applicant.town);
      await dob.getByLabel("Day", { exact: true }).fill("28");
      await continueButton(page).click();
      await expect(page).toHaveURL(/\/apply\/contact$/);
      await expect(page).not.toHaveTitle(/^Error: /);
    });
  });
}

test.describe("dates", () => {
  async function tryDate(page: Page, dob: { day: string; month: string; year: string }) {
    const answers = makeAnswers();
    await answeredUpToApplicant(page, answers);
    await fillApplicant(page, { ...answers.applicant, dob });
    await continueButton(page).click();
    return answers;
  }

  test("31 2 2020 must be a real date", async ({ page }) => {
    await tryDate(page, { day: "31", month: "2", year: "2020" });
    await expect(page).toHaveURL(/\/apply\/applicant$/);
    await expectErrorSummary(page, ["Your date of birth must be a real date"]);
  });

  test("a date in the future is refused", async ({ page }) => {
    const nextYear = String(new Date().getFullYear() + 1);
    await tryDate(page, { day: "1", month: "1", year: nextYear });
    await expect(page).toHaveURL(/\/apply\/applicant$/);
    await expectErrorSummary(page, ["Your date of birth must be today or in the past"]);
  });

  for (const [what, dob] of [
    ["spaces around the numbers are accepted", { day: " 7 ", month: " 3 ", year: "1985" }],
    ["a month typed as a word is accepted", { day: "7", month: "March", year: "1985" }],
  ] as const) {
    test(what, async ({ page }) => {
      const answers = makeAnswers();
      answers.applicant.dob = { ...dob };
      // fillApplicationOverHttp checks the applicant page moves on to /apply/contact without an error.
      await fillApplicationOverHttp(page, answers);
      await openPublicPage(page, "/apply/check");
      const row = page
        .locator(".govuk-summary-list__row")
        .filter({ has: page.getByRole("term").filter({ hasText: /^Date of birth$/ }) })
        .first();
      await expect(row.getByRole("definition").first()).toHaveText("7 March 1985");
    });
  }
});
