// End-to-end support: Accessibility.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";
import type { AxeResults, Result, RunOptions } from "axe-core";
import { AXE_TAGS } from "./base";

type AxeViolation = Pick<Result, "id" | "impact" | "help" | "nodes">;
type AxeNode = AxeViolation["nodes"][number];

// axe-core's own script, read once per worker and put into each page it scans.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * The one documented exception: GOV.UK Frontend's Radios script puts `aria-expanded` on a radio
 * that reveals a conditional question. ARIA 1.2 does not list it for role radio, so axe reports
 * `aria-allowed-attr`; GOV.UK keeps it on purpose because screen readers announce it
 * (alphagov/govuk-frontend#979, known issue #1280). Only that attribute on that element is excused.
 */
function isGovukConditionalRevealRadio(violation: AxeViolation, node: AxeNode): boolean {
  if (violation.id !== "aria-allowed-attr") return false;
  if (!/class="govuk-radios__input"/.test(node.html) || !/aria-controls="conditional-/.test(node.html)) return false;
  const failed = [...node.any, ...node.all, ...node.none].flatMap((check) =>
    Array.isArray(check.data) ? (check.data as unknown[]) : [],
  );
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
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] };
  const results = await page.evaluate(async (options) => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } };
    const { violations } = await axe.run(document, options);
    return {
      violations: violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ html, target, failureSummary, any, all, none }) => ({ html, target, failureSummary, any, all, none })),
      })),
    };
  }, options);
  const violations = results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isGovukConditionalRevealRadio(v, n)) }))
    .filter((v) => v.nodes.length > 0);
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}
