// What goes on paper (issue 12), in Chromium with print media emulated: the disclosure record with
// the confidentiality undertaking, the case record, and the outcome letter to an applicant who chose
// post; and the axe scans of those pages and of "tell the applicant the case is closed". Each
// print-media screenshot is attached to the test's results. The case is set up, and then closed,
// through the app's own services (the stages are walked by the casework journeys); what the pages
// say, the views logged and telling the applicant are checked in-process
// (tests/integration/printing.test.ts).
import type { Page, TestInfo } from "@playwright/test";
import { expect, expectNoAxeViolations, group, randomToken, staffTest as test, staffTitle } from "./support";
import { moveCaseTo } from "./support/case-stages";
import { caseWithDisclosureMade } from "./support/staff-other-cases";

/** Emulates print media and keeps a full-page screenshot of how the page prints. */
async function printed(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.emulateMedia({ media: "print" });
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${name} (print media)`, { path, contentType: "image/png" });
}

test("the disclosure record with its undertaking, the case record and the outcome letter print; telling the applicant the case is closed passes axe", async ({ as, account }, testInfo) => {
  const childName = `Poppy Print${randomToken(6)}`;
  const actors = { reviewer: await account("reviewer"), manager: await account("manager") };
  const { caseId } = await caseWithDisclosureMade(actors, { childName });
  const reviewer = await as("reviewer");

  // The disclosure record, to take to the meeting.
  await reviewer.goto(`/staff/cases/${caseId}/disclosure-record`);
  await expect(reviewer).toHaveTitle(staffTitle("Disclosure record and confidentiality undertaking"));
  await expect(reviewer.locator("main")).toContainText("Pat Parent");
  await expectNoAxeViolations(reviewer, "disclosure record");
  // On screen, once scripts run, a button prints it.
  await expect(reviewer.getByRole("button", { name: "Print this page" })).toBeVisible();
  await printed(reviewer, testInfo, "disclosure-record");
  // On paper: the record and its undertaking, with its marking; no header, buttons or links to click.
  await expect(reviewer.locator(".govuk-generic-header")).toBeHidden();
  await expect(reviewer.locator(".govuk-service-navigation")).toBeHidden();
  await expect(reviewer.getByRole("link", { name: "Back to the case" })).toBeHidden();
  await expect(reviewer.getByRole("button", { name: "Print this page" })).toBeHidden();
  await expect(reviewer.getByRole("heading", { name: "Confidentiality undertaking", exact: true })).toBeVisible();
  await expect(reviewer.getByRole("region", { name: "Signed by the recipient" })).toBeVisible();
  await expect(reviewer.locator(".app-protective-marking").first()).toHaveText("OFFICIAL-SENSITIVE");
  await expect(reviewer.locator(".app-protective-marking").first()).toBeVisible();
  await reviewer.emulateMedia({ media: "screen" });
  await expect(reviewer.getByRole("button", { name: "Print this page" })).toBeVisible();

  // The case record is the case page on paper: the record without the forms and navigation.
  await reviewer.goto(`/staff/cases/${caseId}`);
  await expect(reviewer.getByRole("region", { name: "Print" }).getByRole("button", { name: "Print the case record" })).toBeVisible();
  await printed(reviewer, testInfo, "case-record");
  await expect(reviewer.getByRole("navigation", { name: "Case sections" })).toBeHidden();
  await expect(reviewer.getByRole("region", { name: "Print" })).toBeHidden();
  await expect(reviewer.getByRole("button", { name: "Add note" })).toBeHidden();
  await expect(reviewer.getByRole("heading", { name: "The application" })).toBeVisible();
  await expect(reviewer.getByText(childName).first()).toBeVisible();
  await expect(reviewer.locator(".app-identity-bar .app-protective-marking")).toBeVisible();
  await reviewer.emulateMedia({ media: "screen" });
  await expect(reviewer.locator(".app-identity-bar .app-protective-marking")).toBeHidden();

  // The outcome letter to the applicant: on paper, only the letter, with no marking.
  await reviewer.getByRole("link", { name: "Outcome letter to the applicant" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/outcome-letter$`));
  await expect(reviewer).toHaveTitle(staffTitle("Outcome letter to the applicant"));
  await expect(reviewer.locator("main")).toContainText("Dear Alex Applicant,");
  await expectNoAxeViolations(reviewer, "outcome letter");
  await printed(reviewer, testInfo, "outcome-letter");
  await expect(reviewer.getByRole("heading", { name: "Outcome letter to the applicant" })).toBeHidden();
  await expect(reviewer.locator(".app-letter")).toBeVisible();
  await expect(reviewer.locator(".app-protective-marking")).toHaveCount(0);
  await reviewer.emulateMedia({ media: "screen" });

  // The case closed (by the service): the page for telling the applicant, who chose post only.
  moveCaseTo(caseId, "closed", actors);
  await reviewer.goto(`/staff/cases/${caseId}/tell-applicant`);
  await expect(reviewer).toHaveTitle(staffTitle("Tell the applicant the case is closed"));
  await expect(group(reviewer, "How are you telling them?").getByRole("radio")).toHaveCount(1);
  await expectNoAxeViolations(reviewer, "tell the applicant the case is closed");
});
