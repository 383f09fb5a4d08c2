// Finding a closed case (issue 12), in Chromium: the search form, the form with its errors, the
// results and the Closed queue pass axe. What is found, the words on those pages, the address
// without names and the consultation rows are checked in-process (tests/integration/search.test.ts).
import { expect, expectNoAxeViolations, group, randomToken, staffTest as test, staffTitle, waitOutDoubleClickGuard } from "./support";
import { caseClosedOutOfScope } from "./support/staff-other-cases";

test("the search form, its errors, its results and the Closed queue pass axe", async ({ as, account }) => {
  const surname = `Whit${randomToken(8)}`;
  const { reference } = await caseClosedOutOfScope((await account("reviewer")).id, `Maisie ${surname}`);
  const reviewer = await as("reviewer");

  await reviewer.goto("/staff/search");
  await expect(reviewer).toHaveTitle(staffTitle("Search for a case"));
  await expectNoAxeViolations(reviewer, "search form");
  await reviewer.getByRole("button", { name: "Search", exact: true }).click();
  const clickedAt = Date.now();
  await expect(reviewer).toHaveTitle(staffTitle("Search for a case", true));
  await expect(reviewer.locator(".govuk-error-summary")).toContainText("Select why you are searching");
  await expectNoAxeViolations(reviewer, "search form with errors");

  await reviewer.getByLabel("Reference", { exact: true }).fill(reference.toLowerCase().replace(/-/g, ""));
  await group(reviewer, "Why are you searching?").getByLabel("Someone contacted us about a case", { exact: false }).check();
  // The page was shown again in place: GOV.UK's guard ignores a second press of its button within a second.
  await waitOutDoubleClickGuard(reviewer, clickedAt);
  await reviewer.getByRole("button", { name: "Search", exact: true }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Search results"));
  await expect(reviewer.getByRole("link", { name: reference, exact: true })).toBeVisible();
  await expectNoAxeViolations(reviewer, "search results");

  await reviewer.goto("/staff/cases?queue=closed");
  await expect(reviewer).toHaveTitle(staffTitle("Closed – Cases"));
  await expect(reviewer.getByRole("row").filter({ has: reviewer.getByRole("link", { name: reference, exact: true }) })).toContainText(`Maisie ${surname}`);
  await expectNoAxeViolations(reviewer, "closed queue");
});
