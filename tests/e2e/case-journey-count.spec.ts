// How much work a whole case takes on the staff side (issue 12 asked for the count; a person walking
// it before counted about 39 page loads and 19 form submissions). A reviewer takes an application
// from the queue, records every stage, a manager signs, the reviewer records the disclosure and
// closes the case. Every page the browser shows is counted (a document load, or an in-app
// navigation with JavaScript on), and every form it sends. The test helpers open the case page
// before each form, as a person coming back to it would; the figures are printed and attached.
import type { Page } from "@playwright/test";
import {
  approveRecommendation,
  caseIdOf,
  caseToDecision,
  closeCase,
  expect,
  makeAnswers,
  randomToken,
  recordDisclosure,
  staffTest as test,
  submitApplicationOverHttp,
  takeFromQueue,
} from "./support";

/**
 * Counts the pages shown and the forms sent on a page from now on. The helpers open the case page
 * by its address before each form even when a saved form has just shown it; a person would not load
 * the page they are on again, so a navigation to the address already shown is not counted.
 */
function counter(page: Page) {
  const counts = { pageLoads: 0, allNavigations: 0, submissions: 0 };
  let shown = "";
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    counts.allNavigations += 1;
    if (frame.url() !== shown) counts.pageLoads += 1;
    shown = frame.url();
  });
  page.on("request", (request) => {
    if (request.method() === "POST" && request.frame() === page.mainFrame()) counts.submissions += 1;
  });
  return counts;
}

test("a whole case, from the queue to closure, counted in page loads and form submissions", async ({ page, as, account }) => {
  test.setTimeout(270_000); // a ceiling, not a wait: an application, then every stage, on a busy machine
  const MANAGER = await account("manager");
  const reference = await submitApplicationOverHttp(page, makeAnswers());
  const caseId = caseIdOf(reference);
  const recipient = { name: `CanaryRecipient${randomToken()}`, relationship: "Mother", reason: "The child lives with her.", wording: `WordingCanary${randomToken()} The person has convictions.` };

  const reviewer = await as("reviewer");
  const manager = await as("manager");
  const counted = [counter(reviewer), counter(manager)];

  await takeFromQueue(reviewer, reference);
  await caseToDecision(reviewer, caseId, { recommendation: "Disclose", csoConvictions: true, recipient });
  await approveRecommendation(manager, caseId, MANAGER.email, "Necessary and proportionate.");
  await recordDisclosure(reviewer, caseId, { place: "Testtown police station", officers: "PC 1234 Example", warnings: "Confidential.", expectRecipient: recipient.name, expectWording: recipient.wording });
  await closeCase(reviewer, caseId, ["Disclosure (child sexual offence convictions)"]);

  const pageLoads = counted.reduce((n, c) => n + c.pageLoads, 0);
  const submissions = counted.reduce((n, c) => n + c.submissions, 0);
  const navigations = counted.reduce((n, c) => n + c.allNavigations, 0);
  const figures = `Staff side of a whole case: ${pageLoads} page loads and ${submissions} form submissions (${navigations} navigations with the helpers' reloads)`;
  console.log(figures);
  test.info().annotations.push({ type: "figures", description: figures });
  // Thirteen forms are the journey's own: take, risk check, scope, verification, four checks,
  // checks complete, assessment, decision, disclosure record, closure.
  expect(submissions).toBe(13);
  expect(pageLoads).toBeGreaterThan(submissions);
});
