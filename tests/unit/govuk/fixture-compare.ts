// Compares React output with the HTML of govuk-frontend's own test fixtures,
// ignoring formatting: whitespace, attribute order and class order.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect } from "vitest";

const COMPONENTS_DIR = fileURLToPath(
  new URL("../../../node_modules/govuk-frontend/dist/govuk/components/", import.meta.url),
);

interface Fixture {
  name: string;
  html: string;
  options: Record<string, unknown>;
}

const cache = new Map<string, Fixture[]>();

/** The `html` of one named fixture of a component, for example ("input", "with hint text"). */
export function fixtureHtml(component: string, name: string): string {
  let fixtures = cache.get(component);
  if (!fixtures) {
    const file = `${COMPONENTS_DIR}${component}/fixtures.json`;
    fixtures = (JSON.parse(fs.readFileSync(file, "utf8")) as { fixtures: Fixture[] }).fixtures;
    cache.set(component, fixtures);
  }
  const fixture = fixtures.find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`No fixture "${name}" for component "${component}"`);
  return fixture.html;
}

/**
 * One line per element or text node, indented by depth: `<tag a="1" class="x y">`.
 * Attributes and class tokens are sorted; text is whitespace-collapsed and
 * trimmed, and whitespace-only text and comments are dropped.
 */
export function normaliseHtml(html: string): string {
  const lines: string[] = [];
  const walk = (node: Node, depth: number) => {
    const indent = "  ".repeat(depth);
    if (node.nodeType === 3) {
      const text = (node.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) lines.push(`${indent}${JSON.stringify(text)}`);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const attributes = Array.from(element.attributes)
      .map(({ name, value }) => {
        const normalised =
          name === "class" ? value.split(/\s+/).filter(Boolean).sort().join(" ") : value;
        return `${name}=${JSON.stringify(normalised)}`;
      })
      .sort();
    lines.push(`${indent}<${[element.localName, ...attributes].join(" ")}>`);
    element.childNodes.forEach((child) => walk(child, depth + 1));
  };
  JSDOM.fragment(html).childNodes.forEach((child) => walk(child, 0));
  return lines.join("\n");
}

export function renderNormalised(element: ReactElement): string {
  return normaliseHtml(renderToStaticMarkup(element));
}

/** Asserts that `element` renders the same structure as the fixture. */
export function expectFixture(element: ReactElement, component: string, fixtureName: string): void {
  expect(renderNormalised(element)).toBe(normaliseHtml(fixtureHtml(component, fixtureName)));
}
