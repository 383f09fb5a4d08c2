// Accessibility: axe (WCAG 2.0–2.2 A and AA rules) finds nothing on any public page,
// including every question page showing its errors.
import {
  acceptAndSend,
  continueButton,
  expect,
  expectNoAxeViolations,
  fillApplication,
  group,
  makeAnswers,
  makeChild,
  readReference,
  test,
  waitOutDoubleClickGuard,
  clickContinue,
  type StepName,
} from "./support";

const QUESTION_PAGES: StepName[] = [
  "danger",
  "applicant",
  "contact",
  "child",
  "children",
  "subject",
  "subject-contact",
  "concern",
  "declarations",
];

// axe runs inside the page, which it cannot do with JavaScript off, so these run with it on: the
// server-rendered markup a browser without JavaScript gets, as GOV.UK Frontend enhances it.
test("no axe violations on any page of the journey, with and without errors", async ({ page }) => {
  test.slow(); // axe runs on more than 25 pages
  const answers = makeAnswers({ childInDanger: "Yes", children: [makeChild(), makeChild()] });
  const scanned: string[] = [];
  const scan = async (where: string) => {
    await expectNoAxeViolations(page, where);
    scanned.push(where);
  };
  let removeScanned = false;

  await fillApplication(page, answers, {
    onPage: async (step, p) => {
      await scan(step);
      if (step === "children" && !removeScanned) {
        removeScanned = true;
        await p.getByRole("link", { name: `Remove ${answers.children[0].fullName}`, exact: true }).click();
        await expect(p).toHaveURL(/\/apply\/children\/1\/remove$/);
        await scan("remove");
        const clickedAt = await clickContinue(p);
        await expect(p).toHaveTitle(/^Error: /);
        await scan("remove with errors");
        await waitOutDoubleClickGuard(p, clickedAt);
        await group(p, `Are you sure you want to remove ${answers.children[0].fullName}?`).getByLabel("No", { exact: true }).check();
        await continueButton(p).click();
        await expect(p).toHaveURL(/\/apply\/children$/);
      }
      if (QUESTION_PAGES.includes(step) && !scanned.includes(`${step} with errors`)) {
        const clickedAt = await clickContinue(p);
        await expect(p).toHaveTitle(/^Error: /);
        await expect(p.locator(".govuk-error-summary")).toBeVisible();
        await scan(`${step} with errors`);
        await waitOutDoubleClickGuard(p, clickedAt);
      }
    },
  });
  await acceptAndSend(page).click();
  await readReference(page);
  await scan("confirmation");

  for (const path of ["/apply/too-many", "/no-such-page"]) {
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
    "child", // the second child
    "children",
    "subject",
    "subject with errors",
    "subject-contact",
    "subject-contact with errors",
    "concern",
    "concern with errors",
    "declarations",
    "declarations with errors",
    "check",
    "confirmation",
    "/apply/too-many",
    "/no-such-page",
  ]);
});

test("a page with a date error and conditional answers revealed has no axe violations", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplication(page, answers, {
    stopAt: "subject",
  });
  // Reveal both conditional questions, with a wrong date and a missing address.
  await page.getByLabel("Their name", { exact: true }).fill(answers.subject.fullName);
  await group(page, "Do you know their date of birth?").getByLabel("Yes", { exact: true }).check();
  const dob = group(page, "Date of birth");
  await dob.getByLabel("Day", { exact: true }).fill("30");
  await dob.getByLabel("Month", { exact: true }).fill("2");
  await dob.getByLabel("Year", { exact: true }).fill("1980");
  await group(page, "Do you know where they live?").getByLabel("Yes", { exact: true }).check();
  await continueButton(page).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText([
    "The person's date of birth must be a real date",
    "Enter the person's address, or select no",
  ]);
  await expectNoAxeViolations(page, "subject with a date error");
});
