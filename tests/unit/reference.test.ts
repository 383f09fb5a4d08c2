import { describe, expect, it } from "vitest";
import { checkCharacter, generateReference, isValidReference, normaliseReference } from "~/domain/reference";

describe("application references", () => {
  it("look like XXXX-XXXX-XXXX and carry a valid check character", () => {
    const reference = generateReference();
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(isValidReference(reference)).toBe(true);
  });

  it("are random, not a sequence: 10,000 draws give 10,000 different references", () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => generateReference()));
    expect(seen.size).toBe(10_000);
  });

  it("use the injected random source", () => {
    const zeros = generateReference((n) => new Uint8Array(n));
    expect(zeros).toBe(`0000-0000-000${checkCharacter("00000000000")}`);
  });

  it("detect every single-character substitution", () => {
    const compact = generateReference().replace(/-/g, "");
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (let i = 0; i < compact.length; i++) {
      for (const c of alphabet) {
        if (c === compact[i]) continue;
        const changed = compact.slice(0, i) + c + compact.slice(i + 1);
        expect(isValidReference(changed), `${changed} should be invalid`).toBe(false);
      }
    }
  });

  it("detect adjacent transpositions of different characters", () => {
    const compact = "7KQ2M9XD4FA";
    const full = compact + checkCharacter(compact);
    for (let i = 0; i < full.length - 1; i++) {
      if (full[i] === full[i + 1]) continue;
      const swapped = full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2);
      expect(isValidReference(swapped), swapped).toBe(false);
    }
  });

  it("accept what people type: lower case, spaces, no hyphens, O for 0, I and L for 1", () => {
    const compact = "10000000001";
    const reference = `${compact}${checkCharacter(compact)}`;
    const typed = ` ${reference.toLowerCase().replace(/0/g, "o").replace(/1/g, "l")} `;
    expect(normaliseReference(typed)).toBe(reference.match(/.{4}/g)!.join("-"));
  });

  it("reject wrong lengths and foreign characters", () => {
    expect(normaliseReference("ABC")).toBeNull();
    expect(normaliseReference("ABCD-EFGH-JKU!")).toBeNull();
  });
});
