// The base `test` (every request to a host other than this machine is aborted and recorded) and
// the constants the specs share.
import path from "node:path";
import { test as base, expect } from "@playwright/test";

export { expect };

export const E2E_DATA_DIR = path.resolve("tests/.tmp/e2e");
export const DB_PATH = path.join(E2E_DATA_DIR, "csods.db");
export const MAIL_DIR = path.join(E2E_DATA_DIR, "mail");
export const EXIT_PAGE_URL = process.env.EXIT_PAGE_URL ?? "https://www.bbc.co.uk/weather";
export const SERVICE_NAME = "Ask the police about a person's contact with a child";
/** The public reference: 12 characters of Crockford base-32 in groups of 4. */
export const REFERENCE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:" && u.protocol !== "wss:") return true;
  return LOCAL_HOSTS.has(u.hostname);
}

type Fixtures = {
  /** Every non-local request the browser context tried to make (each was aborted). */
  externalRequests: string[];
};

export const test = base.extend<Fixtures>({
  externalRequests: [
    async ({ context }, use) => {
      const seen: string[] = [];
      await context.route(
        (url) => !isLocalUrl(url.href),
        (route) => {
          seen.push(route.request().url());
          return route.abort("blockedbyclient");
        },
      );
      await use(seen);
    },
    { auto: true },
  ],
});
