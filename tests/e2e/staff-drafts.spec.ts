// No lost work on long staff forms (issue 12), in Chromium: the half-typed risk assessment saved
// with "Save as draft" (a second submit button: with JavaScript, Remix sends the button pressed)
// comes back filled in, passes axe, and leaves nothing in the address or the browser's storage.
// The rules — for its author only, still there in a new session, deleted once the form is sent,
// refused when the form is not theirs to send, logged without its values — are checked in-process
// (tests/integration/staff-drafts.test.ts).
import { expect, expectNoAxeViolations, randomToken, staffTest as test, withDb } from "./support";
import { caseAtChecks, checksDone } from "./support/case-state";

test("a half-typed risk assessment saved as a draft comes back filled in, and nothing of it is in the browser", async ({ as, account }) => {
  const me = (await account("reviewer")).id;
  const caseId = await caseAtChecks(me);
  checksDone(caseId, me, false);

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
  const drafts = withDb((db) => db.prepare("select data from staff_form_drafts where case_id = ?").all(caseId) as Array<{ data: string }>);
  expect(drafts).toHaveLength(1);
  expect(drafts[0].data).toContain(risk);
});
