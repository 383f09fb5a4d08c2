// Hostile input: very long answers, markup and SQL in answers, cross-site posts and bots.
import {
  caseByReference,
  casesForApplicant,
  continueButton,
  continueExpectingErrors,
  expect,
  fillApplicant,
  fillApplicationOverHttp,
  group,
  makeAnswers,
  openPublicPage,
  sendApplication,
  test,
} from "./support";

test("a 10,000-character name gets a clear error, not a server error", async ({ page }) => {
  const failures: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
  });
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers, { stopAt: "applicant" });
  await openPublicPage(page, "/apply/applicant");
  const longName = `${answers.applicant.fullName}${"x".repeat(10_000 - answers.applicant.fullName.length)}`;
  expect(longName).toHaveLength(10_000);
  await fillApplicant(page, { ...answers.applicant, fullName: longName });
  await continueExpectingErrors(page, ["Your full name must be 100 characters or fewer"]);
  await expect(page.locator("#fullName-error")).toContainText("Your full name must be 100 characters or fewer");
  // What was typed stays in the browser's field so it can be shortened, but is never stored as an answer
  // (the server keeps a failed form's fields only up to each field's maximum).
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue(longName);
  await page.getByLabel("Full name", { exact: true }).fill(answers.applicant.fullName);
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/contact$/);
  expect(failures).toEqual([]);
});

test("markup and SQL in the concern are shown as text and stored verbatim", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const concern = `<script>alert(1)</script> '; DROP TABLE cases; -- <img src=x onerror="alert(2)"> "quoted" & done`;
  const answers = makeAnswers({ concern, contactDetails: `<b>bold</b> {{constructor}} \${1+1}` });
  answers.contactTypes = ["Another way"];
  // Typed answers go over HTTP as a browser sends them; the last question is answered in the
  // browser, so check answers is rendered by the client.
  await fillApplicationOverHttp(page, answers, { stopAt: "declarations" });
  await openPublicPage(page, "/apply/declarations");
  for (const box of await group(page, "Declaration").getByRole("checkbox").all()) await box.check();
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/check$/);

  // Client-rendered check answers: the text is shown as typed, nothing runs.
  await expect(page.getByText(concern, { exact: true })).toBeVisible();
  await expect(page.getByText(answers.contactDetails!, { exact: true })).toBeVisible();
  await expect(page.locator("main script, main img, main b")).toHaveCount(0);
  // Server-rendered check answers too.
  await page.reload();
  await expect(page.getByText(concern, { exact: true })).toBeVisible();
  await expect(page.locator("main script, main img, main b")).toHaveCount(0);

  const reference = await sendApplication(page);
  const saved = caseByReference(reference)!;
  expect(saved.concern).toBe(concern);
  expect(saved.contact_details).toBe(answers.contactDetails);
  expect(casesForApplicant(answers.applicant.fullName)).toHaveLength(1); // the cases table is still there
  expect(dialogs).toEqual([]);
});

test.describe("requests the service refuses", () => {
  const step = { childInDanger: "no" };

  test("a cross-site post gets 403 and changes nothing", async ({ page, baseURL }) => {
    const answers = makeAnswers();
    await fillApplicationOverHttp(page, answers);
    const attempts: Array<[string, Record<string, string>]> = [
      ["foreign Origin", { Origin: "https://evil.example" }],
      ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
      ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site", Origin: "https://sub.localhost" }],
      ["opaque Origin from elsewhere", { Origin: "null", "Sec-Fetch-Site": "cross-site" }],
      ["opaque Origin, no fetch metadata", { Origin: "null" }],
      ["own Origin but cross-site fetch metadata", { Origin: baseURL!, "Sec-Fetch-Site": "cross-site" }],
    ];
    for (const [what, headers] of attempts) {
      // With the page's own cookie: a forged "Accept and send" and a forged answer.
      const send = await page.request.post("/apply/check", { form: {}, headers, maxRedirects: 0 });
      expect(send.status(), what).toBe(403);
      expect(await send.text(), what).toContain("Request refused");
      expect(send.headers()["cache-control"]).toBe("no-store");
      const answer = await page.request.post("/apply/danger", { form: step, headers, maxRedirects: 0 });
      expect(answer.status(), what).toBe(403);
    }
    expect(casesForApplicant(answers.applicant.fullName)).toEqual([]);
    // The draft is untouched: still "No" to danger, and it can still be sent.
    await page.goto("/apply/check");
    await expect(page.getByRole("heading", { name: "Immediate danger" })).toBeVisible();
    const reference = await sendApplication(page);
    expect(caseByReference(reference)!.urgent).toBe(0);
  });

  test("a same-origin post is accepted", async ({ request, baseURL }) => {
    const ok = await request.post("/apply/danger", { form: step, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(ok.status()).toBe(303);
    expect(ok.headers()["location"]).toBe("/apply/applicant");
    // A browser without JavaScript sends "Origin: null" (Referrer-Policy: no-referrer) with Sec-Fetch-Site.
    const noJs = await request.post("/apply/danger", {
      form: step,
      headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" },
      maxRedirects: 0,
    });
    expect(noJs.status()).toBe(303);
  });

  test("a filled honeypot gets 400", async ({ request, baseURL }) => {
    const bot = await request.post("/apply/danger", {
      form: { ...step, contact_me_by_fax: "01632 960000" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(bot.status()).toBe(400);
    // Nothing was saved for the bot: no draft cookie was set.
    expect(bot.headers()["set-cookie"] ?? "").not.toContain("csods_draft");
  });

  test.describe("in the browser, without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a filled honeypot on check answers gets 400 and sends nothing", async ({ page }) => {
      const answers = makeAnswers();
      await fillApplicationOverHttp(page, answers);
      await openPublicPage(page, "/apply/check");
      const honeypot = page.locator("#contact_me_by_fax");
      await expect(honeypot).toHaveAttribute("tabindex", "-1");
      await honeypot.fill("buy now", { force: true });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/apply/check")),
        page.getByRole("button", { name: "Accept and send" }).click(),
      ]);
      expect(response.status()).toBe(400);
      expect(casesForApplicant(answers.applicant.fullName)).toEqual([]);
    });
  });
});
