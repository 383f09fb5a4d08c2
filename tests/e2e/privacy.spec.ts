// Privacy: nothing personal in addresses, titles or browser storage; safe headers; no third parties.
import type { Page, Response } from "@playwright/test";
import {
  expect,
  fillApplication,
  group,
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

function expectNoPersonalData(where: string, text: string, answers: Answers) {
  for (const value of personalData(answers)) {
    expect(text.toLowerCase(), `${where} must not contain ${value}`).not.toContain(value.toLowerCase());
    expect(decodeURIComponent(text).toLowerCase(), `${where} must not contain ${value}`).not.toContain(value.toLowerCase());
  }
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

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("no personal data in addresses, titles, requests or storage; safe headers; only localhost", async ({
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
        if (javaScriptEnabled) await expectStorageEmpty(page, where, answers);
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
            await group(p, `Are you sure you want to remove ${answers.children[1].fullName}?`).getByLabel("No", { exact: true }).check();
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
      if (javaScriptEnabled) await expectStorageEmpty(page, "confirmation", answers);
      const cookies = await context.cookies();
      const draft = cookies.find((c) => c.name === "csods_draft");
      expect(draft, "the draft cookie").toBeDefined();
      for (const cookie of cookies) {
        expect(cookie.httpOnly, `${cookie.name} is HttpOnly`).toBe(true);
        expect(cookie.sameSite, `${cookie.name} SameSite`).toBe("Lax");
        expect(cookie.expires, `${cookie.name} lasts only for the browser session`).toBe(-1);
        expectNoPersonalData(`cookie ${cookie.name}`, cookie.value, answers);
      }

      // Headers on every response from the service.
      const own = responses.filter((r) => isLocalUrl(r.url()));
      const documents = own.filter((r) => r.request().resourceType() === "document");
      expect(documents.length).toBeGreaterThan(0);
      if (javaScriptEnabled) expect(own.some((r) => new URL(r.url()).searchParams.has("_data"))).toBe(true);
      for (const response of own) {
        const headers = await response.allHeaders();
        const path = new URL(response.url()).pathname;
        const what = `${response.request().method()} ${response.url()}`;
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

      // Every script a page carries has that response's nonce, and no two pages share one.
      const nonces = new Set<string>();
      const bodies = await Promise.all(documentBodies);
      expect(bodies.filter((b) => b.html !== null).length).toBeGreaterThan(0);
      for (const { url, csp, html } of bodies) {
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
    });
  });
}

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
