// End-to-end support: the staff side (demo accounts, browser contexts on this machine only).
//
// - Most staff tests sign in without the pages: `staffTest`'s `as(role)` gives each test its own
//   account with an injected session (staff-sessions.ts). The sign-in pages are tested on their own.
// - Authenticator codes are computed from the secret stored (encrypted) in staff_users. The servers
//   under test check a code as if the person had waited for a new 30-second step
//   (TOTP_TEST_CLOCK=next-step), so nobody waits for one; each step still works once per person.
// - Sign-in is throttled per client address (10 password attempts a minute) and every test comes
//   from 127.0.0.1: the throttling tests run against a server of their own (`startAppServer`).
import { devices, type Browser, type BrowserContext, type BrowserContextOptions } from "@playwright/test";
import playwrightConfig from "../../../playwright.config";
import { DEMO_ACCOUNTS } from "../../../app/services/demo.server";
import { watchExternalRequests } from "./hosts";

export const E2E_BASE_URL = String(playwrightConfig.use?.baseURL ?? "http://localhost:3100");
const webServer = Array.isArray(playwrightConfig.webServer) ? playwrightConfig.webServer[0] : playwrightConfig.webServer;
/** The e2e server's SESSION_SECRET: the key of the stored TOTP secrets. */
export const E2E_SESSION_SECRET = String(webServer?.env?.SESSION_SECRET ?? "");
export const STAFF_SERVICE_NAME = "Disclosure scheme casework";
export const staffTitle = (page: string, hasErrors = false) => `${hasErrors ? "Error: " : ""}${page} – ${STAFF_SERVICE_NAME}`;

export type DemoRole = "reviewer" | "manager" | "admin";
export type StaffAccount = { email: string; password: string; name: string };

export function demoAccount(role: DemoRole): StaffAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  return { email: account.email, password: account.password, name: account.name };
}

/** Options for a context like the configured project's (Desktop Chrome) on its own origin. */
export function contextOptions(origin: string, extra: BrowserContextOptions = {}): BrowserContextOptions {
  const { defaultBrowserType: _ignored, ...desktop } = devices["Desktop Chrome"];
  return { ...desktop, baseURL: origin, ...extra };
}

/** A new context that refuses (and records) any request to a host other than this machine. */
export async function newLocalContext(
  browser: Browser,
  origin: string,
  externalRequests: string[],
  extra: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(contextOptions(origin, extra));
  watchExternalRequests(context, externalRequests);
  return context;
}
