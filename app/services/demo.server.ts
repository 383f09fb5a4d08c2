// Demo accounts so a newcomer reaches the staff side within a minute. Never in production.
import { eq } from "drizzle-orm";
import type { StaffRole } from "../../db/schema";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema } from "./db.server";
import { hashPassword } from "./passwords.server";
import { decryptSecret, encryptSecret, generateTotpSecret, totpCode, currentStep } from "./totp.server";

export const DEMO_ACCOUNTS: Array<{ role: StaffRole; email: string; name: string; password: string }> = [
  { role: "reviewer", email: "reviewer@demo.csods.localhost", name: "Riley Reviewer", password: "amber-kettle-harbour-lantern" },
  { role: "manager", email: "manager@demo.csods.localhost", name: "Morgan Manager", password: "velvet-orchard-compass-glacier" },
  { role: "admin", email: "admin@demo.csods.localhost", name: "Ari Admin", password: "saffron-bicycle-meadow-tunnel" },
];

/** Creates the demo accounts once, on an empty staff table, outside production. */
export async function ensureDemoAccounts(): Promise<boolean> {
  const config = getConfig();
  if (config.isProduction) return false;
  const db = getDb();
  if (db.select({ id: schema.staffUsers.id }).from(schema.staffUsers).limit(1).get()) return false;
  const at = now();
  for (const account of DEMO_ACCOUNTS) {
    db.insert(schema.staffUsers)
      .values({
        email: account.email,
        displayName: account.name,
        roles: [account.role],
        passwordHash: await hashPassword(account.password),
        passwordChangedAt: at,
        totpSecret: encryptSecret(generateTotpSecret(), config.totpKeys),
        totpEnrolledAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .run();
  }
  return true;
}

/** The current TOTP code of a demo account (for `npm run demo:code -- reviewer`). */
export function demoCode(role: string): string | null {
  const config = getConfig();
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (config.isProduction || !account) return null;
  const user = getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.email, account.email)).get();
  if (!user?.totpSecret) return null;
  return totpCode(decryptSecret(user.totpSecret, config.totpKeys), currentStep(now()));
}

export function demoInstructions(): string {
  const { appUrl } = getConfig();
  return [
    "",
    "Demo staff accounts (not in production):",
    ...DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(8)} ${a.email}  password: ${a.password}`),
    `Sign in at ${appUrl}/staff/sign-in; for the security code run: npm run demo:code -- <reviewer|manager|admin>`,
    "",
  ].join("\n");
}

export function hasDemoAccounts(): boolean {
  return Boolean(
    getDb().select({ id: schema.staffUsers.id }).from(schema.staffUsers).where(eq(schema.staffUsers.email, DEMO_ACCOUNTS[0].email)).get(),
  );
}
