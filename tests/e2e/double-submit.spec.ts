// One draft makes exactly one case: double clicks, Back then send again, and parallel posts.
import {
  acceptAndSend,
  casesForApplicant,
  expect,
  fillApplicationOverHttp,
  makeAnswers,
  openPublicPage,
  outboxRowsTo,
  readReference,
  referenceInHtml,
  sendApplication,
  test,
} from "./support";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("double-clicking Accept and send makes one case", async ({ page }) => {
      const answers = makeAnswers();
      await fillApplicationOverHttp(page, answers);
      await openPublicPage(page, "/apply/check");
      await acceptAndSend(page).dblclick();
      const reference = await readReference(page);

      const cases = casesForApplicant(answers.applicant.fullName);
      expect(cases.map((c) => c.reference)).toEqual([reference]);
      expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);
    });
  });
}

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("Back then send again shows the same reference and makes no second case", async ({ page, context }) => {
    const answers = makeAnswers();
    await fillApplicationOverHttp(page, answers);
    await openPublicPage(page, "/apply/check");
    // A second tab still showing check answers: the form a person sees after going Back.
    const stale = await context.newPage();
    await stale.goto("/apply/check");
    await expect(acceptAndSend(stale)).toBeVisible();

    const reference = await sendApplication(page);

    // Back: check answers is not shown again for a sent application; its confirmation is.
    await page.goBack();
    await expect(page).toHaveURL(/\/apply\/(check|confirmation)$/);
    if (page.url().endsWith("/apply/check")) await acceptAndSend(page).click();
    expect(await readReference(page)).toBe(reference);

    // Sending the old form again.
    await acceptAndSend(stale).click();
    expect(await readReference(stale)).toBe(reference);

    // Posting the check form again, as a browser re-submitting it would.
    const response = await page.request.post("/apply/check", { form: {}, headers: { Origin: new URL(page.url()).origin } });
    expect(response.status()).toBe(200);
    expect(new URL(response.url()).pathname).toBe("/apply/confirmation");
    expect(referenceInHtml(await response.text())).toBe(reference);

    expect(casesForApplicant(answers.applicant.fullName).map((c) => c.reference)).toEqual([reference]);
    expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);
  });
});

test("5 parallel posts of the check form make one case and all get the same reference", async ({ page, baseURL }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers);

  const responses = await Promise.all(
    Array.from({ length: 5 }, () => page.request.post("/apply/check", { form: {}, headers: { Origin: baseURL! } })),
  );
  const references = await Promise.all(
    responses.map(async (response) => {
      expect(response.status()).toBe(200);
      expect(new URL(response.url()).pathname).toBe("/apply/confirmation");
      return referenceInHtml(await response.text());
    }),
  );
  const reference = references[0]!;
  expect(references).toEqual(Array(5).fill(reference));

  const cases = casesForApplicant(answers.applicant.fullName);
  expect(cases.map((c) => c.reference)).toEqual([reference]);
  expect(cases[0].submission_key).toMatch(/^draft-\d+$/);
  expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);

  // The browser, which shares the cookie, sees the same confirmation.
  await page.goto("/apply/confirmation");
  expect(await readReference(page)).toBe(reference);
  // And check answers is not shown again for a sent application.
  await page.goto("/apply/check");
  expect(await readReference(page)).toBe(reference);
});
