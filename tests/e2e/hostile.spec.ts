// Hostile requests the real server must refuse: the cross-site refusals the Express server makes
// before any route runs. Very long answers, markup and SQL on the server's pages and in storage,
// and bots (the honeypot) are checked in-process (tests/integration/apply-sending.test.ts); a very
// long name in a page running JavaScript in validation.spec.ts; markup on check answers rendered
// by the client in public-form-slips.spec.ts.
import {
  casesForApplicant,
  caseByReference,
  expect,
  fillApplicationOverHttp,
  makeAnswers,
  referenceInHtml,
  test,
} from "./support";

test.describe("requests the service refuses", () => {
  const step = { childInDanger: "no" };

  test("a cross-site post gets 403 and changes nothing; a same-origin post is accepted", async ({ page, request, baseURL }) => {
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
    const checkAnswers = await page.request.get("/apply/check");
    expect(new URL(checkAnswers.url()).pathname).toBe("/apply/check");
    expect(await checkAnswers.text()).toContain("Immediate danger");
    const sent = await page.request.post("/apply/check", { form: {}, headers: { Origin: baseURL! } });
    expect(new URL(sent.url()).pathname).toBe("/apply/confirmation");
    const reference = referenceInHtml(await sent.text());
    expect(reference).not.toBeNull();
    expect(caseByReference(reference!)!.urgent).toBe(0);

    // The same posts from this site are accepted (a visitor of its own: no draft yet).
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
});
