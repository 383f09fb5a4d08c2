// End-to-end support: axe scans of staff pages as a test reaches them, and one browser page used
// by several members of staff in turn (a new context costs about half a second; a session cookie
// swapped costs nothing).
import { expect, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./accessibility";
import { waitOutDoubleClickGuard } from "./journey";
import { injectSession } from "./staff-sessions";

/** Scans pages and remembers which, so a test can say the states it scanned. */
export function scanner() {
  const scanned: string[] = [];
  const scan = async (page: Page, what: string) => {
    await expect(page.locator("main h1")).toBeVisible();
    await expectNoAxeViolations(page, what);
    scanned.push(what);
  };
  return { scanned, scan };
}
export type Scan = ReturnType<typeof scanner>["scan"];

/**
 * Clicks the form's button with nothing (or one wrong answer) filled in and scans the page shown
 * again with its errors. `again`: the form is sent again next, so GOV.UK's double-click guard is
 * waited out first (Playwright's installed clock, which would skip the wait, made long walks of
 * scans slower than the wait it saved).
 */
export async function scanWithErrors(page: Page, what: string, submit: string, scan: Scan, again = false): Promise<void> {
  const url = page.url().replace(/[?#].*$/, "");
  await page.getByRole("button", { name: submit, exact: true }).click();
  const clickedAt = Date.now();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  expect(page.url().replace(/[?#].*$/, "")).toBe(url);
  await scan(page, `${what} with errors`);
  if (again) await waitOutDoubleClickGuard(page, clickedAt);
}

/**
 * The page's browser is now signed in as `account` (a new injected session replaces the cookie of
 * the one before): the next page it loads is that person's. For tests where two people take turns.
 */
export async function actAs(page: Page, account: { id: number }): Promise<void> {
  await injectSession(page.context(), account);
}
