// End-to-end support: the staff fixtures. `as(role)` is a page signed in as this test's own
// account of that role (its session injected, see staff-sessions.ts); `account(role)` is that
// account; `freshPage` is a signed-out page.
import type { BrowserContext, Page } from "@playwright/test";
import { test } from "./base";
import { E2E_BASE_URL, type DemoRole, newLocalContext } from "./staff";
import { createTestAccount, injectSession, type TestAccount } from "./staff-sessions";

type StaffFixtures = {
  /** A page in a new context signed in as this test's own account of `role`. */
  as: (role: DemoRole, options?: { javaScriptEnabled?: boolean }) => Promise<Page>;
  /** This test's own account of `role` (made on first use; the one `as(role)` is signed in as). */
  account: (role: DemoRole) => Promise<TestAccount>;
  /** A page in a new, signed-out context. */
  freshPage: (options?: { javaScriptEnabled?: boolean; baseURL?: string }) => Promise<Page>;
};

export const staffTest = test.extend<StaffFixtures>({
  freshPage: async ({ browser, externalRequests }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ baseURL = E2E_BASE_URL, ...options } = {}) => {
      const context = await newLocalContext(browser, baseURL, externalRequests, options);
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  account: async ({}, use) => {
    const accounts = new Map<DemoRole, Promise<TestAccount>>();
    await use((role) => {
      if (!accounts.has(role)) accounts.set(role, createTestAccount([role]));
      return accounts.get(role)!;
    });
  },
  as: async ({ browser, externalRequests, account }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role, options = {}) => {
      const context = await newLocalContext(browser, E2E_BASE_URL, externalRequests, options);
      contexts.push(context);
      await injectSession(context, await account(role));
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});
