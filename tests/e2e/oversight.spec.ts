// Oversight in Chromium: the statistics dashboard and the s.62 access log, unfiltered and filtered,
// scanned with axe. The figures, the CSV and JSON downloads, the filters and the logging of the
// searches and exports are checked in-process (tests/integration/statistics.test.ts,
// audit-viewer.test.ts).
import { expect, expectNoAxeViolations, staffTest as test, staffTitle } from "./support";
import { applicationSent } from "./support/staff-other-cases";

test("the statistics and the access log, unfiltered and filtered, pass axe", async ({ as }) => {
  // One more application today, so the figures and the filtered log have something of their own.
  const { reference } = await applicationSent();
  const page = await as("manager");
  await page.goto("/staff/statistics");
  await expect(page).toHaveTitle(staffTitle("Statistics"));
  await expect(page.locator("svg[role=img]").first()).toBeVisible();
  await expectNoAxeViolations(page, "statistics");

  await page.goto("/staff/audit");
  await expect(page).toHaveTitle(staffTitle("Access log"));
  await expectNoAxeViolations(page, "access log");
  await page.getByLabel("Case reference").fill(reference);
  await page.getByLabel("Action").selectOption("collection");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/staff\/audit\?/);
  await expect(page.locator("table tbody tr")).toHaveCount(1);
  await expectNoAxeViolations(page, "access log, filtered");
});
