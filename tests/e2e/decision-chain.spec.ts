// The decision chain in Chromium (issue 10): checks → assessment → signed decision → the words
// said to the person best placed. (a) a stale approval is refused; (b) a departure from the
// presumption needs a rationale and a second manager; (c) delivery names only the approved
// recipient and wording, and the access log carries them and the decision id; (d) what the
// applicant is told; (e) no assessment with a required check missing; (f) no contradictory closure.
// Stages a test is not about are written straight into the database (fastForwardTo…).
import type { Page } from "@playwright/test";
import {
  approveRecommendation,
  caseIdOf,
  closeCase,
  completeChecks,
  createTestAccount,
  csrfTokenOf,
  expect,
  expectNoAxeViolations,
  expectStage,
  fastForwardToAssessment,
  fastForwardToChecks,
  fillCheck,
  group,
  injectSession,
  makeAnswers,
  mandatoryChecks,
  randomToken,
  recordAssessment,
  recordCheck,
  recordDisclosure,
  staffTest as test,
  staffTitle,
  staffUserByEmail,
  submitApplicationOverHttp,
  todayInLondon,
  withDb,
  withFreshCode,
  type TestAccount,
} from "./support";

// Journeys through several pages with axe scans and fresh codes: a longer ceiling for a busy machine.
test.describe.configure({ timeout: 300_000 });

type DecisionRow = { id: number; decision: string; outcome: string | null; assessment_version: number | null; departure: string | null; recipient_name: string | null; wording: string | null };
const decisionsOf = (caseId: number) =>
  withDb((db) => db.prepare("select id, decision, outcome, assessment_version, departure, recipient_name, wording from case_decisions where case_id = ? order by version").all(caseId) as DecisionRow[]);
const statusOf = (caseId: number) => withDb((db) => (db.prepare("select status from cases where id = ?").get(caseId) as { status: string }).status);
const deliveryOf = (caseId: number) =>
  withDb((db) => JSON.parse((db.prepare("select data from case_records where case_id = ? and kind = 'delivery'").get(caseId) as { data: string }).data) as Record<string, unknown>);

/** A new application (sent through the server over HTTP, not walked in the browser), its case id. */
async function newCase(page: Page, answers = makeAnswers()) {
  return caseIdOf(await submitApplicationOverHttp(page, answers));
}

/** A second manager of this test's own, signed in on a page of their own. */
async function anotherManager(freshPage: () => Promise<Page>): Promise<{ page: Page; account: TestAccount }> {
  const account = await createTestAccount(["manager"]);
  const page = await freshPage();
  await injectSession(page.context(), account);
  return { page, account };
}

test("(e) checks complete is refused until every required check has a result; (a) an approval of an assessment replaced since it was read is refused", async ({ page, as, account, freshPage }) => {
  const reviewer = await as("reviewer");
  const caseId = await newCase(page);
  fastForwardToChecks(caseId, staffUserByEmail((await account("reviewer")).email)!.id);

  // (e) No checks yet: refused, naming every required check; nothing moves.
  await reviewer.goto(`/staff/cases/${caseId}/checks`);
  await reviewer.getByRole("button", { name: "Checks complete: continue to risk assessment" }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Research and checks", true));
  await expect(reviewer.locator(".govuk-error-summary")).toContainText(
    "Record a result for every required check first. Still to do: PNC (Police National Computer), PND (Police National Database), ViSOR, Children's social care",
  );
  await expectNoAxeViolations(reviewer, "checks: complete refused");
  expect(statusOf(caseId)).toBe("checks");

  // The children's social care check needs each child's plan status; "done by" is the signed-in user.
  await expect(reviewer.locator("main")).toContainText(`Done by: ${(await account("reviewer")).name} (you)`);
  await fillCheck(reviewer, { type: "Children's social care", result: "No trace", summary: "Not known." });
  await reviewer.getByRole("button", { name: "Record this check", exact: true }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Research and checks", true));
  await expect(reviewer.locator(".govuk-error-summary")).toContainText(/Select whether .+ is subject of a child protection plan/);
  await expectNoAxeViolations(reviewer, "checks: check with errors");

  const [pnc, pnd, visor, csc] = mandatoryChecks(false);
  for (const check of [pnc, pnd, visor]) await recordCheck(reviewer, caseId, check);
  await reviewer.goto(`/staff/cases/${caseId}/checks`);
  await reviewer.getByRole("button", { name: "Checks complete: continue to risk assessment" }).click();
  await expect(reviewer.locator(".govuk-error-summary")).toContainText("Record a result for every required check first. Still to do: Children's social care");
  await recordCheck(reviewer, caseId, csc);
  // The subject's identity as the checks confirmed it.
  await reviewer.goto(`/staff/cases/${caseId}/checks`);
  await reviewer.getByLabel("Full name found by the checks", { exact: true }).fill("Confirmed Subject Name");
  const dob = group(reviewer, "Date of birth found by the checks");
  await dob.getByLabel("Day", { exact: true }).fill("4");
  await dob.getByLabel("Month", { exact: true }).fill("5");
  await dob.getByLabel("Year", { exact: true }).fill("1980");
  await reviewer.getByRole("button", { name: "Record the confirmed identity" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/checks$`));
  await expect(reviewer.getByRole("definition").filter({ hasText: "Confirmed Subject Name" })).toHaveCount(1);
  await expect(reviewer.locator("table")).toContainText("Not known to children's social care");
  await expectNoAxeViolations(reviewer, "checks: all recorded");
  await completeChecks(reviewer, caseId);
  await recordAssessment(reviewer, caseId, { recommendation: "No disclosure", csoConvictions: false });

  // (a) Manager A opens the decision page (recommendation: no disclosure) and fills it in.
  const managerA = await as("manager");
  await managerA.goto(`/staff/cases/${caseId}/decision`);
  await expect(managerA.locator("main")).toContainText("Confirmed Subject Name");
  await expect(managerA.locator("main")).toContainText("4 May 1980");
  await expect(managerA.locator("main table")).toContainText("Not known to children's social care");
  await expectNoAxeViolations(managerA, "decision page with the whole case");
  await group(managerA, "Your decision").getByLabel("Approve the recommendation", { exact: true }).check();
  await managerA.getByLabel("Reasons", { exact: true }).fill("No convictions: nothing to disclose.");

  // Meanwhile manager B returns the case and the reviewer resubmits "disclose to Unseen Recipient".
  const { page: managerB } = await anotherManager(freshPage);
  await managerB.goto(`/staff/cases/${caseId}/decision`);
  await group(managerB, "Your decision").getByLabel("Return it to the reviewer for more work", { exact: true }).check();
  await managerB.getByLabel("Reasons", { exact: true }).fill("Look again at the intelligence.");
  await managerB.getByRole("button", { name: "Sign the decision" }).click();
  await expectStage(managerB, caseId, "Risk assessment");
  await reviewer.goto(`/staff/cases/${caseId}/assessment`);
  await reviewer.getByLabel("Relevant intelligence (optional)", { exact: true }).fill("Seen loitering near the school.");
  await group(reviewer, "Recommendation").getByLabel("Disclose", { exact: true }).check();
  await group(reviewer, "Who is best placed to protect the child?").getByLabel("Someone else", { exact: true }).check();
  await reviewer.getByLabel("Name", { exact: true }).fill("Unseen Recipient");
  await reviewer.getByLabel("Relationship to the child", { exact: true }).fill("Aunt");
  await reviewer.getByLabel("Why they are best placed to protect the child", { exact: true }).fill("The child lives with her.");
  await reviewer.getByLabel("Proposed wording of the disclosure", { exact: true }).fill("Unseen wording.");
  await reviewer.getByRole("button", { name: "Submit for a manager's decision" }).click();
  await expectStage(reviewer, caseId, "Awaiting decision");

  // A signs the page loaded earlier with a fresh code: refused, nothing signed.
  await withFreshCode((await account("manager")).email, async (code) => {
    await managerA.getByLabel("Security code", { exact: true }).fill(code);
    await managerA.getByRole("button", { name: "Sign the decision" }).click();
    await expect(managerA).toHaveTitle(staffTitle("Decision", true));
  });
  await expect(managerA.locator(".govuk-error-summary")).toContainText("The assessment changed since you opened it — read it again");
  expect(decisionsOf(caseId).map((d) => d.decision)).toEqual(["return"]);
  expect(statusOf(caseId)).toBe("decision");
  // Read again, the new version is what A sees.
  await managerA.goto(`/staff/cases/${caseId}/decision`);
  await expect(managerA.getByRole("definition").filter({ hasText: "Unseen Recipient" })).toHaveCount(1);
  await expect(managerA.locator("main")).toContainText("(version 2)");
});

test("(b) convictions decided 'no disclosure' need a rationale and a second manager's signature; (d) the applicant gets only the controlled wording; (f) a contradictory closure is refused", async ({ page, as, account, freshPage }) => {
  const reviewer = await as("reviewer");
  const caseId = await newCase(page);
  fastForwardToAssessment(caseId, staffUserByEmail((await account("reviewer")).email)!.id, { convictions: true });
  await recordAssessment(reviewer, caseId, { recommendation: "No disclosure", csoConvictions: true });

  const manager = await as("manager");
  const first = await account("manager");
  await manager.goto(`/staff/cases/${caseId}/decision`);
  await group(manager, "Your decision").getByLabel("Approve the recommendation", { exact: true }).check();
  await manager.getByLabel("Reasons", { exact: true }).fill("Disclosure is not necessary now.");
  await manager.getByRole("button", { name: "Sign the decision" }).click();
  await expect(manager).toHaveTitle(staffTitle("Decision", true));
  await expect(manager.locator(".govuk-error-summary")).toContainText("This decision departs from the presumption to disclose: give the rationale");
  await expectNoAxeViolations(manager, "decision with errors");
  expect(decisionsOf(caseId)).toEqual([]);
  await group(manager, "Your decision").getByLabel("Approve the recommendation", { exact: true }).check();
  await manager.getByLabel("Why this decision departs from the presumption to disclose", { exact: true }).fill("The subject is in prison until 2040 and has no contact.");
  await withFreshCode(first.email, async (code) => {
    await manager.getByLabel("Security code", { exact: true }).fill(code);
    await manager.getByRole("button", { name: "Sign the decision" }).click();
    await expect(manager).toHaveURL(new RegExp(`/staff/cases/${caseId}/decision$`));
    await expect(manager.locator(".govuk-notification-banner--success")).toBeVisible();
  });
  // Signed once: the case still waits for a decision, and the first signer cannot sign again.
  expect(statusOf(caseId)).toBe("decision");
  expect(decisionsOf(caseId)).toEqual([expect.objectContaining({ decision: "approve", outcome: "no_disclosure", departure: "convictions_not_disclosed" })]);
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText("Second signature: departure from the presumption to disclose");
  await expect(manager.locator(".govuk-inset-text").last()).toHaveText("You signed this decision, so another manager must give the second signature.");

  // A second manager, new to the case, signs with a code of their own.
  const second = await anotherManager(freshPage);
  await second.page.goto(`/staff/cases/${caseId}/decision`);
  await expect(second.page.getByRole("heading", { level: 1 })).toHaveText("Second signature: departure from the presumption to disclose");
  await expect(second.page.locator("main")).toContainText("The subject is in prison until 2040 and has no contact.");
  await expectNoAxeViolations(second.page, "second signature");
  await withFreshCode(second.account.email, async (code) => {
    await second.page.getByLabel("Security code", { exact: true }).fill(code);
    await second.page.getByRole("button", { name: "Give the second signature" }).click();
    await expect(second.page).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));
  });
  await expectStage(second.page, caseId, "Disclosure or outcome to deliver");
  await expect(second.page.locator("main")).toContainText("Presumption departure");
  expect(withDb((db) => db.prepare("select presumption_departure from cases where id = ?").get(caseId))).toEqual({ presumption_departure: 1 });

  // (d) The verified applicant is not a recipient: only the controlled wording, by a safe route.
  await reviewer.goto(`/staff/cases/${caseId}/delivery`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Record the outcome");
  const wording = (await reviewer.getByTestId("applicant-wording").innerText()).trim();
  expect(wording).toMatch(/^The police have considered your application under the Child Sex Offender Disclosure Scheme/);
  expect(wording).not.toMatch(/no disclosure|convict|record/i);
  await expectNoAxeViolations(reviewer, "outcome delivery");
  await group(reviewer, "How the applicant was told").getByLabel("Email", { exact: true }).check();
  await reviewer.getByRole("button", { name: "Save", exact: true }).click();
  await expectStage(reviewer, caseId, "Outcomes and closure");
  const delivery = deliveryOf(caseId);
  expect(delivery).toMatchObject({ kind: "outcome", messagePolicy: "controlled", messageWords: wording, messageRoute: "email" });
  expect(Date.parse(String(delivery.messageAt))).toBeGreaterThan(0);

  // (f) Closing with Disclosure + No disclosure + Withdrawn is refused; nothing changes.
  const body = new URLSearchParams([["csrf", await csrfTokenOf(reviewer)], ["outcomes", "disclosure_cso"], ["outcomes", "no_disclosure"], ["outcomes", "withdrawn"]]);
  const forged = await reviewer.request.post(`/staff/cases/${caseId}/close`, { data: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(new URL(forged.url()).pathname).toBe(`/staff/cases/${caseId}/close`);
  expect(await forged.text()).toMatch(/is recorded from the decision and the delivery|closes a case early/);
  expect(statusOf(caseId)).toBe("closure");
  expect(withDb((db) => db.prepare("select count(*) as n from case_outcomes where case_id = ? and code in ('disclosure_cso', 'withdrawn')").get(caseId))).toEqual({ n: 0 });
  await closeCase(reviewer, caseId, ["No disclosure"], async (_form, p) => expectNoAxeViolations(p, "closure"));
  expect(withDb((db) => (db.prepare("select code from case_outcomes where case_id = ? order by code").all(caseId) as Array<{ code: string }>).map((r) => r.code))).toEqual(["no_disclosure"]);
});

test("(c) delivery can only name the approved recipient and wording; the access log's disclosure row carries them and the decision id", async ({ page, as, account }) => {
  const reviewer = await as("reviewer");
  const caseId = await newCase(page);
  fastForwardToAssessment(caseId, staffUserByEmail((await account("reviewer")).email)!.id, { convictions: true });
  const recipient = { name: `CanaryRecipient${randomToken()}`, relationship: "Mother", reason: "The child lives with her.", wording: `WordingCanary${randomToken()} The person has convictions.` };
  await recordAssessment(reviewer, caseId, { recommendation: "Disclose", csoConvictions: true, recipient });
  const manager = await as("manager");
  await approveRecommendation(manager, caseId, (await account("manager")).email, "Presumption to disclose; necessary and proportionate.");
  const [decision] = decisionsOf(caseId);
  expect(decision).toMatchObject({ decision: "approve", outcome: "disclose", assessment_version: 1, recipient_name: recipient.name, wording: recipient.wording });

  // Forged posts naming someone else and other words, dated before the decision, or for another decision: refused.
  await reviewer.goto(`/staff/cases/${caseId}/delivery`);
  await expectNoAxeViolations(reviewer, "disclosure delivery");
  const today = todayInLondon();
  const csrf = await csrfTokenOf(reviewer);
  const base = {
    csrf, decisionId: String(decision.id), deliveredDay: today.day, deliveredMonth: today.month, deliveredYear: today.year, place: "Station", officers: "PC 1",
    warningsGiven: "Confidential", undertaking: "signed", messageRoute: "email", messageDay: today.day, messageMonth: today.month, messageYear: today.year,
  };
  const early = await reviewer.request.post(`/staff/cases/${caseId}/delivery`, { form: { ...base, deliveredTime: "0:00", messageTime: "0:00", recipientName: "Someone Else", wordingUsed: "COMPLETELY DIFFERENT WORDING" } });
  expect(await early.text()).toContain("The date and time cannot be before the decision was signed");
  const stale = await reviewer.request.post(`/staff/cases/${caseId}/delivery`, { form: { ...base, decisionId: String(decision.id - 1), deliveredTime: "23:59", messageTime: "23:59" } });
  expect(await stale.text()).toMatch(/The decision changed since you opened this page|must be now or in the past/);
  expect(withDb((db) => db.prepare("select count(*) as n from case_records where case_id = ? and kind = 'delivery'").get(caseId))).toEqual({ n: 0 });

  await recordDisclosure(reviewer, caseId, { place: "Testtown police station", officers: "PC 1234 Example", warnings: "Confidential.", expectRecipient: recipient.name, expectWording: recipient.wording });
  expect(deliveryOf(caseId)).toMatchObject({ decisionId: decision.id, recipientName: recipient.name, wordingUsed: recipient.wording });
  const rows = withDb((db) => db.prepare("select recipient, reason from audit_log where action = 'disclosure' and entity_type = 'case' and entity_id = ?").all(String(caseId)));
  expect(rows).toEqual([{ recipient: recipient.name, reason: `disclosure under the Child Sex Offender Disclosure Scheme, as approved in decision ${decision.id}` }]);
  await closeCase(reviewer, caseId, ["Disclosure (child sexual offence convictions)"]);
  await expect(reviewer).toHaveTitle(/^Case [0-9A-Z-]{14} – /);
});

test("(d) an unverified applicant is offered no outcome message under the scheme", async ({ page, as, account }) => {
  const reviewer = await as("reviewer");
  const caseId = await newCase(page);
  fastForwardToAssessment(caseId, staffUserByEmail((await account("reviewer")).email)!.id, { convictions: false, verification: "not_verified" });
  await recordAssessment(reviewer, caseId, { recommendation: "No disclosure", csoConvictions: false });
  const manager = await as("manager");
  await approveRecommendation(manager, caseId, (await account("manager")).email, "Nothing to disclose.");
  await reviewer.goto(`/staff/cases/${caseId}/delivery`);
  await expect(reviewer.locator("main")).toContainText("No outcome message under the scheme. The applicant was not verified, so they are told nothing under the scheme.");
  await expect(group(reviewer, "How the applicant was told")).toHaveCount(0);
  await expect(reviewer.getByTestId("applicant-wording")).toHaveCount(0);
  await expectNoAxeViolations(reviewer, "delivery: unverified applicant");
  await reviewer.getByRole("button", { name: "Save", exact: true }).click();
  await expectStage(reviewer, caseId, "Outcomes and closure");
  expect(deliveryOf(caseId)).toMatchObject({ kind: "outcome", messagePolicy: "none", messageWords: null, messageRoute: null, messageAt: null });
});
