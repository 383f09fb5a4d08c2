// No lost work on long staff forms (issue 12): the risk assessment can be saved as a draft, half
// done and unvalidated; it comes back filled in, for its author only, and is deleted when sent.
import {
  caseIdOf,
  expect,
  expectNoAxeViolations,
  fastForwardToAssessment,
  makeAnswers,
  randomToken,
  recordAssessment,
  staffTest as test,
  staffUserByEmail,
  submitApplicationOverHttp,
  withDb,
} from "./support";

const draftsOf = (caseId: number) =>
  withDb((db) => db.prepare("select user_id, form, data from staff_form_drafts where case_id = ?").all(caseId) as Array<{ user_id: number; form: string; data: string }>);

test("a half-typed risk assessment is saved as a draft, comes back filled in for its author only, and is gone once sent", async ({ page, as, account }) => {
  test.setTimeout(180_000); // a ceiling, not a wait: an application, then the assessment, on a busy machine
  const reviewerAccount = await account("reviewer");
  const caseId = caseIdOf(await submitApplicationOverHttp(page, makeAnswers()));
  fastForwardToAssessment(caseId, staffUserByEmail(reviewerAccount.email)!.id, { convictions: false });

  const reviewer = await as("reviewer");
  await reviewer.goto(`/staff/cases/${caseId}/assessment`);
  const risk = `Contact at weekends, ${randomToken()}`;
  await reviewer.getByLabel("The risk to the named child or children", { exact: true }).fill(risk);
  // Half done: the required answers are missing, and the draft is still kept.
  await reviewer.getByRole("button", { name: "Save as draft", exact: true }).click();
  await expect(reviewer.getByRole("alert")).toContainText("Draft saved");
  await expect(reviewer).not.toHaveTitle(/^Error: /);
  await expect(reviewer.locator(".govuk-error-summary")).toHaveCount(0);
  await expect(reviewer.getByText(/This form is filled in from the draft you saved on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)\./)).toBeVisible();
  await expect(reviewer.getByLabel("The risk to the named child or children", { exact: true })).toHaveValue(risk);
  await expectNoAxeViolations(reviewer, "assessment filled in from a draft");
  // The typed words are on the server, not in the address or the browser's storage.
  expect(reviewer.url()).not.toContain("weekends");
  expect(await reviewer.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain("weekends");
  expect(draftsOf(caseId)).toHaveLength(1);

  // Signed in again later (a new session), the draft is still there; the notice is not.
  const later = await as("reviewer");
  await later.goto(`/staff/cases/${caseId}/assessment`);
  await expect(later.getByLabel("The risk to the named child or children", { exact: true })).toHaveValue(risk);
  await expect(later.getByRole("alert")).toHaveCount(0);

  // A manager opening the same form sees no draft of the reviewer's.
  const manager = await as("manager");
  await manager.goto(`/staff/cases/${caseId}/assessment`);
  await expect(manager.locator("main h1")).toBeVisible();
  await expect(manager.locator("main")).not.toContainText(risk);
  await expect(manager.getByText(/filled in from the draft/)).toHaveCount(0);

  // Sent, the draft is deleted.
  await recordAssessment(later, caseId, { recommendation: "No disclosure", csoConvictions: false });
  expect(draftsOf(caseId)).toEqual([]);
});
