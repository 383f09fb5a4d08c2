// End-to-end support: the running server's pages as a browser without JavaScript gets them, every
// exchange recorded, and the "Exit this page" control checked in that HTML or in the browser.
//
// What a browser without JavaScript gets is the server's HTML and headers: reading them over HTTP
// (the forms read and sent by tests/support/application-forms.ts) costs milliseconds a page, where
// Chromium costs a page load. What needs a browser (JavaScript, storage, history) stays there.
import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { readPage, squash, type PageTransport, type ShownPage } from "../../support/application-forms";

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

/** The page an exchange brought, parsed afresh from its HTML (a form's controls as the server sent them). */
export const pageOf = (exchange: Exchange): ShownPage => readPage(exchange.html ?? "", exchange.url, exchange.status);

/**
 * A `PageTransport` over `request` (its cookies: a page's `page.request`, or a context of its own)
 * that follows redirects itself, so that every hop (a 303's Location and Set-Cookie included) is
 * recorded in `exchanges`.
 */
export function recordingTransport(request: APIRequestContext): PageTransport & { exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const record = async (method: string, url: string, response: APIResponse) => {
    const html = /text\/html/.test(response.headers()["content-type"] ?? "") ? await response.text() : null;
    exchanges.push({
      method,
      url: new URL(url, response.url()).href,
      status: response.status(),
      headers: response.headers(),
      setCookies: response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value),
      html,
    });
    return response;
  };
  const follow = async (response: APIResponse): Promise<ShownPage> => {
    for (let hops = 0; response.status() >= 300 && response.status() < 400; hops++) {
      if (hops > 10) throw new Error(`Too many redirects from ${response.url()}`);
      const next = new URL(response.headers()["location"]!, response.url()).href;
      response = await record("GET", next, await request.get(next, { maxRedirects: 0 }));
    }
    return pageOf(exchanges.at(-1)!);
  };
  return {
    exchanges,
    get: async (href) => follow(await record("GET", href, await request.get(href, { maxRedirects: 0 }))),
    post: async (href, body) =>
      follow(
        await record(
          "POST",
          href,
          await request.post(href, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: body.toString(), maxRedirects: 0 }),
        ),
      ),
  };
}

const EXIT_NAME = "Emergency Exit this page";

/**
 * The server's HTML has one "Exit this page" control: a link (`role="button"`) to /exit that sends
 * no referrer, shown (nothing hides it), before the page's own content so it is quick to reach.
 */
export function expectExitControlInHtml({ document }: ShownPage, where: string): void {
  const named = Array.from(document.querySelectorAll("button, [role=button]")).filter((e) => squash(e.textContent) === EXIT_NAME);
  expect(named, `${where}: one "${EXIT_NAME}" control`).toHaveLength(1);
  const exit = named[0]!;
  expect(exit.tagName, where).toBe("A");
  expect(exit.getAttribute("href"), where).toBe("/exit");
  expect(exit.getAttribute("rel") ?? "", where).toMatch(/\bnoreferrer\b/);
  for (let e: Element | null = exit; e; e = e.parentElement) {
    const hidden = e.hasAttribute("hidden") || e.getAttribute("aria-hidden") === "true" || e.classList.contains("govuk-visually-hidden");
    expect(hidden || ["NOSCRIPT", "TEMPLATE"].includes(e.tagName), `${where}: inside a hidden <${e.tagName.toLowerCase()}>`).toBe(false);
  }
  const main = document.getElementById("main-content");
  expect(main, `${where}: <main id="main-content">`).not.toBeNull();
  expect(exit.compareDocumentPosition(main!) & 4 /* DOCUMENT_POSITION_FOLLOWING */, `${where}: exit control comes before <main>`).toBeTruthy();
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
