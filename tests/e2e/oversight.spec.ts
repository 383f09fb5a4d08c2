// Oversight in Chromium: a manager reads the scheme statistics, downloads them as CSV, then
// searches the s.62 access log and exports it for an Information Commissioner request.
import fs from "node:fs";
import { expect, expectNoAxeViolations, makeAnswers, staffTest as test, staffTitle, submitApplicationOverHttp } from "./support";

test("a manager opens the dashboard, downloads a CSV, filters and exports the access log", async ({ as, page: publicPage }) => {
  test.slow(); // an application, two pages scanned with axe, a CSV and two exports
  // One more application today, so the figures have something of their own.
  const reference = await submitApplicationOverHttp(publicPage, makeAnswers());

  const page = await as("manager");
  await page.goto("/staff/statistics");
  await expect(page).toHaveTitle(staffTitle("Statistics"));
  await expect(page.getByRole("heading", { name: "Statistics", level: 1 })).toBeVisible();
  await expect(page.locator("svg[role=img]").first()).toBeVisible();
  await expectNoAxeViolations(page, "statistics");

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download as CSV/ }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^csods-statistics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = fs.readFileSync((await csv.path())!, "utf8");
  expect(csvText).toMatch(/Applications/i);
  expect(csvText).not.toContain(reference); // figures only, no case data

  await page.goto("/staff/audit");
  await expect(page).toHaveTitle(staffTitle("Access log"));
  await expectNoAxeViolations(page, "access log");
  await page.getByLabel("Case reference").fill(reference);
  await page.getByLabel("Action").selectOption("collection");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/staff\/audit\?/);
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Collection");
  await expect(rows.first()).toContainText("Member of the public");
  await expectNoAxeViolations(page, "access log, filtered");

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JSON", exact: true }).click()]);
  const body = JSON.parse(fs.readFileSync((await json.path())!, "utf8")) as {
    chainVerification: { status: string };
    rows: { action: string; entity_type: string }[];
  };
  expect(body.chainVerification.status).toBe("intact");
  expect(body.rows).toHaveLength(1);
  expect(body.rows[0]).toMatchObject({ action: "collection", entity_type: "case" });

  const [exportCsv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV", exact: true }).click()]);
  const auditCsv = fs.readFileSync((await exportCsv.path())!, "utf8");
  expect(auditCsv.split("\r\n")[0]).toMatch(/^chain_verification,intact,/);

  // The search and both exports are in the log themselves.
  await page.goto(`/staff/audit?action=consultation`);
  await expect(page.locator("table tbody")).toContainText("audit log exported as json");
});
