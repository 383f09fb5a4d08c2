// End-to-end support: privacy checks on what the browser and the server hold and send: nothing
// personal in addresses, titles, browser storage, cookies or <head>; safe headers; nonced scripts.
// Used by the walk of the public form with JavaScript (journey.spec.ts, which records every page,
// request and response of that walk) and without (privacy.spec.ts, over HTTP).
import { expect, type BrowserContext, type Page, type Response } from "@playwright/test";
import { STATIC, unsafeHeaders } from "./headers";
import { isLocalUrl } from "./hosts";
import type { Answers } from "./test-data";

export function personalData(answers: Answers): string[] {
  return [
    answers.applicant.fullName,
    answers.subject.fullName,
    ...answers.children.map((c) => c.fullName),
    answers.contact.email!,
    answers.concern.split(" ")[0],
  ];
}

/** None of the answers' personal data in `text`, as it is or URL-decoded (one expectation: thousands of texts are checked). */
export function expectNoPersonalData(where: string, text: string, answers: Answers) {
  const forms = [text.toLowerCase(), decodeURIComponent(text).toLowerCase()];
  const found = personalData(answers).filter((value) => forms.some((form) => form.includes(value.toLowerCase())));
  expect(found, `${where} must not contain personal data`).toEqual([]);
}

/**
 * localStorage and sessionStorage hold nothing personal, and nothing at all but React Router's
 * scroll positions: `positions` in sessionStorage, written by <ScrollRestoration> on page hide,
 * maps random location keys to scroll offsets (numbers). The draft lives on the server.
 */
export async function expectStorageEmpty(page: Page, where: string, answers: Answers) {
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
export function expectSafeHeaders(what: string, path: string, headers: Record<string, string>, answers: Answers) {
  expect(unsafeHeaders(path, headers), what).toEqual([]);
  expectNoPersonalData(`Location header of ${what}`, headers["location"] ?? "", answers);
}

/** Every script a page carries has that response's nonce, no two pages share one, and <head> holds nothing personal. */
export function expectNoncedScripts(documents: Array<{ url: string; csp: string; html: string | null }>, answers: Answers) {
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
export function expectSafeCookies(
  cookies: Array<{ name: string; value: string; httpOnly: boolean; sameSite: string; expires: number }>,
  answers: Answers,
) {
  expect(
    cookies.find((c) => c.name === "csods_draft"),
    "the draft cookie",
  ).toBeDefined();
  for (const cookie of cookies) {
    expect(cookie.httpOnly, `${cookie.name} is HttpOnly`).toBe(true);
    expect(cookie.sameSite, `${cookie.name} SameSite`).toBe("Lax");
    expect(cookie.expires, `${cookie.name} lasts only for the browser session`).toBe(-1);
    expectNoPersonalData(`cookie ${cookie.name}`, cookie.value, answers);
  }
}

/**
 * Records everything a walk in `page` shows and sends: every address (navigations and requests),
 * every title and the browser's storage at each `record(where)`, every response and every HTML
 * document's body (read before the next navigation discards it). `expectNothingPersonal()` then
 * checks it all, with the context's cookies and the external requests the test saw.
 */
export function recordPrivacy(page: Page, answers: Answers) {
  const urls: string[] = [];
  const titles: string[] = [];
  const responses: Response[] = [];
  const documentBodies: Array<Promise<{ url: string; csp: string; html: string | null }>> = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  page.on("request", (request) => urls.push(request.url()));
  page.on("response", (response) => {
    responses.push(response);
    if (response.request().resourceType() === "document" && response.status() === 200 && isLocalUrl(response.url())) {
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

  const expectNothingPersonal = async (context: BrowserContext, externalRequests: string[]) => {
    // Addresses and titles.
    for (const url of urls) expectNoPersonalData(`URL ${url}`, url, answers);
    for (const title of titles) expectNoPersonalData(`title "${title}"`, title, answers);
    expect(titles.length).toBeGreaterThan(12);

    // Only localhost, ever.
    expect(externalRequests).toEqual([]);
    const hosts = new Set(urls.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).host));
    expect(
      [...hosts].every((h) => isLocalUrl(`http://${h}/`)),
      [...hosts].join(", "),
    ).toBe(true);

    // Storage and cookies: nothing the page's scripts can read.
    await expectStorageEmpty(page, "the last page", answers);
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
  };

  return { record, expectNothingPersonal };
}
