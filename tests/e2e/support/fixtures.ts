// End-to-end support: Fixtures.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { E2E_DATA_DIR, test } from "./base";
import { E2E_BASE_URL, type DemoRole, demoAccount, newLocalContext } from "./staff";
import { withLock } from "./totp";
import { signIn } from "./sign-in";

type StaffFixtures = {
  /** A page in a new context signed in as the demo account of `role` (a session shared by the run). */
  as: (role: DemoRole, options?: { javaScriptEnabled?: boolean }) => Promise<Page>;
  /** A page in a new, signed-out context. */
  freshPage: (options?: { javaScriptEnabled?: boolean; baseURL?: string }) => Promise<Page>;
};

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** The run's session for a demo role: made once (under a lock), kept in the run's data folder. */
async function demoSessionState(browser: Browser, role: DemoRole, externalRequests: string[]): Promise<StorageState> {
  const file = path.join(E2E_DATA_DIR, "staff-sessions", `${role}.json`);
  return withLock(`session:${role}`, async () => {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as StorageState;
    const context = await newLocalContext(browser, E2E_BASE_URL, externalRequests);
    try {
      const page = await context.newPage();
      await signIn(page, demoAccount(role));
      const state = await context.storageState();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(state));
      return state;
    } finally {
      await context.close();
    }
  });
}

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
  as: async ({ browser, externalRequests }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role, options = {}) => {
      const storageState = await demoSessionState(browser, role, externalRequests);
      const context = await newLocalContext(browser, E2E_BASE_URL, externalRequests, { ...options, storageState });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});
