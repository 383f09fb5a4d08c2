// One draft makes exactly one case, where the browser matters: GOV.UK's double-click guard with
// JavaScript, and the Back button without it. Repeated, stale and parallel posts of one draft
// are checked in-process (tests/integration/apply-sending.test.ts).
import {
  acceptAndSend,
  casesForApplicant,
  expect,
  fillApplicationOverHttp,
  makeAnswers,
  openPublicPage,
  outboxRowsTo,
  readReference,
  sendApplication,
  test,
} from "./support";

test("with JavaScript, double-clicking Accept and send makes one case", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers);
  await openPublicPage(page, "/apply/check");
  await acceptAndSend(page).dblclick();
  const reference = await readReference(page);

  const cases = casesForApplicant(answers.applicant.fullName);
  expect(cases.map((c) => c.reference)).toEqual([reference]);
  expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("Back then send again shows the same reference and makes no second case", async ({ page }) => {
    const answers = makeAnswers();
    await fillApplicationOverHttp(page, answers);
    await openPublicPage(page, "/apply/check");
    const reference = await sendApplication(page);

    // Back: check answers is not shown again for a sent application; its confirmation is.
    await page.goBack();
    await expect(page).toHaveURL(/\/apply\/(check|confirmation)$/);
    if (page.url().endsWith("/apply/check")) await acceptAndSend(page).click();
    expect(await readReference(page)).toBe(reference);

    expect(casesForApplicant(answers.applicant.fullName).map((c) => c.reference)).toEqual([reference]);
    expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);
  });
});
