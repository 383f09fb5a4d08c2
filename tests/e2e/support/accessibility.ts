// End-to-end support: Accessibility.
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import type { AxeResults, Result, RunOptions } from "axe-core";
import { AXE_TAGS } from "./base";

type AxeViolation = Pick<Result, "id" | "impact" | "help" | "nodes">;
type AxeNode = AxeViolation["nodes"][number];

// axe-core's own script, read once per worker.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core served by this worker on loopback, for the pages to load as a script: the browser then
 * keeps it (and its compiled code) for the whole browser context. Sent into the page with each scan
 * instead, its 580 KB went through Playwright's protocol every time: about 60 ms of CPU a scan.
 */
let axeAddress: Promise<string> | undefined;
function servedAxe(): Promise<string> {
  axeAddress ??= new Promise((resolve, reject) => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=86400, immutable" });
      response.end(AXE_SOURCE);
    });
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref(); // the worker ends when its tests do
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/axe.min.js`);
    });
  });
  return axeAddress;
}

/**
 * Puts axe-core into the page. The portal's pages allow only their own scripts and those carrying
 * the page's nonce (its CSP): the script is added with the nonce the page's own scripts carry. A
 * page without one (a test's own HTML) gets the source sent in.
 */
async function loadAxe(page: Page): Promise<void> {
  const loaded = await page.evaluate(
    async (address) => {
      if ("axe" in window) return true;
      const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
      if (!nonce) return false;
      return new Promise<boolean>((resolve) => {
        const script = document.createElement("script");
        script.nonce = nonce;
        script.src = address;
        script.onload = () => resolve(true);
        script.onerror = () => resolve(false);
        document.head.append(script);
      });
    },
    await servedAxe(),
  );
  if (!loaded) await page.evaluate(AXE_SOURCE);
}

/**
 * The one documented exception: GOV.UK Frontend's Radios script puts `aria-expanded` on a radio
 * that reveals a conditional question. ARIA 1.2 does not list it for role radio, so axe reports
 * `aria-allowed-attr`; GOV.UK keeps it on purpose because screen readers announce it
 * (alphagov/govuk-frontend#979, known issue #1280). Only that attribute on that element is excused.
 */
function isGovukConditionalRevealRadio(violation: AxeViolation, node: AxeNode): boolean {
  if (violation.id !== "aria-allowed-attr") return false;
  if (!/class="govuk-radios__input"/.test(node.html) || !/aria-controls="conditional-/.test(node.html)) return false;
  const failed = [...node.any, ...node.all, ...node.none].flatMap((check) => (Array.isArray(check.data) ? (check.data as unknown[]) : []));
  return failed.length > 0 && failed.every((attribute) => /^aria-expanded="(true|false)"$/.test(String(attribute)));
}

/**
 * Runs axe (WCAG 2.0–2.2 A and AA tags) on the page and fails with a readable list of violations.
 * axe runs in the page itself and only its violations come back: @axe-core/playwright returned
 * every rule's passing nodes too, and checking and copying those took half of every scan's time.
 * The portal's pages have no frames (and forbid being framed), so the page is the whole document.
 */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  expect(await page.locator("iframe, frame").count(), `frames on ${what}`).toBe(0);
  await loadAxe(page);
  const options: RunOptions = { runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] };
  const found = await page.evaluate(async (options) => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } };
    const { violations } = await axe.run(document, options);
    return violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ html, target, failureSummary, any, all, none }) => ({ html, target, failureSummary, any, all, none })),
    }));
  }, options);
  const violations = found
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isGovukConditionalRevealRadio(v, n)) }))
    .filter((v) => v.nodes.length > 0);
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}
