// Validation in a browser running JavaScript: what the client adds to the server's error pages.
// Every question page sent empty, answers kept and what the date inputs accept are checked on the
// server's HTML (a browser without JavaScript sees exactly that) in
// tests/integration/apply-validation.test.ts. Every question page is the same StepForm, so one
// page stands for all of them here.
import {
  continueButton,
  continueExpectingErrors,
  expect,
  fillApplicant,
  fillApplicationOverHttp,
  group,
  makeAnswers,
  openPublicPage,
  SERVICE_NAME,
  test,
} from "./support";

test("a page sent empty is shown again in place: 'Error: ' in the title, focus on the summary; answers typed are kept, a 10,000-character name too; corrected, it moves on", async ({ page }) => {
  const answers = makeAnswers();
  // The server answers with errors, never a server error.
  const failures: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
  });
  // The page's own session holds the draft the HTTP filler made: the browser carries on from there.
  expect(await fillApplicationOverHttp(page, answers, { stopAt: "applicant" })).toBe("/apply/applicant");
  await openPublicPage(page, "/apply/applicant");
  await expect(page).toHaveTitle(`Your details – ${SERVICE_NAME}`);

  // Sent empty: every error, the summary's links target fields on the page.
  await continueExpectingErrors(page, [
    "Enter your full name",
    "Enter your date of birth",
    "Enter the first line of your address",
    "Enter your town or city",
    "Enter your postcode",
    "Select yes if you need an interpreter",
  ]);
  await expect(page).toHaveTitle(`Error: Your details – ${SERVICE_NAME}`);
  // GOV.UK Frontend moves focus to the summary so screen readers announce it.
  await expect(page.locator(".govuk-error-summary")).toBeFocused();

  // Typed answers stay in the hydrated page when it is shown again with an error, a 10,000-character
  // name too (so it can be shortened; the server keeps a failed form's fields only up to each
  // field's maximum).
  const longName = `${answers.applicant.fullName}${"x".repeat(10_000 - answers.applicant.fullName.length)}`;
  expect(longName).toHaveLength(10_000);
  await fillApplicant(page, { ...answers.applicant, fullName: longName, dob: { day: "31", month: "2", year: "2020" } });
  await continueExpectingErrors(page, ["Your full name must be 100 characters or fewer", "Your date of birth must be a real date"]);
  await expect(page).toHaveURL(/\/apply\/applicant$/);
  await expect(page).toHaveTitle(`Error: Your details – ${SERVICE_NAME}`);
  // A new set of errors takes focus again.
  await expect(page.locator(".govuk-error-summary")).toBeFocused();
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue(longName);
  await expect(page.locator("#fullName-error")).toContainText("Your full name must be 100 characters or fewer");
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

  // Corrected, the page moves on.
  await page.getByLabel("Full name", { exact: true }).fill(answers.applicant.fullName);
  await dob.getByLabel("Day", { exact: true }).fill("28");
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/contact$/);
  await expect(page).not.toHaveTitle(/^Error: /);
  expect(failures).toEqual([]);
});
