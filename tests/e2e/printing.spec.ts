// What goes on paper (issue 12), in Chromium with print media emulated: the disclosure record with
// the confidentiality undertaking for the recipient to sign, the case record, and the outcome letter
// to an applicant who chose post. Each print-media screenshot is attached to the test's results.
import type { Page, TestInfo } from "@playwright/test";
import {
  approveRecommendation,
  caseIdOf,
  closeCase,
  fillDate,
  group,
  expect,
  expectNoAxeViolations,
  fastForwardToAssessment,
  makeAnswers,
  openCase,
  randomToken,
  recordAssessment,
  recordDisclosure,
  staffTest as test,
  staffTitle,
  submitApplicationOverHttp,
  timelineOf,
  todayInLondon,
  waitOutDoubleClickGuard,
  withDb,
} from "./support";

test.describe.configure({ timeout: 300_000 });

/** Emulates print media and keeps a full-page screenshot of how the page prints. */
async function printed(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.emulateMedia({ media: "print" });
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${name} (print media)`, { path, contentType: "image/png" });
}

const consultations = (caseId: number, reason: string) =>
  withDb((db) => db.prepare("select count(*) as n from audit_log where entity_type = 'case' and entity_id = ? and action = 'consultation' and reason = ?").get(String(caseId), reason) as { n: number }).n;

test("the disclosure record with its undertaking, the case record and the outcome letter print", async ({ page, as, account }, testInfo) => {
  const MANAGER = await account("manager");
  // She chose post as a safe way to reach her (and nothing else).
  const answers = makeAnswers({ contact: { letter: true, leaveMessages: "No" } });
  const reference = await submitApplicationOverHttp(page, answers);
  const caseId = caseIdOf(reference);
  const reviewer = await as("reviewer");
  // The stages before the assessment are not what this test is about: written straight into the database.
  fastForwardToAssessment(caseId, (await account("reviewer")).id, { convictions: true });
  const recipient = {
    name: `CanaryRecipient${randomToken()}`,
    relationship: "Mother",
    reason: "She has parental responsibility and the child lives with her.",
    wording: `WordingCanary${randomToken()} The person has convictions for sexual offences against children.`,
  };
  await recordAssessment(reviewer, caseId, { recommendation: "Disclose", csoConvictions: true, recipient });

  // Before the decision there is nothing to print but the case record.
  await openCase(reviewer, caseId);
  await expect(reviewer.getByRole("link", { name: "Disclosure record and confidentiality undertaking" })).toHaveCount(0);
  await reviewer.goto(`/staff/cases/${caseId}/disclosure-record`);
  await expect(reviewer.locator(".govuk-inset-text")).toHaveText("No disclosure has been approved on this case, so there is no disclosure record to print.");

  const manager = await as("manager");
  await approveRecommendation(manager, caseId, MANAGER.email, "Presumption to disclose; necessary and proportionate.");

  // The disclosure record, from the case page, to take to the meeting.
  const viewsBefore = consultations(caseId, "disclosure record viewed for printing");
  await openCase(reviewer, caseId);
  await reviewer.getByRole("link", { name: "Disclosure record and confidentiality undertaking" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/disclosure-record$`));
  await expect(reviewer).toHaveTitle(staffTitle("Disclosure record and confidentiality undertaking"));
  const main = reviewer.locator("main");
  await expect(main).toContainText(recipient.name);
  await expect(main).toContainText(recipient.wording);
  await expect(main).toContainText(`I will use it only to protect ${answers.children[0].fullName}.`);
  await expect(main).toContainText("Do not share it with anyone else unless the police have agreed.");
  await expect(reviewer.getByRole("region", { name: "Signed by the recipient" })).toContainText("Signature");
  await expect(reviewer.getByRole("region", { name: "Signed by the officers" })).toContainText("Name and collar number");
  await expectNoAxeViolations(reviewer, "disclosure record");
  // Every view reads the case: logged as a consultation (the refused one before the decision too).
  expect(viewsBefore).toBe(1);
  expect(consultations(caseId, "disclosure record viewed for printing")).toBe(2);

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

  // Once the disclosure is recorded, the record carries its place and officers.
  await recordDisclosure(reviewer, caseId, {
    place: "Testtown police station",
    officers: "PC 1234 Example, DC 5678 Example",
    warnings: "Told the information is confidential and must not be shared.",
    expectRecipient: recipient.name,
    expectWording: recipient.wording,
  });
  await reviewer.goto(`/staff/cases/${caseId}/disclosure-record`);
  await expect(main).toContainText("Testtown police station");
  await expect(main).toContainText("PC 1234 Example, DC 5678 Example");
  await expect(main).toContainText("Undertaking recorded as: Signed.");

  // The case record is the case page on paper: the record without the forms and navigation.
  await openCase(reviewer, caseId);
  await expect(reviewer.getByRole("region", { name: "Print" }).getByRole("button", { name: "Print the case record" })).toBeVisible();
  await printed(reviewer, testInfo, "case-record");
  await expect(reviewer.getByRole("navigation", { name: "Case sections" })).toBeHidden();
  await expect(reviewer.getByRole("region", { name: "Print" })).toBeHidden();
  await expect(reviewer.getByRole("button", { name: "Add note" })).toBeHidden();
  await expect(reviewer.getByRole("heading", { name: "The application" })).toBeVisible();
  await expect(reviewer.getByText(answers.children[0].fullName).first()).toBeVisible();
  await expect(reviewer.locator(".app-identity-bar .app-protective-marking")).toBeVisible();
  await reviewer.emulateMedia({ media: "screen" });
  await expect(reviewer.locator(".app-identity-bar .app-protective-marking")).toBeHidden();

  // The applicant (verified, not the recipient, post her safe route) gets the controlled wording by letter.
  await reviewer.getByRole("link", { name: "Outcome letter to the applicant" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/outcome-letter$`));
  await expect(reviewer).toHaveTitle(staffTitle("Outcome letter to the applicant"));
  await expect(main).toContainText(`Dear ${answers.applicant.fullName},`);
  await expect(main).toContainText(answers.applicant.postcode);
  await expect(main).toContainText("have taken any action needed to protect the child");
  // Nothing of the disclosure made to someone else.
  await expect(main).not.toContainText(recipient.name);
  await expect(main).not.toContainText("WordingCanary");
  await expectNoAxeViolations(reviewer, "outcome letter");
  expect(consultations(caseId, "outcome letter viewed for printing")).toBe(1);
  await printed(reviewer, testInfo, "outcome-letter");
  await expect(reviewer.getByRole("heading", { name: "Outcome letter to the applicant" })).toBeHidden();
  await expect(reviewer.locator(".app-letter")).toBeVisible();
  await expect(reviewer.locator(".app-protective-marking")).toHaveCount(0);

  // Once the case is closed, the applicant is told so through her safe route (a letter here).
  await reviewer.emulateMedia({ media: "screen" });
  await closeCase(reviewer, caseId, ["Disclosure (child sexual offence convictions)"]);
  await reviewer.getByRole("button", { name: "Tell the applicant the case is closed" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}/tell-applicant$`));
  await expect(reviewer).toHaveTitle(staffTitle("Tell the applicant the case is closed"));
  await expect(group(reviewer, "How are you telling them?").getByRole("radio")).toHaveCount(1);
  await expectNoAxeViolations(reviewer, "tell the applicant the case is closed");
  await group(reviewer, "How are you telling them?").getByLabel("Letter to your address", { exact: true }).check();
  const clickedAt = Date.now();
  await reviewer.getByRole("button", { name: "Save" }).click();
  await expect(reviewer).toHaveTitle(staffTitle("Tell the applicant the case is closed", true));
  // The button ignores a second click within a second of the first (GOV.UK's double-click guard).
  await waitOutDoubleClickGuard(reviewer, clickedAt);
  await expect(reviewer.locator(".govuk-error-summary")).toContainText("Enter the date you told them");
  await group(reviewer, "How are you telling them?").getByLabel("Letter to your address", { exact: true }).check();
  await fillDate(group(reviewer, "Date you phoned them or posted the letter"), todayInLondon());
  await reviewer.getByRole("button", { name: "Save" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));
  await expect(reviewer.locator(".govuk-notification-banner")).toContainText("Recorded: the applicant was told the case is closed");
  expect((await timelineOf(reviewer))[0].what).toBe("Applicant told the case is closed (letter to your address)");
  await expect(reviewer.locator(".govuk-summary-card", { hasText: "Applicant told the case is closed" })).toContainText("We have finished dealing with your enquiry.");
});
