// "Exit this page" is on every public page, and without JavaScript it is a plain link to /exit, which
// deletes the answers and sends the person on to the neutral site (see exit-leaves-nothing.spec.ts).
//
// Without JavaScript the control is the server's HTML, so every page state is read here over HTTP in
// one session, as a browser without JavaScript would get it. With JavaScript on, accessibility.spec.ts
// checks the control (shown, a link to /exit, before <main>) on every page state it scans, after
// GOV.UK Frontend has set it up; exit-leaves-nothing.spec.ts clicks it with JavaScript on and off.
import { formOf, formRequest, squash, walkApplication, type ShownPage } from "../support/application-forms";
import { expect, makeAnswers, test } from "./support";
import { expectExitControlInHtml, pageOf, recordingTransport } from "./support/public-http";

test("without JavaScript, every public page has the Exit this page control", async ({ request }) => {
  const http = recordingTransport(request);
  const pages: Array<{ where: string; page: ShownPage }> = [];

  // Every question page on the way to check answers, an urgent application's call-999 page included.
  const check = await walkApplication(http, makeAnswers({ childInDanger: "Yes" }));
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
  // Each page as the server sent it (the walk types its answers into the forms it reads).
  const shown = http.exchanges.filter((e) => e.method === "GET" && e.status === 200 && e.html !== null).map(pageOf);
  expect(shown).toHaveLength(steps.length);
  for (const [i, [where, path]] of steps.entries()) {
    expect(shown[i]!.path, where).toMatch(path);
    pages.push({ where, page: shown[i]! });
  }

  // The start page tells applicants what Exit does, and about private windows.
  const start = squash(shown[0]!.document.body.textContent);
  expect(start).toContain("Exit this page deletes the answers you have not sent yet");
  expect(start).toContain("open a private window");

  // Your details sent as first shown, unanswered: the page with its errors.
  const unanswered = formRequest(shown[3]!, formOf(shown[3]!));
  const withErrors = await http.post(unanswered.action, unanswered.body);
  expect(withErrors.path).toBe("/apply/applicant");
  expect(withErrors.document.title).toMatch(/^Error: /);
  pages.push({ where: "applicant with errors", page: withErrors });

  const remove = await http.get("/apply/children/1/remove");
  expect(remove.path).toBe("/apply/children/1/remove");
  pages.push({ where: "remove", page: remove });

  const send = formRequest(check, formOf(check, "Accept and send"));
  const confirmation = await http.post(send.action, send.body);
  expect(confirmation.path).toBe("/apply/confirmation");
  pages.push({ where: "confirmation", page: confirmation });

  for (const path of ["/apply/too-many", "/privacy", "/accessibility", "/no-such-page"]) {
    const page = await http.get(path);
    expect(page.status, path).toBe(path === "/no-such-page" ? 404 : 200);
    pages.push({ where: path, page });
  }

  for (const { where, page } of pages) expectExitControlInHtml(page, where);
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
