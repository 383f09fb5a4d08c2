// End-to-end support: filling an application over HTTP, as a browser without JavaScript would.
//
// For tests whose subject is a later page (check answers, Exit this page there, the confirmation…),
// walking every question in the browser is setup, and the costliest part of them. These helpers send
// the same forms through the real running server with `page.request`, which shares the page's
// cookies: the draft the server keeps belongs to that browser session, and the page can go straight
// to the next question or to check answers. Each page's HTML is read (jsdom) and its form is sent the
// way a browser sends it: every field the form holds (hidden ones and the honeypot included), the
// answers set on the controls found by their labels, to the form's own action. The whole journey in
// the browser, with and without JavaScript, stays in journey.spec.ts.
import { expect, type Page } from "@playwright/test";
import {
  confirmedReference,
  readPage,
  submit,
  walkApplication,
  type FillOptions,
  type PageTransport,
  type ShownPage,
} from "../../support/application-forms";
import type { Answers } from "./test-data";

export type HttpFillOptions = FillOptions;

type ApiResponse = Awaited<ReturnType<Page["request"]["get"]>>;

async function show(response: ApiResponse): Promise<ShownPage> {
  return readPage(await response.text(), response.url(), response.status());
}

/** `page.request`, which shares the page's cookies: the draft the server keeps is that browser's. */
function transportOf(page: Page): PageTransport {
  return {
    get: async (href) => show(await page.request.get(href)),
    post: async (href, body) =>
      show(
        await page.request.post(href, {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: body.toString(),
        }),
      ),
  };
}

/**
 * Answers the questions over HTTP in `page`'s session (one with no draft yet), from the start page to check answers (or
 * to `stopAt`, unanswered), like `fillApplication` without the browser. Returns the path of the
 * page it stopped at; the page itself has not moved, so `page.goto(path)` shows it.
 */
export async function fillApplicationOverHttp(
  page: Page,
  answers: Answers,
  options: HttpFillOptions = {},
): Promise<string> {
  return (await walkApplication(transportOf(page), answers, options)).path;
}

/**
 * Answers every question and sends the application over HTTP in `page`'s session ("Accept and
 * send" on check answers); returns the reference the confirmation shows.
 */
export async function submitApplicationOverHttp(page: Page, answers: Answers): Promise<string> {
  const transport = transportOf(page);
  const check = await walkApplication(transport, answers);
  return confirmedReference(await submit(transport, check, () => {}, "Accept and send"));
}

/**
 * Opens a public page in the browser (after an HTTP fill, say). With JavaScript on it returns once
 * the page is hydrated: GOV.UK Frontend's modules are started from React effects, so Exit this
 * page set up means React handles the next click, as after a client-side navigation.
 */
export async function openPublicPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  if ((await page.locator("body.js-enabled").count()) === 0) return;
  await expect(page.locator(".govuk-exit-this-page")).toHaveAttribute("data-govuk-exit-this-page-init", "");
}
