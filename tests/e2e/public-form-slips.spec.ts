// The public form's slips found by trying it (issue 12), each shown in Chromium: details of a
// contact route un-chosen never reach staff; blank optional answers say "Not given"; a child is
// under 18; an approximate age can be "about 35"; Change returns to check answers at the row;
// the confirmation speaks of the route chosen.
import type { Page } from "@playwright/test";
import {
  caseIdOf,
  continueButton,
  continueExpectingErrors,
  expect,
  expectNoAxeViolations,
  fillApplication,
  fillApplicationOverHttp,
  fillDate,
  group,
  makeAnswers,
  makeChild,
  openCase,
  openPublicPage,
  outboxRowsTo,
  peopleOfCase,
  randomToken,
  readReference,
  acceptAndSend,
  staffTest as test,
} from "./support";

/** The value shown on check answers for a row, found by its key within a section. */
function answer(page: Page, section: string, key: string) {
  const list = page.locator("h2", { hasText: section }).locator("xpath=following-sibling::dl[1]");
  return list.locator(".govuk-summary-list__row", { has: page.locator("dt", { hasText: new RegExp(`^${key}$`) }) }).locator(".govuk-summary-list__value");
}

test("an email typed then un-chosen never reaches staff; blank safe times say 'Not given'; the confirmation speaks of the phone", async ({ page, as }) => {
  const typedEmail = `typed.then.unchosen.${randomToken(8).toLowerCase()}@example.com`;
  const answers = makeAnswers({ contact: { phone: "07700 900 982", leaveMessages: "No" } });
  await fillApplication(page, answers, {
    onPage: async (step, p) => {
      if (step !== "contact") return;
      // She first chose email and typed her address, then switched to phone only.
      const ways = group(p, "Which ways are safe to contact you?");
      await ways.getByLabel("Email", { exact: true }).check();
      await p.getByLabel("Email address", { exact: true }).fill(typedEmail);
      await ways.getByLabel("Email", { exact: true }).uncheck();
    },
  });

  await expect(answer(page, "Contacting you safely", "Safe ways to contact you")).toHaveText("Phone call or text message");
  await expect(answer(page, "Contacting you safely", "Safe times")).toHaveText("Not given");
  await expect(page.locator("main")).not.toContainText(typedEmail);
  await expect(page.locator("main")).not.toContainText("Any time");

  await acceptAndSend(page).click();
  const reference = await readReference(page);
  const main = page.locator("main");
  await expect(main).toContainText("We contact you by phone call or text message, as you told us is safe");
  await expect(main).not.toContainText(/email/i);
  await expectNoAxeViolations(page, "confirmation, phone only");

  const applicant = peopleOfCase(caseIdOf(reference)).find((p) => p.role === "applicant")!;
  const details = JSON.parse(applicant.details) as Record<string, unknown>;
  expect(details).toMatchObject({ contactMethods: ["phone"], phone: "07700 900 982", email: null, safeTimes: null });
  expect(applicant.details).not.toContain(typedEmail);
  expect(outboxRowsTo(typedEmail)).toEqual([]);

  // What staff see: no email, and no "Any time" for a question she left blank.
  const reviewer = await as("reviewer");
  await openCase(reviewer, caseIdOf(reference));
  const caseMain = reviewer.locator("main");
  await expect(caseMain).not.toContainText(typedEmail);
  await expect(caseMain).not.toContainText("Any time");
  await expect(caseMain.locator(".govuk-summary-list__row", { has: reviewer.locator("dt", { hasText: /^Safe times$/ }) }).first()).toContainText("Not given");
});

test("a child is under 18, by date of birth or by age, with a clear message", async ({ page }) => {
  await fillApplicationOverHttp(page, makeAnswers(), { stopAt: "child" });
  await openPublicPage(page, "/apply/children/1");
  const child = makeChild();
  await page.getByLabel("Child's full name", { exact: true }).fill(child.fullName);
  const dobKnown = group(page, "Do you know the child's date of birth?");
  await dobKnown.getByLabel("Yes", { exact: true }).check();
  await fillDate(group(page, "Date of birth"), { day: "1", month: "6", year: "2001" });
  await group(page, "Child's gender").getByLabel("Girl", { exact: true }).check();
  await page.getByLabel("Where does the child live, or who do they live with?").fill(child.livesWith);
  await page.getByLabel("What is your relationship to the child?").fill(child.applicantRelationship);
  await group(page, "Do the child's parents or carers know you are asking?").getByLabel(child.parentsAware, { exact: true }).check();
  await continueExpectingErrors(page, [/The child must be under 18: enter a date of birth after \d{1,2} [A-Z][a-z]+ \d{4}$/]);
  await expectNoAxeViolations(page, "child aged 25 by date of birth");

  await group(page, "Do you know the child's date of birth?").getByLabel("No, but I know their age", { exact: true }).check();
  await page.getByLabel("Age in years", { exact: true }).fill("25");
  await continueExpectingErrors(page, ["The child must be under 18: enter an age from 0 to 17"]);

  await page.getByLabel("Age in years", { exact: true }).fill("about 7");
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/children$/);
  await expect(page.locator("main .govuk-summary-list")).toContainText("7 years old");
});

test("an approximate age accepts 'about 35', and says plainly what to enter otherwise", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "subject" });
  await openPublicPage(page, "/apply/subject");
  await page.getByLabel("Their name", { exact: true }).fill(answers.subject.fullName);
  await group(page, "Do you know their date of birth?").getByLabel("No, but I know roughly how old they are", { exact: true }).check();
  await group(page, "Do you know where they live?").getByLabel("No, I do not know", { exact: true }).check();
  const age = page.getByLabel("Approximate age in years", { exact: true });
  await age.fill("thirty-something");
  await continueExpectingErrors(page, ["Enter a number, like 35"]);
  await expect(page.locator("main")).not.toContainText("characters or fewer");
  await expectNoAxeViolations(page, "subject age not a number");
  await age.fill("about 35");
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/subject-contact$/);
});

test("Change from check answers opens the question and returns to the row changed, Back too; a changed child returns to check answers", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers);
  await openPublicPage(page, "/apply/check");

  // Safe times: Change opens the contact page at the question.
  await page.getByRole("link", { name: "Change contacting you safely: safe times", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/contact\?change=contact-safeTimes#safeTimes$/);
  await expect(page.getByRole("link", { name: "Back", exact: true })).toHaveAttribute("href", "/apply/check#answer-contact-safeTimes");
  // Back returns to the row too.
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/check#answer-contact-safeTimes$/);

  await page.getByRole("link", { name: "Change contacting you safely: safe times", exact: true }).click();
  // An error on the way keeps the way back.
  await page.getByLabel("When is it safe to contact you? (optional)", { exact: true }).fill("x".repeat(201));
  await continueExpectingErrors(page, [/200 characters or fewer/]);
  await expect(page).toHaveURL(/\/apply\/contact\?change=contact-safeTimes$/);
  await page.getByLabel("When is it safe to contact you? (optional)", { exact: true }).fill("Weekdays after 7pm");
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/check#answer-contact-safeTimes$/);
  await expect(answer(page, "Contacting you safely", "Safe times")).toHaveText("Weekdays after 7pm");
  await expect(page.locator("#answer-contact-safeTimes")).toBeInViewport();
  await expectNoAxeViolations(page, "check answers after a change");

  // A child: Change, then Continue, goes back to check answers, not the list of children.
  await page.getByRole("link", { name: "Change child 1: name", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/1\?change=child-1-fullName#fullName$/);
  await expect(page.getByRole("link", { name: "Back", exact: true })).toHaveAttribute("href", "/apply/check#answer-child-1-fullName");
  const renamed = makeChild().fullName;
  await page.getByLabel("Child's full name", { exact: true }).fill(renamed);
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/check#answer-child-1-fullName$/);
  await expect(answer(page, "Child 1", "Name")).toHaveText(renamed);
});
