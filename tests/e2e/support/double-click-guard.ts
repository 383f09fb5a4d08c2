// End-to-end support: passing GOV.UK's double-click guard on the page's own clock.
//
// GOV.UK Frontend's Button ignores a second click within 1 second of the first (a setTimeout in the
// page). A page shown again with errors keeps its button, so the next click must come after that
// second: `waitOutDoubleClickGuard` (journey.ts) waits it out in real time. A test that installs
// Playwright's clock in the page before it loads (`page.clock.install()`: time runs on as usual)
// can instead move the page's clock past what is left of that second, firing the guard's timer at
// once, as a person who waited would find it. If the guard were still holding, the next click
// would be ignored and the test would stay on the page.
import { expect, type Page } from "@playwright/test";
import { expectErrorSummary } from "./error-summary";
import { clickContinue } from "./journey";

/** Moves the page's installed clock past the guard set by a click at `clickedAt` (Date.now() after it). */
export async function passDoubleClickGuard(page: Page, clickedAt: number): Promise<void> {
  if ((await page.locator("body.js-enabled").count()) === 0) return;
  const left = clickedAt + 1_200 - Date.now();
  if (left > 0) await page.clock.fastForward(left);
}

/**
 * `continueExpectingErrors` (journey.ts) for a page whose clock is installed: clicks Continue,
 * expects the same page back with these errors, and returns when the click was dispatched, for
 * `passDoubleClickGuard` before the next click (instead of waiting the guard out here).
 */
export async function continueExpectingErrorsOnClock(page: Page, messages: Array<string | RegExp>): Promise<number> {
  const url = page.url().replace(/#.*$/, "");
  const clickedAt = await clickContinue(page);
  await expect(page).toHaveURL((u) => u.href.replace(/#.*$/, "") === url);
  await expectErrorSummary(page, messages);
  return clickedAt;
}
