// End-to-end support: the public pages as the server sends them, read without a browser, and the
// "Exit this page" control checked in that HTML or in the browser.
//
// What a browser without JavaScript gets is the server's HTML and headers: checking them over HTTP
// (with `fillApplicationOverHttp` through `recordingRequests`) costs milliseconds a page, where
// Chromium costs a page load. What needs a browser (JavaScript, storage, history) stays there.
import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { JSDOM } from "jsdom";

/** One request and the response to it (a redirect's hop is an exchange of its own). */
export type Exchange = {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  setCookies: string[];
  /** The body of an HTML response; null for anything else. */
  html: string | null;
};

/**
 * `request`, recording every exchange, and following redirects itself so that each hop (a 303's
 * Location and Set-Cookie included) is seen. `page` is a stand-in for the helpers that only use
 * `page.request` (`fillApplicationOverHttp`, `submitApplicationOverHttp`): cookies are `request`'s.
 */
export function recordingRequests(request: APIRequestContext): { exchanges: Exchange[]; page: Page; get: (url: string) => Promise<APIResponse>; post: (url: string, form: URLSearchParams) => Promise<APIResponse> } {
  const exchanges: Exchange[] = [];
  const record = async (method: string, url: string, response: APIResponse) => {
    const all = response.headersArray();
    const html = /text\/html/.test(response.headers()["content-type"] ?? "") ? await response.text() : null;
    exchanges.push({
      method,
      url: new URL(url, response.url()).href,
      status: response.status(),
      headers: response.headers(),
      setCookies: all.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value),
      html,
    });
    return response;
  };
  const follow = async (response: APIResponse) => {
    for (let hops = 0; response.status() >= 300 && response.status() < 400; hops++) {
      if (hops > 10) throw new Error(`Too many redirects from ${response.url()}`);
      const next = new URL(response.headers()["location"]!, response.url()).href;
      response = await record("GET", next, await request.get(next, { maxRedirects: 0 }));
    }
    return response;
  };
  const get = async (url: string, options: Parameters<APIRequestContext["get"]>[1] = {}) =>
    follow(await record("GET", url, await request.get(url, { ...options, maxRedirects: 0 })));
  const post = async (url: string, options: Parameters<APIRequestContext["post"]>[1] = {}) =>
    follow(await record("POST", url, await request.post(url, { ...options, maxRedirects: 0 })));
  return {
    exchanges,
    page: { request: { get, post } } as unknown as Page,
    get: (url) => get(url),
    post: (url, form) => post(url, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: form.toString() }),
  };
}

export const htmlDocument = (html: string, url = "http://localhost/") => new JSDOM(html, { url }).window.document;

/** Where the form holding `button` goes, and what it sends as it stands in the HTML (hidden fields included). */
export function formOf(document: Document, button: string): { action: string; body: URLSearchParams } {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>("form button")).filter(
    (b) => (b.textContent ?? "").replace(/\s+/g, " ").trim() === button,
  );
  expect(buttons, `one "${button}" button`).toHaveLength(1);
  const form = buttons[0]!.form!;
  const body = new URLSearchParams();
  for (const [name, value] of new document.defaultView!.FormData(form)) body.append(name, String(value));
  return { action: form.action, body };
}

const EXIT_NAME = "Emergency Exit this page";
const squash = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/**
 * The server's HTML has one "Exit this page" control: a link (`role="button"`) to /exit that sends
 * no referrer, shown (nothing hides it), before the page's own content so it is quick to reach.
 */
export function expectExitControlInHtml(html: string, where: string): void {
  const document = htmlDocument(html);
  const named = Array.from(document.querySelectorAll("button, [role=button]")).filter((e) => squash(e.textContent) === EXIT_NAME);
  expect(named, `${where}: one "${EXIT_NAME}" control`).toHaveLength(1);
  const exit = named[0]!;
  expect(exit.tagName, where).toBe("A");
  expect(exit.getAttribute("href"), where).toBe("/exit");
  expect(exit.getAttribute("rel") ?? "", where).toMatch(/\bnoreferrer\b/);
  for (let e: Element | null = exit; e; e = e.parentElement) {
    expect(e.hasAttribute("hidden") || e.getAttribute("aria-hidden") === "true", `${where}: a hidden <${e.tagName}>`).toBe(false);
    expect(e.classList.contains("govuk-visually-hidden") || e.tagName === "NOSCRIPT" || e.tagName === "TEMPLATE", `${where}: <${e.tagName}>`).toBe(false);
  }
  const main = document.getElementById("main-content");
  expect(main, `${where}: <main id="main-content">`).not.toBeNull();
  expect(exit.compareDocumentPosition(main!) & document.defaultView!.Node.DOCUMENT_POSITION_FOLLOWING, `${where}: exit control comes before <main>`).toBeTruthy();
}

/** The same, in the browser as the page stands (after GOV.UK Frontend set it up, with JavaScript on). */
export async function expectExitControl(page: Page, where: string): Promise<void> {
  const exit = page.getByRole("button", { name: EXIT_NAME, exact: true });
  await expect(exit, where).toHaveCount(1);
  await expect(exit, where).toBeVisible();
  await expect(exit, where).toHaveAttribute("href", "/exit");
  await expect(exit, where).toHaveAttribute("rel", /\bnoreferrer\b/);
  const shape = await exit.evaluate((el) => {
    const main = document.getElementById("main-content");
    return { tag: el.tagName, before: main ? (el.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 : false };
  });
  expect(shape, where).toEqual({ tag: "A", before: true });
}
