// The error summary of a page the server rendered, checked in the HTML (the in-process twin of
// tests/e2e/support/error-summary.ts).
import { expect } from "vitest";
import { squash } from "./application-forms";

/**
 * Checks the page is an error page ("Error: " title) whose summary lists `messages` in order, every
 * link targets one form control on the page, and each message is also shown with its field.
 */
export function expectErrorSummaryIn(document: Document, messages: Array<string | RegExp>): void {
  expect(squash(document.title)).toMatch(/^Error: /);
  const summary = document.querySelector(".govuk-error-summary");
  expect(summary, "error summary").not.toBeNull();
  expect(summary!.hasAttribute("hidden")).toBe(false);
  expect(squash(summary!.querySelector("h2")?.textContent)).toBe("There is a problem");
  const links = Array.from(summary!.querySelectorAll("a"));
  expect(links.map((a) => squash(a.textContent))).toEqual(messages.map((m) => (typeof m === "string" ? m : expect.stringMatching(m))));
  for (const link of links) {
    const href = link.getAttribute("href");
    expect(href, "error summary link").toMatch(/^#[A-Za-z][\w-]*$/);
    const targets = document.querySelectorAll(`[id="${href!.slice(1)}"]`);
    expect(targets, `target of ${href}`).toHaveLength(1);
    expect(["INPUT", "TEXTAREA", "SELECT"], `target of ${href}`).toContain(targets[0].tagName);
  }
  // Each field's message starts with a visually hidden "Error:".
  const shownWithFields = Array.from(document.querySelectorAll(".govuk-error-message")).map((e) => squash(e.textContent).replace(/^Error: /, ""));
  for (const message of messages) {
    expect(shownWithFields.some((text) => (typeof message === "string" ? text === message : message.test(text))), `"${String(message)}" with its field`).toBe(true);
  }
}
