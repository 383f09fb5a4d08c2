// Privacy: nothing personal in addresses, titles or browser storage; safe headers; no third parties.
//
// With JavaScript on, the walk of the whole form in journey.spec.ts records its client-side
// navigations, data requests, titles and storage (the browser's own) and checks them with
// support/privacy-checks.ts. Without JavaScript a browser shows exactly what the server sends, so
// that walk is made here over HTTP in one session (every request, every redirect's hop, every page's
// HTML and headers recorded): the same pages, the same checks, no page loads.
import { check, control, fill, formOf, formRequest, group, submit, walkApplication } from "../support/application-forms";
import { expect, isLocalUrl, makeAnswers, makeChild, test } from "./support";
import { expectNoPersonalData, expectNoncedScripts, expectSafeCookies, expectSafeHeaders } from "./support/privacy-checks";
import { pageOf, recordingTransport } from "./support/public-http";

test("without JavaScript (the server's pages and redirects), no personal data in addresses, titles, cookies or headers; only localhost", async ({
  request,
}) => {
  const answers = makeAnswers({ children: [makeChild(), makeChild()] });
  const http = recordingTransport(request);
  const checkAnswers = await walkApplication(http, answers);
  /** The last time the page at `path` was shown, as the server sent it. */
  const pageAt = (path: string) => pageOf(http.exchanges.filter((e) => e.status === 200 && e.html !== null && new URL(e.url).pathname === path).at(-1)!);

  // A page with errors and typed answers: your details with only the name.
  const withErrors = await submit(http, pageAt("/apply/applicant"), (form) => fill(form, "Full name", answers.applicant.fullName));
  expect(withErrors.path).toBe("/apply/applicant");
  expect(withErrors.document.title).toMatch(/^Error: /);
  expect(control(withErrors.document, "Full name").value).toBe(answers.applicant.fullName);

  // The remove page names the child in its heading, never in its address or title; "No" keeps them.
  const remove = await http.get("/apply/children/2/remove");
  expect(remove.path).toBe("/apply/children/2/remove");
  const question = `Are you sure you want to remove ${answers.children[1]!.fullName}?`;
  const kept = await submit(http, remove, (form) => check(group(form, question), "No"));
  expect(kept.path).toBe("/apply/children");

  // Sent from check answers.
  const send = formRequest(checkAnswers, formOf(checkAnswers, "Accept and send"));
  expect((await http.post(send.action, send.body)).path).toBe("/apply/confirmation");

  const pages = http.exchanges
    .filter((e) => e.html !== null && e.status === 200)
    .map((e) => ({ ...e, document: pageOf(e).document }));
  for (const path of ["/apply/applicant", "/apply/children/2/remove", "/apply/children", "/apply/confirmation"]) {
    expect(pages.some((e) => new URL(e.url).pathname === path), path).toBe(true);
  }

  // Addresses, titles, and only localhost (every address a page refers to included).
  const titles = pages.map((e) => e.document.title);
  for (const title of titles) expectNoPersonalData(`title "${title}"`, title, answers);
  expect(titles.length).toBeGreaterThan(12);
  for (const exchange of http.exchanges) {
    expectNoPersonalData(`URL ${exchange.url}`, exchange.url, answers);
    expect(isLocalUrl(exchange.url), exchange.url).toBe(true);
  }
  for (const { url, document } of pages) {
    // What a browser fetches by itself (scripts, images, styles, icons) and where forms go: only here.
    const fetched = [
      ...Array.from(document.querySelectorAll("[src]"), (e) => e.getAttribute("src")!),
      ...Array.from(document.querySelectorAll("link[href]"), (e) => e.getAttribute("href")!),
      ...Array.from(document.querySelectorAll("form[action]"), (e) => e.getAttribute("action")!),
    ];
    expect(fetched.length, url).toBeGreaterThan(0);
    const outside = fetched.filter((value) => !isLocalUrl(new URL(value, url).href));
    expect(outside, `addresses outside this service on ${url}`).toEqual([]);
    const addresses = Array.from(document.querySelectorAll("[href], [src], [action]"), (e) =>
      ["href", "src", "action"].map((a) => e.getAttribute(a) ?? "").join(" "),
    );
    expectNoPersonalData(`links and addresses on ${url}`, addresses.join(" "), answers);
  }

  // Cookies: set by the server, none readable by scripts, sent cross-site, kept, or personal.
  expectSafeCookies((await request.storageState()).cookies, answers);
  for (const exchange of http.exchanges) {
    for (const setCookie of exchange.setCookies) expectNoPersonalData(`Set-Cookie on ${exchange.url}`, setCookie, answers);
  }

  // Headers on every response, redirects included; every page's scripts carry its own nonce.
  expect(http.exchanges.some((e) => e.status === 303)).toBe(true);
  for (const exchange of http.exchanges) {
    expectSafeHeaders(`${exchange.method} ${exchange.url} (${exchange.status})`, new URL(exchange.url).pathname, exchange.headers, answers);
  }
  expectNoncedScripts(
    pages.map((e) => ({ url: e.url, csp: e.headers["content-security-policy"] ?? "", html: e.html })),
    answers,
  );
});

test("pages cannot be framed, and the start page sets no cookie", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["set-cookie"]).toBeUndefined();
  expect(headers["x-powered-by"]).toBeUndefined();
  const html = await response.text();
  expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
});
