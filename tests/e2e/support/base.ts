// The base `test` (every request to a host other than this machine is aborted and recorded) and
// the constants the specs share.
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { watchExternalRequests } from "./hosts";

export { expect };
export { isLocalUrl } from "./hosts";

export const E2E_DATA_DIR = path.resolve("tests/.tmp/e2e");
export const DB_PATH = path.join(E2E_DATA_DIR, "csods.db");
export const MAIL_DIR = path.join(E2E_DATA_DIR, "mail");
export const EXIT_PAGE_URL = process.env.EXIT_PAGE_URL ?? "https://www.bbc.co.uk/weather";
export const SERVICE_NAME = "Ask the police about a person's contact with a child";
/** The public reference: 12 characters of Crockford base-32 in groups of 4. */
export const REFERENCE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Fixtures = {
  /** Every non-local request the browser context tried to make (each was aborted). */
  externalRequests: string[];
};

export const test = base.extend<Fixtures>({
  externalRequests: [
    async ({ context }, use) => {
      const seen: string[] = [];
      watchExternalRequests(context, seen);
      await use(seen);
    },
    { auto: true },
  ],
});
