// Urgent means urgent, partners hear in time (issue 11): in Chromium, only what needs a browser,
// the axe scans of the page states no other spec reaches, on the shared e2e server. The rules are
// checked in-process: the whole drill (the address limit, the alerts and the one escalation with
// the clock moved on, the late referral and its disclosure row, the statistics and the return, the
// Call 999 page's words and tap-to-call links) in tests/integration/urgent-drill.test.ts, and
// urgent.test.ts, referrals.test.ts, queues.test.ts, overdue-clock.test.ts, statistics.test.ts,
// proactive.test.ts. The Call 999 page is scanned by accessibility.spec.ts (reached with
// JavaScript from the danger question), the statistics page and the access log, filtered, by
// oversight.spec.ts, a proactive case's page by staff-accessibility.spec.ts.
//
// The urgent case is sent over the address limit by the app's own service in this worker (its
// limiter is this process's, at the production default of 5: the e2e server raises its own), and
// taken by this test's reviewer, so it is the one row of "My cases".
import "./support/staff-sessions"; // points this worker's services at the e2e database first
import { performAction } from "~/services/case-actions.server";
import { getConfig } from "~/services/config.server";
import { getStaff } from "~/services/staff-accounts.server";
import { submitTestCase } from "../support/cases";
import { expect, randomToken, staffTest as test, staffTitle, withDb } from "./support";
import { scanner } from "./support/page-scans";

test("an urgent case over the address limit: its queue row, its page and the referral form, with and without errors, pass axe", async ({
  as,
  account,
}) => {
  const { scanned, scan } = scanner();

  // An address that has used its hourly applications sends an urgent one: accepted and flagged.
  const address = `203.0.113.${1 + Math.floor(Math.random() * 254)}`;
  for (let i = 0; i < getConfig().submissionsPerIpPerHour; i++) await submitTestCase({ ip: address });
  const urgent = await submitTestCase({ ip: address, urgent: true, childName: `Urgent Child ${randomToken(4)}` });
  const row = withDb((db) => db.prepare("SELECT urgent, over_submission_limit FROM cases WHERE id = ?").get(urgent.caseId));
  expect(row).toEqual({ urgent: 1, over_submission_limit: 1 });
  const taken = performAction(urgent.caseId, { action: "take" }, getStaff((await account("reviewer")).id)!, "e2e-set-up");
  expect(taken.ok).toBe(true);

  const reviewer = await as("reviewer");
  await reviewer.goto("/staff/cases?queue=mine");
  const queueRow = reviewer.locator("main table tbody tr").filter({ hasText: urgent.reference });
  await expect(queueRow).toContainText("Urgent");
  await expect(queueRow).toContainText("The applicant said a child is in danger now");
  await scan(reviewer, "queue with an urgent case");

  await reviewer.goto(`/staff/cases/${urgent.caseId}`);
  await expect(reviewer.locator(".govuk-warning-text").first()).toContainText("Urgent: The applicant said a child is in danger now");
  await expect(reviewer.getByText("Possible misuse: this urgent application was sent from an internet connection")).toBeVisible();
  await scan(reviewer, "urgent case page");

  await reviewer.goto(`/staff/cases/${urgent.caseId}/referral`);
  await expect(reviewer).toHaveTitle(staffTitle("Record a referral"));
  await scan(reviewer, "referral form");
  await reviewer.getByRole("button", { name: "Save the referral", exact: true }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Record a referral", true));
  await expect(reviewer.locator(".govuk-error-summary")).toBeVisible();
  await scan(reviewer, "referral form with errors");

  expect(scanned).toEqual(["queue with an urgent case", "urgent case page", "referral form", "referral form with errors"]);
});
