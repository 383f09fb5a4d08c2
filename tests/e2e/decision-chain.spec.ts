// The decision chain in Chromium (issue 10): only what needs a browser. Each page state the chain
// adds is scanned with axe, as a person reaches it (GOV.UK's JavaScript revealing the children's
// plan questions under the check chosen). The chain's rules — checks complete refused until every
// required check has a result, a stale approval refused, a departure's rationale and second
// signature, delivery naming only the approved recipient and wording, the access log, what the
// applicant is told, a contradictory closure refused — are checked in-process through the same
// pages' loaders and actions (tests/integration/decision-chain.test.ts, "the decision chain's
// pages"). The checks page is scanned here only (as first shown too); the decision, its errors, the
// disclosure delivery and closure pages are scanned by staff-accessibility.spec.ts. Stages a test is
// not about are taken on through the app's service.
import { createTestAccount, expect, expectNoAxeViolations, fillCheck, staffTest as test, staffTitle } from "./support";
import { approved, assessed, caseAtChecks, checksDone, checksRecorded, countersigned } from "./support/case-state";
import { actAs } from "./support/page-scans";

test("the checks page refusing 'checks complete', with a check's errors, and with every check and the identity recorded", async ({ as, account }) => {
  const reviewer = await as("reviewer");
  const me = await account("reviewer");
  const caseId = await caseAtChecks(me.id, { childName: "Casey Checks" });

  await reviewer.goto(`/staff/cases/${caseId}/checks`);
  await expect(reviewer.locator("main")).toContainText(`Done by: ${me.name} (you)`);
  await expectNoAxeViolations(reviewer, "checks");
  await reviewer.getByRole("button", { name: "Checks complete: continue to risk assessment" }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Research and checks", true));
  await expect(reviewer.locator(".govuk-error-summary")).toContainText(
    "Record a result for every required check first. Still to do: PNC (Police National Computer), PND (Police National Database), ViSOR, Children's social care",
  );
  await expectNoAxeViolations(reviewer, "checks: complete refused");

  // Children's social care reveals a plan question for each child; left unanswered, it is an error.
  await fillCheck(reviewer, { type: "Children's social care", result: "No trace", summary: "Not known." });
  await expect(reviewer.getByRole("group", { name: "Child protection plan: Casey Checks" })).toBeVisible();
  await reviewer.getByRole("button", { name: "Record this check", exact: true }).click();
  await expect(reviewer.locator(".govuk-error-summary")).toContainText("Select whether Casey Checks is subject of a child protection plan");
  await expectNoAxeViolations(reviewer, "checks: check with errors");

  checksRecorded(caseId, me.id, false, { childPlan: "not_known", identity: { fullName: "Confirmed Subject Name", dateOfBirth: "1980-05-04" } });
  await reviewer.goto(`/staff/cases/${caseId}/checks`);
  await expect(reviewer.getByRole("definition").filter({ hasText: "Confirmed Subject Name" })).toHaveCount(1);
  await expect(reviewer.locator("table")).toContainText("Not known to children's social care");
  await expectNoAxeViolations(reviewer, "checks: all recorded");
});

test("the second signature page, and what a verified applicant is told: the controlled wording", async ({ as, account }) => {
  const me = (await account("reviewer")).id;
  const first = (await account("manager")).id;

  // Convictions, and 'no disclosure' signed by one manager: the page asks a second for their signature.
  const caseId = await caseAtChecks(me);
  checksDone(caseId, me, true);
  assessed(caseId, me, "no_disclosure", { csoConvictions: "yes", registeredSexOffender: "yes" });
  approved(caseId, first, "The subject is in prison until 2040 and has no contact.");
  // The second manager and then the reviewer take turns in one browser page.
  const second = await createTestAccount(["manager"]);
  const reviewer = await as("reviewer");
  await actAs(reviewer, second);
  await reviewer.goto(`/staff/cases/${caseId}/decision`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Second signature: departure from the presumption to disclose");
  await expect(reviewer.locator("main")).toContainText("The subject is in prison until 2040 and has no contact.");
  await expectNoAxeViolations(reviewer, "second signature");

  // Countersigned: the verified applicant is told only the controlled wording, by a safe route.
  countersigned(caseId, second.id);
  await actAs(reviewer, await account("reviewer"));
  await reviewer.goto(`/staff/cases/${caseId}/delivery`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Record the outcome");
  await expect(reviewer.getByTestId("applicant-wording")).toHaveText(/^The police have considered your application under the Child Sex Offender Disclosure Scheme/);
  await expect(reviewer.getByRole("group", { name: "How the applicant was told" })).toBeVisible();
  await expectNoAxeViolations(reviewer, "outcome delivery");
  // An applicant who was not verified: the same page less the route and the wording, with a sentence
  // saying why (decision-chain.test.ts, "delivery: an unverified applicant…", renders it).
});
