/** @vitest-environment node */
import { describe, expect, it } from "vitest";
import { fixtureHtml, normaliseHtml } from "./fixture-compare";

describe("fixture-compare helper", () => {
  it("ignores whitespace, attribute order and class order", () => {
    expect(normaliseHtml('<p id="a" class="x y">\n  Hello   world\n</p>')).toBe(
      normaliseHtml('<p class="y x" id="a">Hello world</p>'),
    );
  });

  it("still notices missing attributes, classes, elements and text changes", () => {
    const base = normaliseHtml('<p id="a" class="x"><span>Hi</span></p>');
    expect(normaliseHtml('<p class="x"><span>Hi</span></p>')).not.toBe(base);
    expect(normaliseHtml('<p id="a" class="x z"><span>Hi</span></p>')).not.toBe(base);
    expect(normaliseHtml('<p id="a" class="x">Hi</p>')).not.toBe(base);
    expect(normaliseHtml('<p id="a" class="x"><span>Hello</span></p>')).not.toBe(base);
  });

  it("reads fixtures from govuk-frontend and rejects unknown names", () => {
    expect(fixtureHtml("button", "default")).toContain("govuk-button");
    expect(() => fixtureHtml("button", "no such fixture")).toThrow(/No fixture/);
  });
});
