// End-to-end support: Signing in.
import { expect, type Page } from "@playwright/test";
import { type TotpOptions, withFreshCode } from "./totp";

export async function submitPassword(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/staff/sign-in");
  await expect(page).toHaveTitle(/Sign in – /);
  await page.getByLabel("Email address", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

/** Enters a fresh code on the "Enter your security code" page and waits for the staff home page. */
export async function enterSecurityCode(page: Page, email: string, options: TotpOptions = {}): Promise<void> {
  await expect(page).toHaveURL(/\/staff\/second-factor$/);
  await withFreshCode(
    email,
    async (code) => {
      await page.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(/\/staff$/);
    },
    options,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello, /);
}

/** Signs in through the pages: password, then a fresh authenticator code. Ends on /staff. */
export async function signIn(page: Page, account: { email: string; password: string }, options: TotpOptions = {}): Promise<void> {
  await submitPassword(page, account);
  await enterSecurityCode(page, account.email, options);
}

/** Clicks "Sign out" in the staff header; returns the response of the sign-out POST. */
export async function signOut(page: Page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/staff/sign-out" && r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign out", exact: true }).click(),
  ]);
  await expect(page).toHaveURL(/\/staff\/signed-out$/);
  return response;
}

/** The form token of the signed-in page (every staff form carries it). */
export async function csrfTokenOf(page: Page): Promise<string> {
  const token = await page.locator('input[type="hidden"][name="csrf"]').first().getAttribute("value");
  if (!token) throw new Error("no form token on the page");
  return token;
}
