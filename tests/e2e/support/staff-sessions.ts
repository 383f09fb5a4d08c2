// End-to-end support: staff accounts and signed-in sessions made directly, for the tests that are
// not about signing in. Each test gets its own accounts (so no two tests share a queue, a session
// or a person's authenticator steps); the session is created by the app's own `createSession` in
// the e2e database, and its cookie is added to a new browser context, as the sign-in pages would.
// Signing in through the pages is tested on its own (staff-auth.spec.ts, staff-accessibility.spec.ts).
import type { BrowserContext } from "@playwright/test";
import type { StaffRole } from "../../../db/schema";
import { insertStaff, signedIn } from "../../support/staff";
import { DB_PATH, E2E_DATA_DIR } from "./base";
import { E2E_BASE_URL, E2E_SESSION_SECRET } from "./staff";
import { randomToken } from "./test-data";

// The app's services in this worker use the e2e server's database and keys. Set before any of
// them reads the configuration (they read it on first use, not on import).
Object.assign(process.env, {
  NODE_ENV: "test",
  DATA_DIR: E2E_DATA_DIR,
  DATABASE_PATH: DB_PATH,
  SESSION_SECRET: E2E_SESSION_SECRET,
  APP_URL: E2E_BASE_URL,
});

export type TestAccount = { id: number; email: string; name: string; password: string; totpSecret: string; roles: StaffRole[] };

const ROLE_WORDS: Record<StaffRole, string> = { reviewer: "Reviewer", manager: "Manager", admin: "Admin" };

/** A new, fully set-up staff account of its own for one test (password, enrolled authenticator). */
export async function createTestAccount(roles: StaffRole[]): Promise<TestAccount> {
  const token = randomToken(8);
  const password = `quartz-${token.toLowerCase()}-meadow-lantern`;
  const name = `Canary ${roles.map((r) => ROLE_WORDS[r]).join(" ")} ${token}`;
  const { user, totpSecret } = await insertStaff(roles, password, { email: `${roles.join(".")}.${token.toLowerCase()}@force.example`, displayName: name });
  return { id: user.id, email: user.email, name, password, totpSecret, roles };
}

/** Signs `account` in on `context` without the sign-in pages: a new active session and its cookie. */
export async function injectSession(context: BrowserContext, account: { id: number }): Promise<{ sessionId: string; csrfToken: string }> {
  const { cookie, sessionId, csrfToken } = await signedIn(account.id, E2E_BASE_URL);
  const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
  await context.addCookies([{ name, value, url: E2E_BASE_URL, httpOnly: true, sameSite: "Strict" }]);
  return { sessionId, csrfToken };
}
