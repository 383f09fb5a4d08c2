// End-to-end support: Accessibility.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { AXE_TAGS } from "./base";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
type AxeViolation = AxeResults["violations"][number];
type AxeNode = AxeViolation["nodes"][number];

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
 * Legacy mode runs axe once in the page itself; the default mode also opens a blank page to merge
 * the results of each frame, which tripled the time of every scan. The portal's pages have no
 * frames (and forbid being framed), so both modes test the same document.
 */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  expect(await page.locator("iframe, frame").count(), `frames on ${what}`).toBe(0);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  const violations = results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isGovukConditionalRevealRadio(v, n)) }))
    .filter((v) => v.nodes.length > 0);
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}
