// End-to-end support: staff accounts and injected sessions on a server of a test's own
// (`startAppServer`). The `as(role)` fixture writes to the shared e2e database through the app's
// services in this worker; a server of its own has another database and may run on a moved
// clock, so its accounts and sessions are made by the app's own services in a child process
// pointed at that database and clock (own-server-setup.ts), and the cookie is added to a context.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import type { StaffRole } from "../../../db/schema";
import type { AppServer } from "./app-server";
import { newLocalContext } from "./staff";

export type OwnServerSetup = {
  /** One account (and active session) per entry, with these roles. */
  accounts: StaffRole[][];
  /** The duty address for urgent alerts (setting alerts.dutyAddress). */
  dutyAddress?: string;
  /** Take every reviewer off duty (as each would on their account page). */
  reviewersOffDuty?: boolean;
};

export type OwnServerAccount = { id: number; email: string; roles: StaffRole[]; cookie: string };

/** Runs own-server-setup.ts against `server`'s database, with its clock (CLOCK_OFFSET_MS). */
export async function setUpOwnServer(server: AppServer, setup: OwnServerSetup): Promise<OwnServerAccount[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...server.env, DATABASE_PATH: server.dbPath };
  if (!server.env.CLOCK_OFFSET_MS) delete env.CLOCK_OFFSET_MS;
  const tsx = path.resolve("node_modules/.bin/tsx");
  const child = spawn(tsx, [path.resolve("tests/e2e/support/own-server-setup.ts"), JSON.stringify(setup)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`own-server-setup failed (${code}):\n${err}${out}`);
  const line = out.trim().split("\n").pop()!;
  return JSON.parse(line) as OwnServerAccount[];
}

/** A page on `server` signed in as `account` (its session cookie injected); close its context when done. */
export async function pageAs(browser: Browser, server: AppServer, account: OwnServerAccount, externalRequests: string[]): Promise<Page> {
  const context = await newLocalContext(browser, server.url, externalRequests);
  const [name, value] = [account.cookie.slice(0, account.cookie.indexOf("=")), account.cookie.slice(account.cookie.indexOf("=") + 1)];
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: "Strict" }]);
  return context.newPage();
}
