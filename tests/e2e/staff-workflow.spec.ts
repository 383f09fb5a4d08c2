// The case workflow end to end in Chromium, one walk as the staff do it: an application sent through
// the public form's pages is taken from the queue and recorded stage by stage (each form going on to the
// next), decided by a manager with a fresh code, disclosed and closed. Nothing is fast-forwarded,
// and nothing is re-loaded only to be checked: the rules along the way (four eyes on the pages and
// in the database, a code to sign, no disclosure told only by a safe route, what is stored and
// logged) are checked in-process through the same pages' loaders and actions
// (tests/integration/workflow.test.ts "the workflow's pages", decision-chain.test.ts "the decision
// chain's pages").
import {
  approveRecommendation,
  caseIdOf,
  closeCase,
  expect,
  expectStage,
  fillAssessment,
  fillCheck,
  fillRiskCheck,
  fillScope,
  fillVerification,
  makeAnswers,
  mandatoryChecks,
  openCase,
  randomToken,
  recordDisclosure,
  staffTest as test,
  submitApplicationOverHttp,
  submitForm,
  takeFromQueue,
  timelineOf,
  withDb,
} from "./support";
import { actAs } from "./support/page-scans";

// A long journey (an application, then every stage of its case): a longer ceiling for a busy machine.
test.describe.configure({ timeout: 270_000 });

test("an online application goes through every stage to a disclosure recorded and the case closed", async ({ as, account }) => {
  // Its own reviewer and manager (the manager did no research: four eyes hold), taking turns in one
  // browser page (a session injected for each: signing in is staff-auth.spec.ts's).
  const REVIEWER = await account("reviewer");
  const MANAGER = await account("manager");
  const reviewer = await as("reviewer");
  const answers = makeAnswers();
  // Sent through the public form's pages over HTTP (every page read and posted, as a browser without
  // JavaScript would; the public form's cookie is its own, apart from the staff session's): the
  // applicant's own walk in Chromium is journey.spec.ts's, with and without JavaScript.
  const reference = await submitApplicationOverHttp(reviewer, answers);
  const caseId = caseIdOf(reference);

  // The reviewer takes it from the queue and records every stage up to the assessment, form after form.
  await takeFromQueue(reviewer, reference);
  await openCase(reviewer, caseId);
  await expect(reviewer.getByText(answers.children[0].fullName, { exact: true })).toBeVisible();
  await reviewer.getByRole("button", { name: "Record the immediate-risk check", exact: true }).click();
  await fillRiskCheck(reviewer);
  await submitForm(reviewer, caseId, "Save and continue to scope", "scope");
  await fillScope(reviewer);
  await submitForm(reviewer, caseId, "Save scope decision");
  await expectStage(reviewer, caseId, "Interview and verification");
  await reviewer.getByRole("button", { name: "Record the interview and verification", exact: true }).click();
  await fillVerification(reviewer);
  await submitForm(reviewer, caseId, "Save and continue to checks", "checks");
  const checks = mandatoryChecks(true);
  // The checks page comes back after each check (with JavaScript, re-rendered in place), with a
  // new empty form for the next: nothing of the last check's answers is left in it.
  for (const [i, check] of checks.entries()) {
    if (i > 0) await expect(reviewer.getByLabel("Another officer who did the check (optional)", { exact: true })).toHaveValue("");
    await fillCheck(reviewer, check);
    await reviewer.getByRole("button", { name: "Record this check", exact: true }).click();
    await expect(reviewer.getByRole("table", { name: "Checks recorded" }).locator("tbody tr")).toHaveCount(i + 1);
    await expect(reviewer.locator(".govuk-notification-banner--success")).toContainText("Check recorded");
  }
  await reviewer.getByRole("button", { name: "Checks complete: continue to risk assessment" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/assessment$`));
  const recipient = {
    name: `CanaryRecipient${randomToken()}`,
    relationship: "Mother",
    reason: "She has parental responsibility and the child lives with her.",
    wording: `WordingCanary${randomToken()} The person has convictions for sexual offences against children.`,
  };
  await fillAssessment(reviewer, { recommendation: "Disclose", csoConvictions: true, recipient });
  await submitForm(reviewer, caseId, "Submit for a manager's decision");
  await expectStage(reviewer, caseId, "Awaiting decision");

  // The manager, who did no research and no assessment, reads the assessment and approves with a fresh code.
  await actAs(reviewer, MANAGER);
  await approveRecommendation(reviewer, caseId, MANAGER.email, "Presumption to disclose; necessary and proportionate.", async (_form, p) => {
    await expect(p.getByRole("definition").filter({ hasText: recipient.name })).toHaveCount(1);
  });
  await actAs(reviewer, REVIEWER);

  // The reviewer records the disclosure, made in person to the recipient, and closes the case.
  await recordDisclosure(reviewer, caseId, {
    place: "Testtown police station",
    officers: "PC 1234 Example, DC 5678 Example",
    warnings: "Told the information is confidential and must not be shared.",
    expectRecipient: recipient.name,
    expectWording: recipient.wording,
  });
  await closeCase(reviewer, caseId, ["Disclosure (child sexual offence convictions)"]);

  // The closed case's page (where closing led): the outcome, only telling the applicant left to do,
  // and a timeline of every step, newest first, with who did it.
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("Closed");
  const outcomesRow = reviewer.locator(".govuk-summary-list__row").filter({ has: reviewer.getByRole("term").filter({ hasText: /^Outcomes$/ }) }).first();
  await expect(outcomesRow.getByRole("definition")).toHaveText("Disclosure (child sexual offence convictions)");
  await expect(reviewer.locator(".govuk-button-group").getByRole("button")).toHaveText(["Tell the applicant the case is closed"]);
  expect(await timelineOf(reviewer)).toEqual([
    { what: "Case closed: Disclosure (child sexual offence convictions)", by: REVIEWER.name },
    { what: "Disclosure or outcome delivery recorded", by: REVIEWER.name },
    { what: "Recommendation approved", by: MANAGER.name },
    { what: "Risk assessment and recommendation submitted for decision", by: REVIEWER.name },
    { what: "Research checks completed", by: REVIEWER.name },
    { what: "Research check recorded: Children's social care", by: REVIEWER.name },
    { what: "Research check recorded: ViSOR", by: REVIEWER.name },
    { what: "Research check recorded: PND (Police National Database)", by: REVIEWER.name },
    { what: "Research check recorded: PNC (Police National Computer)", by: REVIEWER.name },
    { what: "Interview and verification recorded", by: REVIEWER.name },
    { what: "Application in scope", by: REVIEWER.name },
    { what: "Immediate-risk check recorded", by: REVIEWER.name },
    { what: "Case taken", by: REVIEWER.name },
    { what: "Application received online", by: "Applicant or system" },
  ]);

  // What the walk stored: each check as it was typed (nothing carried over from the one before), the
  // recipient a person of their own, and the s.62 disclosure row.
  const stored = withDb((db) => db.prepare("select check_type, result, findings, other_officer from case_checks where case_id = ? order by id").all(caseId));
  expect(stored).toEqual([
    { check_type: "PNC (Police National Computer)", result: "trace", findings: JSON.stringify(["cso_convictions"]), other_officer: "DC 5678 Example" },
    { check_type: "PND (Police National Database)", result: "no_trace", findings: "[]", other_officer: null },
    { check_type: "ViSOR", result: "trace", findings: JSON.stringify(["registered_sex_offender"]), other_officer: null },
    { check_type: "Children's social care", result: "no_trace", findings: "[]", other_officer: null },
  ]);
  const people = withDb((db) => db.prepare("select role, full_name from case_people where case_id = ? and role in ('applicant', 'recipient') order by role").all(caseId));
  expect(people).toEqual([
    { role: "applicant", full_name: answers.applicant.fullName },
    { role: "recipient", full_name: recipient.name },
  ]);
  const disclosures = withDb((db) => db.prepare("select actor_id, recipient from audit_log where action = 'disclosure' and entity_type = 'case' and entity_id = ?").all(String(caseId)));
  expect(disclosures).toEqual([{ actor_id: REVIEWER.id, recipient: recipient.name }]);
});
