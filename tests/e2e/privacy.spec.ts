// Privacy: nothing personal in addresses, titles or browser storage; safe headers; no third parties.
//
// With JavaScript on, the whole form is walked in the browser: its client-side navigations, data
// requests, titles and storage are the browser's own. Without JavaScript a browser shows exactly what
// the server sends, so that walk is made over HTTP in one session (every request, every redirect's
// hop, every page's HTML and headers recorded): the same pages, the same checks, no page loads.
import type { Page, Response } from "@playwright/test";
import { check, control, fill, formOf, formRequest, group, submit, walkApplication } from "../support/application-forms";
import {
  expect,
  fillApplication,
  group as groupNamed,
  isLocalUrl,
  makeAnswers,
  makeChild,
  sendApplication,
  test,
  type Answers,
  continueButton,
  waitOutDoubleClickGuard,
  clickContinue,
} from "./support";
import { pageOf, recordingTransport } from "./support/public-http";

const STATIC = /^\/(assets|build)\/|^\/app\.css$/;

function personalData(answers: Answers): string[] {
  return [
    answers.applicant.fullName,
    answers.subject.fullName,
    ...answers.children.map((c) => c.fullName),
    answers.contact.email!,
    answers.concern.split(" ")[0],
  ];
}

/** None of the answers' personal data in `text`, as it is or URL-decoded (one expectation: thousands of texts are checked). */
function expectNoPersonalData(where: string, text: string, answers: Answers) {
  const forms = [text.toLowerCase(), decodeURIComponent(text).toLowerCase()];
  const found = personalData(answers).filter((value) => forms.some((form) => form.includes(value.toLowerCase())));
  expect(found, `${where} must not contain personal data`).toEqual([]);
}

/**
 * localStorage and sessionStorage hold nothing personal, and nothing at all but React Router's
 * scroll positions: `positions` in sessionStorage, written by <ScrollRestoration> on page hide,
 * maps random location keys to scroll offsets (numbers). The draft lives on the server.
 */
async function expectStorageEmpty(page: Page, where: string, answers: Answers) {
  const storage = await page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
    cookie: document.cookie,
  }));
  expect(storage.local, `localStorage on ${where}`).toEqual({});
  expect(storage.cookie, `cookies readable by scripts on ${where}`).toBe("");
  const { positions, ...otherSession } = storage.session;
  expect(otherSession, `sessionStorage on ${where}`).toEqual({});
  if (positions !== undefined) {
    const parsed = JSON.parse(positions) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed)) {
      expect(key, `scroll-restoration key on ${where}`).toMatch(/^([a-z0-9]{1,16}|default)$/);
      expect(typeof value, `scroll position on ${where}`).toBe("number");
    }
  }
  expectNoPersonalData(`browser storage on ${where}`, JSON.stringify(storage), answers);
}

/** The headers every response from the service carries. */
function expectSafeHeaders(what: string, path: string, headers: Record<string, string>, answers: Answers) {
  expect(headers["x-powered-by"], what).toBeUndefined();
  expect(headers["referrer-policy"], what).toBe("no-referrer");
  if (!STATIC.test(path)) expect(headers["cache-control"], what).toBe("no-store");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, what).not.toContain("unsafe-inline");
  expectNoPersonalData(`Location header of ${what}`, headers["location"] ?? "", answers);
}

/** Every script a page carries has that response's nonce, no two pages share one, and <head> holds nothing personal. */
function expectNoncedScripts(documents: Array<{ url: string; csp: string; html: string | null }>, answers: Answers) {
  const nonces = new Set<string>();
  expect(documents.filter((b) => b.html !== null).length).toBeGreaterThan(0);
  for (const { url, csp, html } of documents) {
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(nonces.has(nonce), `nonce reused on ${url}`).toBe(false);
    nonces.add(nonce);
    if (html === null) continue;
    expectNoPersonalData(`<head> of ${url}`, html.slice(0, html.indexOf("</head>")), answers);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length, url).toBeGreaterThan(0);
    for (const attributes of scripts) {
      if (/\bsrc=/.test(attributes) && !/nonce=/.test(attributes)) continue; // 'self' scripts
      expect(attributes, url).toContain(`nonce="${nonce}"`);
    }
  }
}

/** Cookies: the draft's among them; none readable by scripts, sent cross-site, kept past the session, or personal. */
function expectSafeCookies(cookies: Array<{ name: string; value: string; httpOnly: boolean; sameSite: string; expires: number }>, answers: Answers) {
  expect(cookies.find((c) => c.name === "csods_draft"), "the draft cookie").toBeDefined();
  for (const cookie of cookies) {
    expect(cookie.httpOnly, `${cookie.name} is HttpOnly`).toBe(true);
    expect(cookie.sameSite, `${cookie.name} SameSite`).toBe("Lax");
    expect(cookie.expires, `${cookie.name} lasts only for the browser session`).toBe(-1);
    expectNoPersonalData(`cookie ${cookie.name}`, cookie.value, answers);
  }
}

test("with JavaScript on, no personal data in addresses, titles, requests or storage; safe headers; only localhost", async ({
  page,
  context,
  externalRequests,
}) => {
  test.setTimeout(180_000); // a ceiling, not a wait: a whole journey, then every response's headers, on a busy machine
  const answers = makeAnswers({ children: [makeChild(), makeChild()] });
  const urls: string[] = [];
  const titles: string[] = [];
  const responses: Response[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  page.on("request", (request) => urls.push(request.url()));
  const documentBodies: Array<Promise<{ url: string; csp: string; html: string | null }>> = [];
  page.on("response", (response) => {
    responses.push(response);
    if (response.request().resourceType() === "document" && response.status() === 200 && isLocalUrl(response.url())) {
      // Read the body now, before the next navigation discards it.
      documentBodies.push(
        Promise.all([response.allHeaders(), response.text().catch(() => null)]).then(([h, html]) => ({
          url: response.url(),
          csp: h["content-security-policy"] ?? "",
          html,
        })),
      );
    }
  });

  const record = async (where: string) => {
    titles.push(await page.title());
    urls.push(page.url());
    await expectStorageEmpty(page, where, answers);
  };

  await fillApplication(page, answers, {
    onPage: async (step, p) => {
      await record(step);
      if (step === "applicant") {
        // A page with errors and typed answers: still nothing in the address or title.
        await p.getByLabel("Full name", { exact: true }).fill(answers.applicant.fullName);
        const clickedAt = await clickContinue(p);
        await expect(p).toHaveTitle(/^Error: /);
        await expect(p.getByLabel("Full name", { exact: true })).toHaveValue(answers.applicant.fullName);
        await record("applicant with errors");
        await waitOutDoubleClickGuard(p, clickedAt);
      }
      if (step === "children" && (await p.getByRole("heading", { level: 1 }).innerText()).includes("2 children")) {
        // The remove page names the child in its heading, never in its address or title.
        await p.getByRole("link", { name: `Remove ${answers.children[1].fullName}`, exact: true }).click();
        await expect(p).toHaveURL(/\/apply\/children\/2\/remove$/);
        await record("remove");
        await groupNamed(p, `Are you sure you want to remove ${answers.children[1].fullName}?`).getByLabel("No", { exact: true }).check();
        await continueButton(p).click();
        await expect(p).toHaveURL(/\/apply\/children$/);
        await record("children again");
      }
    },
  });
  await record("check");
  const reference = await sendApplication(page);
  await record("confirmation");
  expect(reference).toBeTruthy();

  // Addresses and titles.
  for (const url of urls) expectNoPersonalData(`URL ${url}`, url, answers);
  for (const title of titles) expectNoPersonalData(`title "${title}"`, title, answers);
  expect(titles.length).toBeGreaterThan(12);

  // Only localhost, ever.
  expect(externalRequests).toEqual([]);
  const hosts = new Set(urls.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).host));
  expect([...hosts].every((h) => isLocalUrl(`http://${h}/`)), [...hosts].join(", ")).toBe(true);

  // Storage and cookies: nothing the page's scripts can read.
  await expectStorageEmpty(page, "confirmation", answers);
  expectSafeCookies(await context.cookies(), answers);

  // Headers on every response from the service: pages, data requests and static files.
  const own = responses.filter((r) => isLocalUrl(r.url()));
  expect(own.filter((r) => r.request().resourceType() === "document").length).toBeGreaterThan(0);
  expect(own.some((r) => new URL(r.url()).searchParams.has("_data"))).toBe(true);
  expect(own.some((r) => STATIC.test(new URL(r.url()).pathname))).toBe(true);
  for (const response of own) {
    const what = `${response.request().method()} ${response.url()}`;
    expectSafeHeaders(what, new URL(response.url()).pathname, await response.allHeaders(), answers);
  }
  expectNoncedScripts(await Promise.all(documentBodies), answers);
});

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
