// End-to-end support: Accounts made by an admin.
import { expect, type Page } from "@playwright/test";
import { randomToken } from "./test-data";
import { group } from "./journey";
import { waitForEmail } from "./mail";
import { E2E_BASE_URL, staffTitle } from "./staff";
import { codeForSecret } from "./totp";

export type NewStaff = { name: string; email: string; roles: Array<"Reviewer (public protection officer)" | "Manager (public protection manager)" | "Administrator"> };

export function makeStaff(roles: NewStaff["roles"] = ["Reviewer (public protection officer)"]): NewStaff {
  const token = randomToken(8);
  return { name: `Canary Staff ${token}`, email: `staff.${token.toLowerCase()}@force.example`, roles };
}

/** An admin adds a member of staff; returns the path (with token) of the set-up link emailed to them. */
export async function inviteStaff(adminPage: Page, person: NewStaff, options: { onPage?: (page: Page) => Promise<void> } = {}): Promise<string> {
  await adminPage.goto("/staff/admin/users/new");
  await expect(adminPage).toHaveTitle(staffTitle("Add a member of staff"));
  if (options.onPage) await options.onPage(adminPage);
  await adminPage.getByLabel("Full name", { exact: true }).fill(person.name);
  await adminPage.getByLabel("Work email address", { exact: true }).fill(person.email);
  const roles = group(adminPage, "Roles");
  for (const role of person.roles) await roles.getByLabel(role, { exact: true }).check();
  await adminPage.getByRole("button", { name: "Add and send set-up link" }).click();
  await expect(adminPage).toHaveURL(/\/staff\/admin\/users\/\d+$/);
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText(person.name);
  return setupLinkFor(person.email);
}

/** Waits for the set-up email to `email` and returns its link's path and query. */
export async function setupLinkFor(email: string): Promise<string> {
  const mail = await waitForEmail(email);
  expect(mail.subject).toMatch(/set up your account$/);
  const match = /(https?:\/\/\S+\/staff\/setup\?token=[A-Za-z0-9_%-]+)/.exec(mail.body);
  expect(match, "a set-up link in the email").not.toBeNull();
  const url = new URL(match![1]);
  expect(url.origin).toBe(E2E_BASE_URL);
  return url.pathname + url.search;
}

/** A strong password nobody else uses (several unrelated words). */
export const strongPassword = () => `quartz-${randomToken(6).toLowerCase()}-meadow-${randomToken(6).toLowerCase()}`;

/** Opens the set-up link and sets the password; ends on the enrolment page. */
export async function setPassword(page: Page, setupPath: string, password: string): Promise<void> {
  await page.goto(setupPath);
  // The token moves into a cookie at once: it does not stay in the address bar.
  await expect(page).toHaveURL(/\/staff\/setup$/);
  await expect(page).toHaveTitle(staffTitle("Set up your account"));
  await page.getByLabel("Create a password", { exact: true }).fill(password);
  await page.getByLabel("Enter the password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/enrol$/);
}

/** On the enrolment page: reads the key shown, enters its code; returns the key, step and recovery codes. */
export async function enrolTotp(page: Page): Promise<{ secret: string; step: number; recoveryCodes: string[] }> {
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  const secret = (await page.locator("#totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const { code, step } = await codeForSecret(secret);
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  // The codes are the response to the enrolling POST itself (never stored in clear): same address.
  await expect(page).toHaveTitle(staffTitle("Save your recovery codes"));
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  // The title arrives before the streamed body: wait for what comes after the list before reading it.
  await expect(page.getByRole("button", { name: "I have saved my codes" })).toBeVisible();
  const recoveryCodes = (await page.locator(".app-recovery-codes li").allInnerTexts()).map((c) => c.trim());
  return { secret, step, recoveryCodes };
}
