// Finding a closed case (issue 12): by its reference typed in lower case without hyphens, and by
// the child's surname; the Closed queue names the child; nothing personal in any address; axe clean.
import type { Page } from "@playwright/test";
import {
  caseIdOf,
  expect,
  expectNoAxeViolations,
  group,
  makeAnswers,
  makeChild,
  openCase,
  randomToken,
  recordRiskCheck,
  staffTest as test,
  staffTitle,
  submitApplicationOverHttp,
  takeFromQueue,
  withDb,
} from "./support";

test.describe.configure({ timeout: 180_000 });

/** Searches from the search page and waits for the results. */
async function search(page: Page, fill: (page: Page) => Promise<void>) {
  await page.goto("/staff/search");
  await expect(page).toHaveTitle(staffTitle("Search for a case"));
  await fill(page);
  await group(page, "Why are you searching?").getByLabel("Someone contacted us about a case", { exact: false }).check();
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveTitle(staffTitle("Search results"));
}

test("a closed case is found by its reference typed in lower case without hyphens, and by the child's surname", async ({ page, as }) => {
  const surname = `Whit${randomToken(8)}`;
  const answers = makeAnswers({ children: [makeChild({ fullName: `Maisie ${surname}` })] });
  const reference = await submitApplicationOverHttp(page, answers);
  const caseId = caseIdOf(reference);

  // The reviewer closes it as out of scope.
  const reviewer = await as("reviewer");
  const visited: string[] = [];
  reviewer.on("framenavigated", (frame) => {
    if (frame === reviewer.mainFrame()) visited.push(frame.url());
  });
  await takeFromQueue(reviewer, reference);
  await recordRiskCheck(reviewer, caseId);
  await openCase(reviewer, caseId);
  await reviewer.getByRole("button", { name: "Record the scope decision", exact: true }).click();
  await group(reviewer, "Is the application in scope?").getByLabel("No, not progressed", { exact: true }).check();
  await reviewer.getByLabel("Why it is not progressed").fill("No contact between the subject and the child.");
  await reviewer.getByLabel("What the police will do instead, and how the applicant is told").fill("Letter through the safe route.");
  await reviewer.getByRole("button", { name: "Save scope decision", exact: true }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));

  // The search page, as a form and with its errors.
  await reviewer.goto("/staff/search");
  await expectNoAxeViolations(reviewer, "search form");
  await reviewer.getByRole("button", { name: "Search", exact: true }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Search for a case", true));
  await expect(reviewer.locator(".govuk-error-summary")).toContainText("Enter a reference, a name, a date of birth or a postcode");
  await expect(reviewer.locator(".govuk-error-summary")).toContainText("Select why you are searching");
  await expectNoAxeViolations(reviewer, "search form with errors");

  // By reference, lower case, no hyphens.
  await search(reviewer, (p) => p.getByLabel("Reference", { exact: true }).fill(reference.toLowerCase().replace(/-/g, "")));
  const byReference = reviewer.getByRole("row").filter({ has: reviewer.getByRole("link", { name: reference, exact: true }) });
  await expect(byReference).toHaveCount(1);
  await expect(byReference).toContainText("Closed");
  await expect(byReference).toContainText(`Child: Maisie ${surname}`);
  await expect(reviewer.getByRole("status")).toHaveText("1 case matches, newest first.");
  await expectNoAxeViolations(reviewer, "search results");

  // By the child's surname, typed in lower case: the results page's address holds no name.
  await search(reviewer, (p) => p.getByLabel("Name", { exact: true }).fill(surname.toLowerCase()));
  expect(reviewer.url()).toMatch(/\/staff\/search\?results=[A-Za-z0-9_-]+$/);
  expect(reviewer.url().toLowerCase()).not.toContain(surname.toLowerCase());
  await reviewer.getByRole("link", { name: reference, exact: true }).click();
  await expect(reviewer).toHaveTitle(staffTitle(`Case ${reference}`));
  // Back to the results: still there (the search is kept server-side, not in the address).
  await reviewer.goBack();
  await expect(reviewer).toHaveTitle(staffTitle("Search results"));
  await expect(reviewer.getByRole("link", { name: reference, exact: true })).toBeVisible();

  // The Closed queue lists it, with the child's name.
  await reviewer.goto("/staff/cases?queue=closed");
  await expect(reviewer).toHaveTitle(staffTitle("Closed – Cases"));
  const row = reviewer.getByRole("row").filter({ has: reviewer.getByRole("link", { name: reference, exact: true }) });
  await expect(row).toContainText(`Maisie ${surname}`);
  await expectNoAxeViolations(reviewer, "closed queue");

  // No address visited held the name; the access log has the search's consultation rows with the purpose.
  for (const url of visited) expect(url.toLowerCase()).not.toContain(surname.toLowerCase());
  const reasons = withDb((db) =>
    (db.prepare("select reason from audit_log where action = 'consultation' and entity_type = 'case' and entity_id = ? and reason like 'case search%'").all(String(caseId)) as Array<{ reason: string }>).map((r) => r.reason),
  );
  expect(reasons.length).toBeGreaterThanOrEqual(3); // by reference, by surname, and again after Back
  expect(new Set(reasons)).toEqual(new Set(["case search results viewed (Someone contacted us about a case (for example an applicant with a reference))"]));
});
