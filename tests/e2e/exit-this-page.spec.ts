// "Exit this page" is on every public page, and without JavaScript it is a plain link to /exit, which
// deletes the answers and sends the person on to the neutral site (see exit-leaves-nothing.spec.ts).
//
// Without JavaScript the control is the server's HTML, so every page state is read here over HTTP in
// one session, as a browser without JavaScript would get it. With JavaScript on, accessibility.spec.ts
// checks the control (shown, a link to /exit, before <main>) on every page state it scans, after
// GOV.UK Frontend has set it up; exit-leaves-nothing.spec.ts clicks it with JavaScript on and off.
import { expect, fillApplicationOverHttp, makeAnswers, test } from "./support";
import { expectExitControlInHtml, formOf, htmlDocument, recordingRequests } from "./support/public-http";

test("without JavaScript, every public page has the Exit this page control", async ({ request }) => {
  const answers = makeAnswers({ childInDanger: "Yes" });
  const http = recordingRequests(request);
  const pages: Array<{ where: string; html: string }> = [];
  /** The HTML the last exchange brought (a redirect's target), under a name. */
  const saw = (where: string, path: RegExp) => {
    const last = http.exchanges.at(-1)!;
    expect(new URL(last.url).pathname, where).toMatch(path);
    expect(last.html, where).not.toBeNull();
    pages.push({ where, html: last.html! });
    return htmlDocument(last.html!, last.url);
  };

  // Every question page on the way to check answers (the walk records each page it is shown).
  await fillApplicationOverHttp(http.page, answers);
  const steps: Array<[string, RegExp]> = [
    ["start", /^\/$/],
    ["danger", /^\/apply\/danger$/],
    ["call-999", /^\/apply\/call-999$/],
    ["applicant", /^\/apply\/applicant$/],
    ["contact", /^\/apply\/contact$/],
    ["child", /^\/apply\/children\/1$/],
    ["children", /^\/apply\/children$/],
    ["subject", /^\/apply\/subject$/],
    ["subject-contact", /^\/apply\/subject-contact$/],
    ["concern", /^\/apply\/concern$/],
    ["declarations", /^\/apply\/declarations$/],
    ["check", /^\/apply\/check$/],
  ];
  const shown = http.exchanges.filter((e) => e.method === "GET" && e.status === 200 && e.html !== null);
  expect(shown.map((e) => new URL(e.url).pathname)).toHaveLength(steps.length);
  for (const [i, [where, path]] of steps.entries()) {
    expect(new URL(shown[i]!.url).pathname, where).toMatch(path);
    pages.push({ where, html: shown[i]!.html! });
  }

  // The start page tells applicants what Exit does, and about private windows.
  const start = htmlDocument(pages[0]!.html).body.textContent!.replace(/\s+/g, " ");
  expect(start).toContain("Exit this page deletes the answers you have not sent yet");
  expect(start).toContain("open a private window");

  // A page with errors: your details sent as first shown, unanswered.
  const unanswered = formOf(htmlDocument(pages.find((p) => p.where === "applicant")!.html, shown[3]!.url), "Continue");
  await http.post(unanswered.action, unanswered.body);
  expect(saw("applicant with errors", /^\/apply\/applicant$/).title).toMatch(/^Error: /);

  // Removing a child asks first.
  await http.get("/apply/children/1/remove");
  saw("remove", /^\/apply\/children\/1\/remove$/);

  // The confirmation, once sent from check answers.
  const send = formOf(htmlDocument(pages.find((p) => p.where === "check")!.html, shown.at(-1)!.url), "Accept and send");
  await http.post(send.action, send.body);
  saw("confirmation", /^\/apply\/confirmation$/);

  for (const path of ["/apply/too-many", "/privacy", "/accessibility", "/no-such-page"]) {
    await http.get(path);
    saw(path, /./);
  }
  expect(http.exchanges.at(-1)!.status, "/no-such-page").toBe(404);

  for (const { where, html } of pages) expectExitControlInHtml(html, where);
  expect(pages.map((p) => p.where)).toEqual([
    ...steps.map(([where]) => where),
    "applicant with errors",
    "remove",
    "confirmation",
    "/apply/too-many",
    "/privacy",
    "/accessibility",
    "/no-such-page",
  ]);
});
