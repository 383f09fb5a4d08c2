// The public form's slips found by trying it (issue 12), where a browser is needed: the error
// states that open a date or number field pass axe, a changed answer brings check answers back
// scrolled to its row (rendered by the client: markup in answers is shown as text, nothing runs),
// and the phone-only confirmation passes axe. What is stored, shown and sent
// (a route un-chosen, 'Not given', ages, Change and Back links, the phone-only confirmation's words)
// is checked on the server's HTML in tests/integration/apply-answers.test.ts. Check answers after
// a Change is the same page state as check answers, scanned in accessibility.spec.ts.
import {
  acceptAndSend,
  answerAddAnother,
  continueButton,
  continueExpectingErrors,
  expect,
  expectNoAxeViolations,
  fillApplicationOverHttp,
  fillDate,
  group,
  makeAnswers,
  makeChild,
  openPublicPage,
  readReference,
  test,
} from "./support";

test("a child aged 25 by date of birth and a person's age that is not a number: both error states pass axe; a change from check answers returns to the row changed, scrolled into view, markup in the answers shown as text by the client; the phone-only confirmation passes axe", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "child" });
  await openPublicPage(page, "/apply/children/1");
  const child = makeChild();
  await page.getByLabel("Child's full name", { exact: true }).fill(child.fullName);
  await group(page, "Do you know the child's date of birth?").getByLabel("Yes", { exact: true }).check();
  await fillDate(group(page, "Date of birth"), { day: "1", month: "6", year: "2001" });
  await group(page, "Child's gender").getByLabel("Girl", { exact: true }).check();
  await page.getByLabel("Where does the child live, or who do they live with?").fill(child.livesWith);
  await page.getByLabel("What is your relationship to the child?").fill(child.applicantRelationship);
  await group(page, "Do the child's parents or carers know you are asking?").getByLabel(child.parentsAware, { exact: true }).check();
  await continueExpectingErrors(page, [/The child must be under 18: enter a date of birth after \d{1,2} [A-Z][a-z]+ \d{4}$/]);
  await expectNoAxeViolations(page, "child aged 25 by date of birth");

  await group(page, "Do you know the child's date of birth?").getByLabel("No, but I know their age", { exact: true }).check();
  await page.getByLabel("Age in years", { exact: true }).fill("7");
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/children$/);
  await answerAddAnother(page, "No");
  await expect(page).toHaveURL(/\/apply\/subject$/);

  await page.getByLabel("Their name", { exact: true }).fill(answers.subject.fullName);
  await group(page, "Do you know their date of birth?").getByLabel("No, but I know roughly how old they are", { exact: true }).check();
  await group(page, "Do you know where they live?").getByLabel("No, I do not know", { exact: true }).check();
  await page.getByLabel("Approximate age in years", { exact: true }).fill("thirty-something");
  await continueExpectingErrors(page, ["Enter a number, like 35"]);
  await expectNoAxeViolations(page, "subject age not a number");

  // Another application in the same browser: a new visitor's session, no draft yet.
  await page.context().clearCookies();
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const concern = `<script>alert(1)</script> '; DROP TABLE cases; -- <img src=x onerror="alert(2)"> "quoted" & done`;
  const phoneOnly = makeAnswers({
    contact: { phone: "07700 900 982", leaveMessages: "No" },
    concern,
    contactDetails: `<b>bold</b> {{constructor}} \${1+1}`,
    contactTypes: ["Another way"],
  });
  await fillApplicationOverHttp(page, phoneOnly);
  await openPublicPage(page, "/apply/check");

  await page.getByRole("link", { name: "Change contacting you safely: safe times", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/contact\?change=contact-safeTimes#safeTimes$/);
  await page.getByLabel("When is it safe to contact you? (optional)", { exact: true }).fill("Weekdays after 7pm");
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/check#answer-contact-safeTimes$/);
  await expect(page.locator("#answer-contact-safeTimes")).toContainText("Weekdays after 7pm");
  await expect(page.locator("#answer-contact-safeTimes")).toBeInViewport();

  // Check answers rendered by the client: markup and SQL shown as typed, nothing runs.
  await expect(page.getByText(concern, { exact: true })).toBeVisible();
  await expect(page.getByText(phoneOnly.contactDetails!, { exact: true })).toBeVisible();
  await expect(page.locator("main script, main img, main b")).toHaveCount(0);

  await acceptAndSend(page).click();
  await readReference(page);
  await expect(page.locator("main")).toContainText("We contact you by phone call or text message, as you told us is safe");
  await expectNoAxeViolations(page, "confirmation, phone only");
  expect(dialogs).toEqual([]);
});
