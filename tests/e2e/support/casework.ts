// End-to-end support: Casework: the queue and the form of each stage.
import { expect, type Locator, type Page } from "@playwright/test";
import type { DateParts, Answers } from "./test-data";
import { group, fillDate, fillApplication, sendApplication } from "./journey";
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

/** From the case page, follows the link-button to a form. */
async function goToForm(page: Page, caseId: number, button: string, form: CaseFormName, hook?: CaseFormHook): Promise<void> {
  await openCase(page, caseId);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}/${form}$`));
  await expect(page).not.toHaveTitle(/^Error: /);
  if (hook) await hook(form, page);
}

/** Submits a stage form; it goes to the case page, or to `next` (the form its button names). */
async function submitForm(page: Page, caseId: number, submit: string, next?: string): Promise<void> {
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}${next ? `/${next}` : ""}$`));
  await expect(page.locator(".govuk-notification-banner--success")).toBeVisible();
}

async function fillDateGroup(page: Page, legend: string, date: DateParts): Promise<void> {
  await fillDate(group(page, legend), date);
}

export async function recordRiskCheck(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the immediate-risk check", "risk-check", hook);
  await group(page, "Is any child at immediate risk?").getByLabel("No", { exact: true }).check();
  await group(page, "Action taken").getByLabel("No immediate action needed", { exact: true }).check();
  await group(page, "Is abuse of a child suspected?").getByLabel("No", { exact: true }).check();
  await submitForm(page, caseId, "Save and continue to scope", "scope");
  await openCase(page, caseId);
  await expectStage(page, caseId, "Scope decision");
}

export async function recordScope(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the scope decision", "scope", hook);
  await group(page, "Is the application in scope?").getByLabel("Yes, in scope", { exact: true }).check();
  await submitForm(page, caseId, "Save scope decision");
  await expectStage(page, caseId, "Interview and verification");
}

export async function recordVerification(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the interview and verification", "verification", hook);
  await fillDateGroup(page, "Date of the interview", todayInLondon());
  await group(page, "How was the interview held?").getByLabel("Face to face", { exact: true }).check();
  await group(page, "Identity documents seen").getByLabel("Passport", { exact: true }).check();
  await group(page, "Address documents seen").getByLabel("Utility bill or bank statement", { exact: true }).check();
  await group(page, "Documents seen for the relationship to the child").getByLabel("Child's birth certificate", { exact: true }).check();
  await group(page, "Result").getByLabel("Verified", { exact: true }).check();
  await submitForm(page, caseId, "Save and continue to checks", "checks");
  await openCase(page, caseId);
  await expectStage(page, caseId, "Research and checks");
}

export type CheckAnswers = { type: string; doneBy: string; summary: string; relevant: boolean };

export async function recordCheck(page: Page, caseId: number, check: CheckAnswers, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record research checks", "checks", hook);
  await group(page, "Which check?").getByLabel(check.type, { exact: true }).check();
  await page.getByLabel("Who did the check", { exact: true }).fill(check.doneBy);
  await fillDateGroup(page, "When", todayInLondon());
  await page.getByLabel("Result summary", { exact: true }).fill(check.summary);
  await group(page, "Is the result relevant to the risk to the child?").getByLabel(check.relevant ? "Yes" : "No", { exact: true }).check();
  await submitForm(page, caseId, "Record this check", "checks");
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

export async function recordAssessment(page: Page, caseId: number, a: AssessmentAnswers, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the risk assessment", "assessment", hook);
  const yesNo = (legend: string, yes: boolean) => group(page, legend).getByLabel(yes ? "Yes" : "No", { exact: true }).check();
  await yesNo("Does the person have convictions for child sexual offences?", a.csoConvictions);
  if (a.csoConvictions) {
    await page.getByLabel("Details of those convictions (if any)", { exact: true }).fill("Two convictions for sexual offences against children, 2009 and 2014.");
  }
  await yesNo("Is the person a registered sex offender?", a.csoConvictions);
  await yesNo("Is the person managed under MAPPA?", false);
  await page.getByLabel("The risk to the named child or children", { exact: true }).fill("Regular unsupervised contact with the child at home.");
  await page.getByLabel("Necessity", { exact: true }).fill("The parent cannot protect the child without knowing.");
  await page.getByLabel("Proportionality", { exact: true }).fill("Only what is needed, to one person.");
  await page.getByLabel("Article 8 rationale", { exact: true }).fill("The child's safety outweighs the intrusion.");
  await yesNo("Are the subject's representations sought?", false);
  await page.getByLabel("Why representations are, or are not, sought", { exact: true }).fill("Seeking them would put the child at risk.");
  await group(page, "Recommendation").getByLabel(a.recommendation, { exact: true }).check();
  if (a.recipient) {
    await page.getByLabel("Name", { exact: true }).fill(a.recipient.name);
    await page.getByLabel("Relationship to the child", { exact: true }).fill(a.recipient.relationship);
    await page.getByLabel("Why they are best placed to protect the child", { exact: true }).fill(a.recipient.reason);
    await page.getByLabel("Proposed wording of the disclosure", { exact: true }).fill(a.recipient.wording);
  }
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

export async function recordDisclosure(
  page: Page,
  caseId: number,
  d: { place: string; officers: string; warnings: string; expectRecipient: string; expectWording: string },
  hook?: CaseFormHook,
): Promise<void> {
  await goToForm(page, caseId, "Record the disclosure or outcome", "delivery", hook);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record the disclosure");
  // The recipient and wording approved are filled in already.
  await expect(page.getByLabel("Recipient", { exact: true })).toHaveValue(d.expectRecipient);
  await expect(page.getByLabel("Exact wording disclosed", { exact: true })).toHaveValue(d.expectWording);
  await fillDateGroup(page, "Date", todayInLondon());
  await page.getByLabel("Time", { exact: true }).fill("10:30");
  await page.getByLabel("Place", { exact: true }).fill(d.place);
  await page.getByLabel("Officers present", { exact: true }).fill(d.officers);
  await page.getByLabel("Warnings given", { exact: true }).fill(d.warnings);
  await group(page, "Confidentiality undertaking").getByLabel("Signed", { exact: true }).check();
  await submitForm(page, caseId, "Save the disclosure record");
  await expectStage(page, caseId, "Outcomes and closure");
}

export async function closeCase(page: Page, caseId: number, outcomes: string[], hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record outcomes and close", "close", hook);
  const box = group(page, "Outcomes");
  for (const outcome of outcomes) await box.getByLabel(outcome, { exact: true }).check();
  await submitForm(page, caseId, "Close the case");
  await expectStage(page, caseId, "Closed");
}

/** Every stage a reviewer records before a decision: risk check to assessment, with two checks. */
export async function caseToDecision(page: Page, caseId: number, assessment: AssessmentAnswers, hook?: CaseFormHook): Promise<void> {
  await recordRiskCheck(page, caseId, hook);
  await recordScope(page, caseId, hook);
  await recordVerification(page, caseId, hook);
  await recordCheck(page, caseId, { type: "PNC (Police National Computer)", doneBy: "PC 1234 Example", summary: "Two relevant convictions found.", relevant: true }, hook);
  await recordCheck(page, caseId, { type: "ViSOR", doneBy: "DC 5678 Example", summary: "Registered; managed at level 1.", relevant: true });
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
