// Attack: someone who shares the applicant's browser presses Back, reloads, or opens the form's
// pages after the applicant pressed "Exit this page" (or "Delete my answers"). Nothing of the
// answers may be shown, with JavaScript on or off.
import type { Page, Response } from "@playwright/test";
import {
  E2E_BASE_URL,
  EXIT_PAGE_URL,
  expect,
  fillApplicationOverHttp,
  makeAnswers,
  openPublicPage,
  test,
  withDb,
  type Answers,
} from "./support";

const exitControl = (page: Page) => page.getByRole("button", { name: "Emergency Exit this page", exact: true });

/**
 * Does what leaves the portal, and waits until the browser has gone to the neutral site. The launch
 * flags keep the browser on this machine, so the neutral site itself fails to load (the full browser
 * then shows its address, the headless shell its error page's): its navigation request is what
 * proves the person was sent there.
 */
async function leaveForNeutralSite(page: Page, leave: () => Promise<unknown>) {
  const requested = page.waitForRequest((r) => r.url() === EXIT_PAGE_URL && r.isNavigationRequest());
  await leave();
  await requested;
  // The neutral site's (failed) page has taken the portal's place before anything goes Back.
  await expect.poll(() => new URL(page.url()).host).not.toBe(new URL(E2E_BASE_URL).host);
  await page.waitForLoadState();
}

const secretsOf = (a: Answers) => [a.applicant.fullName, a.children[0]!.fullName, a.subject.fullName, a.concern.split(" ")[0]!, a.contact.email!];

/** The page's HTML once it has settled: a page restored from history may fetch itself again. */
async function settledContent(page: Page): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    await page.waitForLoadState("load");
    try {
      return await page.content();
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("navigating")) throw error;
    }
  }
}

async function expectNoAnswersShown(page: Page, answers: Answers, where: string) {
  const html = await settledContent(page);
  for (const secret of secretsOf(answers)) expect(html, `${where}: ${secret}`).not.toContain(secret);
  for (const field of await page.locator("main input[type=text], main input[type=email], main textarea").all()) {
    const value = await field.inputValue();
    for (const secret of secretsOf(answers)) expect(value, where).not.toContain(secret);
  }
}

const draftsHolding = (text: string) =>
  withDb((db) => (db.prepare("SELECT count(*) AS n FROM application_drafts WHERE data LIKE ?").get(`%${text}%`) as { n: number }).n);

async function expectEverythingGone(page: Page, answers: Answers) {
  expect(draftsHolding(answers.applicant.fullName)).toBe(0);
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => /csods_(draft|flash)/.test(c.name))).toEqual([]);
  // Opening the form's pages again with this browser's cookies shows empty questions: what the
  // server sends them (their HTML holds every value a question shows) is read without a page load.
  for (const path of ["/apply/concern", "/apply/applicant", "/apply/contact", "/apply/subject", "/apply/children/1", "/apply/check"]) {
    const response = await page.request.get(path);
    const html = await response.text();
    expect(response.status(), path).toBeLessThan(400);
    expect(html, path).toContain('id="main-content"');
    for (const secret of secretsOf(answers)) expect(html, `${path}: ${secret}`).not.toContain(secret);
  }
}

/**
 * The answers sent over HTTP in this browser's session (the walk through the questions is in
 * journey.spec.ts), then check answers opened in the browser, showing them: the page a person
 * has open when they finish, and the one Back may go to afterwards.
 */
async function answeredUpToCheck(page: Page, answers: Answers) {
  await fillApplicationOverHttp(page, answers);
  await openPublicPage(page, "/apply/check");
  await expect(page.getByText(answers.applicant.fullName, { exact: true })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("Exit this page deletes the answers: Back, reload and the form's pages show nothing; so does Delete my answers on check answers, and it says so", async ({ page }) => {
      const answers = makeAnswers();
      await answeredUpToCheck(page, answers);
      await openPublicPage(page, "/apply/concern");
      await expect(page.getByLabel("Why are you worried about the person?", { exact: true })).toHaveValue(answers.concern);
      expect(draftsHolding(answers.applicant.fullName)).toBe(1);

      const exitResponse = page.waitForResponse((r) => new URL(r.url()).pathname === "/exit");
      await leaveForNeutralSite(page, () => exitControl(page).click());
      const response: Response = await exitResponse;
      expect(response.status()).toBe(303);
      const headers = await response.allHeaders();
      expect(headers["clear-site-data"]).toBe('"cache", "cookies", "storage"');
      expect(headers["location"]).toBe(EXIT_PAGE_URL);

      await page.goBack();
      if (javaScriptEnabled) {
        // The page left was replaced in the history: Back goes to the page before it.
        expect(new URL(page.url()).pathname).not.toBe("/apply/concern");
      }
      await expectNoAnswersShown(page, answers, `Back to ${page.url()}`);
      await page.reload();
      await expectNoAnswersShown(page, answers, `reload of ${page.url()}`);
      await expectEverythingGone(page, answers);

      // The same browser answers again (a new draft), then deletes them from check answers.
      const again = makeAnswers();
      await answeredUpToCheck(page, again);
      expect(draftsHolding(again.applicant.fullName)).toBe(1);
      await page.getByRole("button", { name: "Delete my answers" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your answers have been deleted");
      await page.goBack();
      await expectNoAnswersShown(page, again, "Back after deleting");
      await expectEverythingGone(page, again);
    });
  });
}

test("with JavaScript on, a page restored from the back-forward cache is fetched again, and pressing Shift 3 times leaves as Exit does", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "subject" });
  // The page a person is on when they go back to a question, then that question.
  await openPublicPage(page, "/apply/subject");
  await openPublicPage(page, "/apply/applicant");
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue(answers.applicant.fullName);
  // A page restored from the back-forward cache is fetched again (it may show answers deleted since).
  const reloaded = page.waitForEvent("framenavigated");
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
  await reloaded;
  await expect(page).toHaveURL(/\/apply\/applicant$/);
  await expect(page.locator(".govuk-exit-this-page")).toHaveAttribute("data-govuk-exit-this-page-init", "");
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue(answers.applicant.fullName);
  await leaveForNeutralSite(page, async () => {
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
  });
  await page.goBack();
  expect(new URL(page.url()).pathname).not.toBe("/apply/applicant");
  await expectNoAnswersShown(page, answers, `Back to ${page.url()}`);
  await expectEverythingGone(page, answers);
});
