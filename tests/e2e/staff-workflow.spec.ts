// The case workflow end to end in Chromium: an application sent on the public form goes through
// every stage to a disclosure (or to no disclosure told by the applicant's safe route) and closure,
// with four eyes on the decision enforced by the pages and by the database.
import {
  approveRecommendation,
  caseIdOf,
  caseToDecision,
  closeCase,
  csrfTokenOf,
  expect,
  expectStage,
  fastForwardToAssessment,
  group,
  makeAnswers,
  openCase,
  randomToken,
  recordAssessment,
  recordDisclosure,
  staffTest as test,
  staffTitle,
  staffUserByEmail,
  submitApplication,
  submitApplicationOverHttp,
  takeFromQueue,
  timelineOf,
  todayInLondon,
  withDb,
  withFreshCode,
  withWritableDb,
} from "./support";

type DecisionRow = { decision: string; outcome: string | null; decided_by: number };
const decisionsOf = (caseId: number) =>
  withDb((db) => db.prepare("select decision, outcome, decided_by from case_decisions where case_id = ? order by version").all(caseId) as DecisionRow[]);
const outcomesOf = (caseId: number) =>
  withDb((db) => (db.prepare("select code from case_outcomes where case_id = ? order by code").all(caseId) as Array<{ code: string }>).map((r) => r.code));
const caseRow = (caseId: number) =>
  withDb((db) => db.prepare("select status, assigned_to, closed_at, disclosure_made from cases where id = ?").get(caseId) as {
    status: string;
    assigned_to: number | null;
    closed_at: number | null;
    disclosure_made: number | null;
  });

const assessmentIdOf = (caseId: number) =>
  withDb((db) => (db.prepare("select id from case_records where case_id = ? and kind = 'assessment' order by version desc").get(caseId) as { id: number }).id);

// Long journeys (an application, then every stage of its case): a longer ceiling for a busy machine.
test.describe.configure({ timeout: 270_000 });

test("an online application goes through every stage to a disclosure recorded and the case closed", async ({ page, as, account }) => {
  // Its own reviewer and manager (the manager did no research: four eyes hold).
  const REVIEWER = await account("reviewer");
  const MANAGER = await account("manager");
  const answers = makeAnswers();
  const reference = await submitApplication(page, answers);
  const caseId = caseIdOf(reference);
  const reviewerId = staffUserByEmail(REVIEWER.email)!.id;
  const managerId = staffUserByEmail(MANAGER.email)!.id;

  // The reviewer takes it from the queue and records every stage up to the assessment.
  const reviewer = await as("reviewer");
  await takeFromQueue(reviewer, reference);
  expect(caseRow(caseId)).toMatchObject({ status: "received", assigned_to: reviewerId });
  await openCase(reviewer, caseId);
  await expect(reviewer.getByText(answers.children[0].fullName, { exact: true })).toBeVisible();

  const recipient = {
    name: `CanaryRecipient${randomToken()}`,
    relationship: "Mother",
    reason: "She has parental responsibility and the child lives with her.",
    wording: `WordingCanary${randomToken()} The person has convictions for sexual offences against children.`,
  };
  expect(recipient.name).not.toBe(answers.applicant.fullName);
  await caseToDecision(reviewer, caseId, { recommendation: "Disclose", csoConvictions: true, recipient });

  // The recipient is a person of their own in the case, not the applicant.
  const people = withDb((db) => db.prepare("select role, full_name from case_people where case_id = ? and role in ('applicant', 'recipient') order by role").all(caseId));
  expect(people).toEqual([
    { role: "applicant", full_name: answers.applicant.fullName },
    { role: "recipient", full_name: recipient.name },
  ]);

  // A reviewer cannot decide: no button on the case page, and the decision page says why.
  await openCase(reviewer, caseId);
  await expect(reviewer.getByRole("button", { name: "Decide on the recommendation" })).toHaveCount(0);
  await reviewer.goto(`/staff/cases/${caseId}/decision`);
  await expect(reviewer).toHaveTitle(staffTitle("Decision"));
  await expect(reviewer.locator(".govuk-inset-text")).toHaveText("Only a manager can do this.");
  await expect(reviewer.getByRole("button", { name: "Sign the decision" })).toHaveCount(0);
  await expect(reviewer.getByLabel("Security code")).toHaveCount(0);
  expect(decisionsOf(caseId)).toEqual([]);

  // The manager, who did no research and no assessment, approves with a fresh code.
  const manager = await as("manager");
  await openCase(manager, caseId);
  await manager.goto(`/staff/cases/${caseId}/decision`);
  // The assessment is shown with the decision.
  await expect(manager.getByRole("definition").filter({ hasText: recipient.name })).toHaveCount(1);
  // Without a code the decision is not signed.
  await group(manager, "Your decision").getByLabel("Approve the recommendation", { exact: true }).check();
  await manager.getByLabel("Reasons", { exact: true }).fill("Presumption to disclose; necessary and proportionate.");
  await manager.getByRole("button", { name: "Sign the decision" }).click();
  await expect(manager).toHaveTitle(staffTitle("Decision", true));
  await expect(manager.locator(".govuk-error-summary")).toContainText("Enter the current code from your authenticator app to sign the decision");
  expect(decisionsOf(caseId)).toEqual([]);

  await approveRecommendation(manager, caseId, MANAGER.email, "Presumption to disclose; necessary and proportionate.");
  expect(decisionsOf(caseId)).toEqual([{ decision: "approve", outcome: "disclose", decided_by: managerId }]);

  // The reviewer records the disclosure, made in person to the recipient, and closes the case.
  await recordDisclosure(reviewer, caseId, {
    place: "Testtown police station",
    officers: "PC 1234 Example, DC 5678 Example",
    warnings: "Told the information is confidential and must not be shared.",
    expectRecipient: recipient.name,
    expectWording: recipient.wording,
  });
  await closeCase(reviewer, caseId, ["Disclosure (child sexual offence convictions)"]);

  // The database: closed, one outcome, a disclosure made, and the s.62 disclosure log row.
  expect(caseRow(caseId)).toMatchObject({ status: "closed", disclosure_made: 1 });
  expect(caseRow(caseId).closed_at).not.toBeNull();
  expect(outcomesOf(caseId)).toEqual(["disclosure_cso"]);
  const disclosures = withDb(
    (db) =>
      db
        .prepare("select actor_kind, actor_id, recipient, reason from audit_log where action = 'disclosure' and entity_type = 'case' and entity_id = ?")
        .all(String(caseId)) as Array<{ actor_kind: string; actor_id: number; recipient: string; reason: string }>,
  );
  const decisionId = withDb((db) => (db.prepare("select id from case_decisions where case_id = ?").get(caseId) as { id: number }).id);
  expect(disclosures).toEqual([
    { actor_kind: "staff", actor_id: reviewerId, recipient: recipient.name, reason: `disclosure under the Child Sex Offender Disclosure Scheme, as approved in decision ${decisionId}` },
  ]);
  const delivery = withDb((db) => db.prepare("select data from case_records where case_id = ? and kind = 'delivery'").get(caseId) as { data: string });
  expect(JSON.parse(delivery.data)).toMatchObject({ kind: "disclosure", recipientName: recipient.name, wordingUsed: recipient.wording, undertaking: "signed" });

  // The case page: closed, with the outcome, and a timeline of every step (newest first) and who did it.
  await openCase(reviewer, caseId);
  await expectStage(reviewer, caseId, "Closed");
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("Closed");
  const outcomesRow = reviewer.locator(".govuk-summary-list__row").filter({ has: reviewer.getByRole("term").filter({ hasText: /^Outcomes$/ }) }).first();
  await expect(outcomesRow.getByRole("definition")).toHaveText("Disclosure (child sexual offence convictions)");
  // Nothing can be done to a closed case but notes, and telling the (verified) applicant it is closed.
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
});

test("no disclosure: the outcome is given only by a route the applicant said is safe", async ({ page, as, account }) => {
  // Its own reviewer and manager (the manager did no research: four eyes hold).
  const REVIEWER = await account("reviewer");
  const MANAGER = await account("manager");
  // The applicant chose phone and letter, not email.
  const answers = makeAnswers({ contact: { phone: "07700 900456", letter: true, leaveMessages: "No" } });
  const reference = await submitApplicationOverHttp(page, answers);
  const caseId = caseIdOf(reference);

  const reviewer = await as("reviewer");
  // The stages before the assessment are the test above's: written straight into the database here.
  fastForwardToAssessment(caseId, staffUserByEmail(REVIEWER.email)!.id, { convictions: false });
  await recordAssessment(reviewer, caseId, { recommendation: "No disclosure", csoConvictions: false });
  const manager = await as("manager");
  await approveRecommendation(manager, caseId, MANAGER.email, "No convictions or intelligence: nothing to disclose.");
  expect(decisionsOf(caseId)).toEqual([{ decision: "approve", outcome: "no_disclosure", decided_by: staffUserByEmail(MANAGER.email)!.id }]);

  await openCase(reviewer, caseId);
  await reviewer.getByRole("button", { name: "Record the disclosure or outcome" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/delivery$`));
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Record the outcome");
  await expect(reviewer.locator(".govuk-inset-text").first()).toContainText("Decision: No disclosure.");
  // The applicant is verified and not a recipient: only the controlled wording, which says nothing about a record.
  await expect(reviewer.getByTestId("applicant-wording")).toHaveText(/^The police have considered your application/);
  await expect(reviewer.getByTestId("applicant-wording")).not.toContainText(/no disclosure|record/i);
  await expect(reviewer.getByRole("group", { name: "What the applicant is told" })).toContainText("Do not leave messages.");
  // Only the routes the applicant chose are offered.
  const routes = group(reviewer, "How the applicant was told").getByRole("radio");
  await expect(routes).toHaveCount(2);
  const labels = await Promise.all((await routes.all()).map(async (r) => (await reviewer.locator(`label[for="${await r.getAttribute("id")}"]`).innerText()).trim()));
  expect(labels).toEqual(["Phone call or text message", "Letter to your address"]);
  await expect(reviewer.getByLabel("Email", { exact: true })).toHaveCount(0);

  // A forged post with a route the applicant did not choose is refused, and nothing is recorded.
  const today = todayInLondon();
  const decisionId = withDb((db) => (db.prepare("select id from case_decisions where case_id = ?").get(caseId) as { id: number }).id);
  const forged = await reviewer.request.post(`/staff/cases/${caseId}/delivery`, {
    form: { csrf: await csrfTokenOf(reviewer), decisionId: String(decisionId), messageDay: today.day, messageMonth: today.month, messageYear: today.year, messageTime: "23:59", messageRoute: "email" },
  });
  expect(forged.status()).toBe(200);
  expect(new URL(forged.url()).pathname).toBe(`/staff/cases/${caseId}/delivery`);
  expect(await forged.text()).toContain("Use only a route the applicant said is safe");
  expect(withDb((db) => db.prepare("select count(*) as n from case_records where case_id = ? and kind = 'delivery'").get(caseId))).toEqual({ n: 0 });

  await reviewer.goto(`/staff/cases/${caseId}/delivery`);
  await group(reviewer, "How the applicant was told").getByLabel("Letter to your address", { exact: true }).check();
  await reviewer.getByRole("button", { name: "Save", exact: true }).click();
  await expectStage(reviewer, caseId, "Outcomes and closure");
  await closeCase(reviewer, caseId, ["No disclosure"]);

  expect(caseRow(caseId)).toMatchObject({ status: "closed", disclosure_made: 0 });
  expect(outcomesOf(caseId)).toEqual(["no_disclosure"]);
  const delivery = withDb((db) => db.prepare("select data from case_records where case_id = ? and kind = 'delivery'").all(caseId) as Array<{ data: string }>);
  expect(delivery.map((d) => JSON.parse(d.data))).toEqual([
    expect.objectContaining({ kind: "outcome", decisionId, messagePolicy: "controlled", messageRoute: "letter", messageWords: expect.stringMatching(/^The police have considered your application/) }),
  ]);
  expect(withDb((db) => db.prepare("select count(*) as n from audit_log where action = 'disclosure' and entity_id = ?").get(String(caseId)))).toEqual({ n: 0 });
  const timeline = await timelineOf(reviewer);
  expect(timeline[0]).toEqual({ what: "Case closed: No disclosure", by: REVIEWER.name });
  expect(timeline.map((t) => t.what)).toContain("Recommendation approved");
});

test("a manager who assessed a case cannot approve it: the pages refuse, and so does the database", async ({ page, as, account }) => {
  // Its own reviewer and manager (the manager did no research: four eyes hold).
  const REVIEWER = await account("reviewer");
  const MANAGER = await account("manager");
  const answers = makeAnswers();
  const reference = await submitApplicationOverHttp(page, answers);
  const caseId = caseIdOf(reference);
  const managerId = staffUserByEmail(MANAGER.email)!.id;

  // The manager does the research (written straight into the database) and the assessment themself.
  const manager = await as("manager");
  fastForwardToAssessment(caseId, managerId, { convictions: true });
  await recordAssessment(manager, caseId, {
    recommendation: "Disclose",
    csoConvictions: true,
    recipient: { name: `CanaryRecipient${randomToken()}`, relationship: "Father", reason: "Lives with the child.", wording: "The person has relevant convictions." },
  });

  await openCase(manager, caseId);
  await expect(manager.getByRole("button", { name: "Decide on the recommendation" })).toHaveCount(0);
  await manager.goto(`/staff/cases/${caseId}/decision`);
  await expect(manager.locator(".govuk-inset-text")).toHaveText("You researched or assessed this case, so another manager must decide it.");
  await expect(manager.getByRole("button", { name: "Sign the decision" })).toHaveCount(0);

  // A forged post, with a valid form token and a valid fresh code, is refused by the workflow.
  const csrf = await csrfTokenOf(manager);
  await withFreshCode(MANAGER.email, async (code) => {
    const response = await manager.request.post(`/staff/cases/${caseId}/decision`, {
      form: { csrf, assessmentId: String(assessmentIdOf(caseId)), decision: "approve", reasons: "Approving my own assessment.", code },
    });
    expect(response.status()).toBe(200);
    expect(new URL(response.url()).pathname).toBe(`/staff/cases/${caseId}/decision`);
    expect(await response.text()).toContain("You researched or assessed this case, so another manager must decide it");
  });
  expect(decisionsOf(caseId)).toEqual([]);
  expect(caseRow(caseId).status).toBe("decision");

  // The database itself refuses a decision by someone who assessed the case.
  const assessmentId = withDb(
    (db) => (db.prepare("select id from case_records where case_id = ? and kind = 'assessment'").get(caseId) as { id: number }).id,
  );
  const insert = (decidedBy: number) =>
    withWritableDb((db) =>
      db
        .prepare(
          "insert into case_decisions (case_id, version, decision, outcome, reasons, assessment_record_id, decided_by, decided_at) values (?, 1, 'approve', 'disclose', 'forged', ?, ?, ?)",
        )
        .run(caseId, assessmentId, decidedBy, Date.now()),
    );
  expect(() => insert(managerId)).toThrow(/four eyes: the person deciding researched or assessed this case/);
  // The control: the same row by someone else would be accepted (rolled back at once).
  const otherId = staffUserByEmail(REVIEWER.email)!.id;
  withWritableDb((db) => {
    db.exec("begin");
    try {
      expect(db.prepare("insert into case_decisions (case_id, version, decision, outcome, reasons, assessment_record_id, decided_by, decided_at) values (?, 1, 'approve', 'disclose', 'control', ?, ?, ?)").run(caseId, assessmentId, otherId, Date.now()).changes).toBe(1);
    } finally {
      db.exec("rollback");
    }
  });
  expect(decisionsOf(caseId)).toEqual([]);
});
