// End-to-end support: Casework: the queue and the form of each stage.
import { expect, type Locator, type Page } from "@playwright/test";
import type { DateParts, Answers } from "./test-data";
import { group, fillDate, fillApplication, sendApplication } from "./journey";
import { withWritableDb } from "./staff-database";
import { withFreshCode } from "./totp";

export type CaseFormName =
  | "risk-check"
  | "scope"
  | "verification"
  | "checks"
  | "assessment"
  | "decision"
  | "delivery"
  | "close"
  | "exit"
  | "extend"
  | "retriage";

/** Called on arrival at each case form, before it is filled in (e.g. to run axe, or send it empty). */
export type CaseFormHook = (form: CaseFormName, page: Page) => Promise<void>;

/** Today in the UK (the forms refuse dates in the future). */
export function todayInLondon(): DateParts {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** Sends a complete application through the public form (JavaScript on) and returns its reference. */
export async function submitApplication(page: Page, answers: Answers): Promise<string> {
  await fillApplication(page, answers);
  return sendApplication(page);
}

/** The queue's row for a case, looking from the last page back (new cases are due last). */
export async function queueRow(page: Page, reference: string, queue = "unassigned"): Promise<Locator> {
  await page.goto(`/staff/cases?queue=${queue}&page=1000000`);
  for (;;) {
    await expect(page).toHaveTitle(/ – Cases – /);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
    if ((await row.count()) === 1) return row;
    const caption = (await page.locator("table caption").textContent().catch(() => null)) ?? "";
    const current = Number(/page (\d+) of \d+/.exec(caption)?.[1] ?? 1);
    if (current <= 1) throw new Error(`case ${reference} is not in the ${queue} queue`);
    await page.goto(`/staff/cases?queue=${queue}&page=${current - 1}`);
  }
}

/** A reviewer takes an unassigned case from the queue. */
export async function takeFromQueue(page: Page, reference: string): Promise<void> {
  const row = await queueRow(page, reference, "unassigned");
  await expect(row).toContainText("Unassigned");
  await row.getByRole("button", { name: `Take case ${reference}`, exact: true }).click();
  await expect(page.locator(".govuk-notification-banner")).toContainText(`You have taken case ${reference}`);
}

export async function openCase(page: Page, caseId: number): Promise<void> {
  await page.goto(`/staff/cases/${caseId}`);
  await expect(page).toHaveTitle(/^Case [0-9A-Z-]{14} – /);
}

/** The stage shown on the case page (the tag next to the reference). */
export async function expectStage(page: Page, caseId: number, stage: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));
  await expect(page.locator("main .govuk-summary-list").first().getByRole("definition").first()).toHaveText(stage);
}

/**
 * From the case page, follows the link-button to a form. The case page is opened unless it is the
 * page shown and has the button (a page shown before another person moved the case on has not).
 */
async function goToForm(page: Page, caseId: number, button: string, form: CaseFormName, hook?: CaseFormHook): Promise<void> {
  const link = page.getByRole("button", { name: button, exact: true });
  if (!new RegExp(`/staff/cases/${caseId}$`).test(page.url()) || (await link.count()) === 0) await openCase(page, caseId);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}/${form}$`));
  await expect(page).not.toHaveTitle(/^Error: /);
  if (hook) await hook(form, page);
}

/** Submits a stage form; it goes to the case page, or to `next` (the form its button names). */
export async function submitForm(page: Page, caseId: number, submit: string, next?: string): Promise<void> {
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}${next ? `/${next}` : ""}$`));
  await expect(page.locator(".govuk-notification-banner--success")).toBeVisible();
}

async function fillDateGroup(page: Page, legend: string, date: DateParts): Promise<void> {
  await fillDate(group(page, legend), date);
}

/** Fills the immediate-risk check (no risk, no action, no abuse suspected) without sending it. */
export async function fillRiskCheck(page: Page): Promise<void> {
  await group(page, "Is any child at immediate risk?").getByLabel("No", { exact: true }).check();
  await group(page, "Action taken").getByLabel("No immediate action needed", { exact: true }).check();
  await group(page, "Is abuse of a child suspected?").getByLabel("No", { exact: true }).check();
}

export async function recordRiskCheck(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the immediate-risk check", "risk-check", hook);
  await fillRiskCheck(page);
  await submitForm(page, caseId, "Save and continue to scope", "scope");
  await openCase(page, caseId);
  await expectStage(page, caseId, "Scope decision");
}

/** Fills the scope decision (in scope) without sending it. */
export async function fillScope(page: Page): Promise<void> {
  await group(page, "Is the application in scope?").getByLabel("Yes, in scope", { exact: true }).check();
}

export async function recordScope(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the scope decision", "scope", hook);
  await fillScope(page);
  await submitForm(page, caseId, "Save scope decision");
  await expectStage(page, caseId, "Interview and verification");
}

/** Fills the interview and verification (today, face to face, documents seen, `result`) without sending it. */
export async function fillVerification(page: Page, result = "Verified"): Promise<void> {
  await fillDateGroup(page, "Date of the interview", todayInLondon());
  await group(page, "How was the interview held?").getByLabel("Face to face", { exact: true }).check();
  await group(page, "Identity documents seen").getByLabel("Passport", { exact: true }).check();
  await group(page, "Address documents seen").getByLabel("Utility bill or bank statement", { exact: true }).check();
  await group(page, "Documents seen for the relationship to the child").getByLabel("Child's birth certificate", { exact: true }).check();
  await group(page, "Result").getByLabel(result, { exact: true }).check();
}

export async function recordVerification(page: Page, caseId: number, hook?: CaseFormHook, result = "Verified"): Promise<void> {
  await goToForm(page, caseId, "Record the interview and verification", "verification", hook);
  await fillVerification(page, result);
  await submitForm(page, caseId, "Save and continue to checks", "checks");
  await openCase(page, caseId);
  await expectStage(page, caseId, "Research and checks");
}

export type CheckAnswers = {
  type: string;
  result: "Trace (something found)" | "No trace" | "Not applicable";
  findings?: string[];
  summary: string;
  otherOfficer?: string;
  /** Children's social care: the plan status given for every named child. */
  childPlan?: string;
};

/** Records one research check; the date and time default to now and "done by" is the signed-in user. */
export async function recordCheck(page: Page, caseId: number, check: CheckAnswers, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record research checks", "checks", hook);
  await fillCheck(page, check);
  await submitForm(page, caseId, "Record this check", "checks");
}

/** Fills the check form on the checks page (without sending it). */
export async function fillCheck(page: Page, check: CheckAnswers): Promise<void> {
  await group(page, "Which check?").getByLabel(check.type, { exact: true }).check();
  if (check.childPlan) {
    // Revealed under the check's option: wait for it before counting the children.
    const plans = page.getByRole("group", { name: /^Child protection plan: / });
    await expect(plans.first()).toBeVisible();
    for (const plan of await plans.all()) {
      await plan.getByLabel(check.childPlan, { exact: true }).check();
    }
  }
  await group(page, "Result").getByLabel(check.result, { exact: true }).check();
  for (const finding of check.findings ?? []) await group(page, "What the check found").getByLabel(finding, { exact: true }).check();
  if (check.otherOfficer) await page.getByLabel("Another officer who did the check (optional)", { exact: true }).fill(check.otherOfficer);
  await page.getByLabel("Result summary", { exact: true }).fill(check.summary);
}

/** The force's required checks (the default set), with convictions and registration found or not. */
export function mandatoryChecks(convictions: boolean): CheckAnswers[] {
  return [
    convictions
      ? { type: "PNC (Police National Computer)", result: "Trace (something found)", findings: ["Convictions for child sexual offences"], summary: "Two relevant convictions found.", otherOfficer: "DC 5678 Example" }
      : { type: "PNC (Police National Computer)", result: "No trace", summary: "Nothing found." },
    { type: "PND (Police National Database)", result: "No trace", summary: "Nothing further." },
    convictions
      ? { type: "ViSOR", result: "Trace (something found)", findings: ["Registered sex offender"], summary: "Registered; managed at level 1." }
      : { type: "ViSOR", result: "No trace", summary: "Not registered." },
    { type: "Children's social care", result: "No trace", summary: "Not known.", childPlan: "Not known to children's social care" },
  ];
}

export async function completeChecks(page: Page, caseId: number): Promise<void> {
  await page.goto(`/staff/cases/${caseId}/checks`);
  await page.getByRole("button", { name: "Checks complete: continue to risk assessment" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}/assessment$`));
  await openCase(page, caseId);
  await expectStage(page, caseId, "Risk assessment");
}

export type Recipient = { name: string; relationship: string; reason: string; wording: string };
export type AssessmentAnswers = {
  recommendation: "Disclose" | "No disclosure" | "Other safeguarding action";
  csoConvictions: boolean;
  recipient?: Recipient;
};

/** Fills the risk assessment with `a`'s recommendation (and recipient) without sending it. */
export async function fillAssessment(page: Page, a: AssessmentAnswers): Promise<void> {
  const yesNo = (legend: string, yes: boolean) => group(page, legend).getByLabel(yes ? "Yes" : "No", { exact: true }).check();
  await yesNo("Does the person have convictions for child sexual offences?", a.csoConvictions);
  if (a.csoConvictions) {
    await page.getByLabel("Details of those convictions (if any)", { exact: true }).fill("Two convictions for sexual offences against children, 2009 and 2014.");
  }
  await yesNo("Is the person a registered sex offender?", a.csoConvictions);
  await yesNo("Is the person managed under MAPPA?", a.csoConvictions);
  if (a.csoConvictions) {
    await group(page, "MAPPA category").getByLabel("Category 1 (registered sexual offender)", { exact: true }).check();
    await group(page, "MAPPA level").getByLabel("Level 1 (ordinary agency management)", { exact: true }).check();
    await group(page, "Has the MAPPA meeting decided?").getByLabel("Made", { exact: true }).check();
    await fillDateGroup(page, "Date of the MAPPA meeting", todayInLondon());
    await page.getByLabel("The MAPPA meeting's decision", { exact: true }).fill("Disclosure to the parent supported.");
  }
  await page.getByLabel("The risk to the named child or children", { exact: true }).fill("Regular unsupervised contact with the child at home.");
  await page.getByLabel("Necessity", { exact: true }).fill("The parent cannot protect the child without knowing.");
  await page.getByLabel("Proportionality", { exact: true }).fill("Only what is needed, to one person.");
  await page.getByLabel("Article 8 rationale", { exact: true }).fill("The child's safety outweighs the intrusion.");
  await yesNo("Were the subject's representations sought?", false);
  await page.getByLabel("Why they were not sought", { exact: true }).fill("Seeking them would put the child at risk.");
  await group(page, "Recommendation").getByLabel(a.recommendation, { exact: true }).check();
  if (a.recipient) {
    await group(page, "Who is best placed to protect the child?").getByLabel("Someone else", { exact: true }).check();
    await page.getByLabel("Name", { exact: true }).fill(a.recipient.name);
    await page.getByLabel("Relationship to the child", { exact: true }).fill(a.recipient.relationship);
    await page.getByLabel("Why they are best placed to protect the child", { exact: true }).fill(a.recipient.reason);
    await page.getByLabel("Proposed wording of the disclosure", { exact: true }).fill(a.recipient.wording);
  }
}

export async function recordAssessment(page: Page, caseId: number, a: AssessmentAnswers, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the risk assessment", "assessment", hook);
  await fillAssessment(page, a);
  await submitForm(page, caseId, "Submit for a manager's decision");
  await expectStage(page, caseId, "Awaiting decision");
}

/** A manager approves the recommendation, signing with a fresh code from their authenticator (step-up). */
export async function approveRecommendation(page: Page, caseId: number, managerEmail: string, reasons: string, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Decide on the recommendation", "decision", hook);
  await group(page, "Your decision").getByLabel("Approve the recommendation", { exact: true }).check();
  await page.getByLabel("Reasons", { exact: true }).fill(reasons);
  await withFreshCode(managerEmail, async (code) => {
    await page.getByLabel("Security code", { exact: true }).fill(code);
    await submitForm(page, caseId, "Sign the decision");
  });
  await expectStage(page, caseId, "Disclosure or outcome to deliver");
}

/**
 * Says how the applicant was told, when the page asks (a verified applicant who is not the
 * recipient): by `route`, or else by the first of the applicant's safe routes offered.
 */
export async function tellApplicant(page: Page, route?: string): Promise<void> {
  const routes = group(page, "How the applicant was told");
  if ((await routes.count()) === 0) return;
  await (route ? routes.getByLabel(route, { exact: true }) : routes.getByRole("radio").first()).check();
}

export async function recordDisclosure(
  page: Page,
  caseId: number,
  d: { place: string; officers: string; warnings: string; expectRecipient: string; expectWording: string; applicantRoute?: string },
  hook?: CaseFormHook,
): Promise<void> {
  await goToForm(page, caseId, "Record the disclosure or outcome", "delivery", hook);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record the disclosure");
  // The recipient and wording approved are shown, not typed: there is nothing to change them with.
  const approved = page.locator(".govuk-summary-card").filter({ hasText: "Approved in the decision" });
  await expect(approved.getByRole("definition").nth(0)).toHaveText(d.expectRecipient);
  await expect(approved.getByRole("definition").nth(2)).toHaveText(d.expectWording);
  await expect(page.getByLabel("Recipient", { exact: true })).toHaveCount(0);
  await page.getByLabel("Place", { exact: true }).fill(d.place);
  await page.getByLabel("Officers present", { exact: true }).fill(d.officers);
  await page.getByLabel("Warnings given", { exact: true }).fill(d.warnings);
  await group(page, "Confidentiality undertaking").getByLabel("Signed", { exact: true }).check();
  await tellApplicant(page, d.applicantRoute);
  await submitForm(page, caseId, "Save the disclosure record");
  await expectStage(page, caseId, "Outcomes and closure");
}

/** Closes a case: the outcomes from the records are shown as expected; `extras` are ticked. */
export async function closeCase(page: Page, caseId: number, fromRecords: string[], hook?: CaseFormHook, extras: string[] = []): Promise<void> {
  await goToForm(page, caseId, "Record outcomes and close", "close", hook);
  const settled = page.locator(".govuk-summary-card").filter({ hasText: "Outcomes from the records" }).getByRole("definition");
  await expect(settled).toHaveText(fromRecords.join("; "));
  for (const extra of extras) await group(page, "Anything else that happened (optional)").getByLabel(extra, { exact: true }).check();
  await submitForm(page, caseId, "Close the case");
  await expectStage(page, caseId, "Closed");
}

/** Every stage a reviewer records before a decision: risk check to assessment, with the required checks. */
export async function caseToDecision(page: Page, caseId: number, assessment: AssessmentAnswers, hook?: CaseFormHook): Promise<void> {
  await recordRiskCheck(page, caseId, hook);
  await recordScope(page, caseId, hook);
  await recordVerification(page, caseId, hook);
  const [first, ...rest] = mandatoryChecks(assessment.csoConvictions);
  await recordCheck(page, caseId, first, hook);
  for (const check of rest) await recordCheck(page, caseId, check);
  await completeChecks(page, caseId);
  await recordAssessment(page, caseId, assessment, hook);
}

/** The timeline on the case page, newest first: what happened and who did it. */
export async function timelineOf(page: Page): Promise<Array<{ what: string; by: string }>> {
  const items = page.locator("ol.app-timeline > li");
  const out: Array<{ what: string; by: string }> = [];
  for (const item of await items.all()) {
    const what = (await item.locator("strong").innerText()).trim();
    const by = (await item.locator(".govuk-body-s").innerText()).trim().replace(/, [^,]+$/, "");
    out.push({ what, by });
  }
  return out;
}

/**
 * For tests that are not about the early stages: writes the immediate-risk check, the scope
 * decision and the verification straight into the database and leaves the case at research and
 * checks, assigned to `reviewerId`. The checks themselves are recorded through the page.
 */
export function fastForwardToChecks(caseId: number, reviewerId: number, verification: "verified" | "not_verified" | "anonymous" = "verified"): void {
  const at = Date.now() - 60_000;
  const today = new Date(at).toISOString().slice(0, 10);
  withWritableDb((db) => {
    const add = db.prepare("insert into case_records (case_id, kind, version, data, recorded_by, recorded_at) values (?, ?, 1, ?, ?, ?)");
    add.run(caseId, "risk_check", JSON.stringify({ immediateRisk: "no", actions: ["none"], suspectedAbuse: "no", checkedAt: new Date(at).toISOString() }), reviewerId, at);
    add.run(caseId, "scope", JSON.stringify({ inScope: "yes" }), reviewerId, at);
    add.run(caseId, "verification", JSON.stringify({ interviewDate: today, method: "in_person", identityDocuments: ["passport"], addressDocuments: ["utility_bill"], relationshipDocuments: ["birth_certificate"], result: verification }), reviewerId, at);
    db.prepare("update cases set status = 'checks', assigned_to = ?, risk_checked_at = ?, interviewed_at = ? where id = ?").run(reviewerId, at, at, caseId);
  });
}

/** As `fastForwardToChecks`, with every required check written too (found convictions and registration, or nothing): the case waits at risk assessment. */
export function fastForwardToAssessment(caseId: number, reviewerId: number, options: { convictions: boolean; verification?: "verified" | "not_verified" | "anonymous" }): void {
  fastForwardToChecks(caseId, reviewerId, options.verification);
  const at = Date.now() - 30_000;
  const found: Record<string, string[]> = options.convictions ? { "PNC (Police National Computer)": ["cso_convictions"], ViSOR: ["registered_sex_offender"] } : {};
  withWritableDb((db) => {
    const add = db.prepare(
      "insert into case_checks (case_id, check_type, done_by, done_at, result_summary, relevant, result, findings, other_officer, child_plans, recorded_by, recorded_at) values (?, ?, 'Canary Checker', ?, ?, ?, ?, ?, null, '[]', ?, ?)",
    );
    for (const type of ["PNC (Police National Computer)", "PND (Police National Database)", "ViSOR", "Children's social care"]) {
      const findings = found[type] ?? [];
      add.run(caseId, type, at, findings.length ? "Found." : "Nothing found.", findings.length ? 1 : 0, findings.length ? "trace" : "no_trace", JSON.stringify(findings), reviewerId, at);
    }
    db.prepare("update cases set status = 'assessment' where id = ?").run(caseId);
  });
}
