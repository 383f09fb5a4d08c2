// End-to-end support: Error summary.
import { expect, type Page } from "@playwright/test";

/** Checks the error summary is shown, lists `messages`, and every link targets an element on the page. */
export async function expectErrorSummary(page: Page, messages: Array<string | RegExp>): Promise<void> {
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  const links = summary.getByRole("link");
  await expect(links).toHaveText(messages);
  for (const link of await links.all()) {
    const href = await link.getAttribute("href");
    expect(href, "error summary link").toMatch(/^#[A-Za-z][\w-]*$/);
    await expect(page.locator(`[id="${href!.slice(1)}"]`), `target of ${href}`).toHaveCount(1);
  }
  // Each message is also shown next to its field.
  for (const message of messages) {
    await expect(page.locator(".govuk-error-message").filter({ hasText: message }).first()).toBeVisible();
  }
}
