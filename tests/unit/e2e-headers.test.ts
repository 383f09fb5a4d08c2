// The browser tests check the headers of every response the service sends (privacy-checks.ts):
// the check itself names each missing or wrong header.
import { describe, expect, it } from "vitest";
import { unsafeHeaders } from "../e2e/support/headers";

const CSP = "default-src 'self';script-src 'self' 'nonce-Jbwv2dtKZpohlUiZGsGk0g==';style-src 'self';frame-ancestors 'none'";
const SAFE = { "referrer-policy": "no-referrer", "cache-control": "no-store", "content-security-policy": CSP };

describe("unsafeHeaders", () => {
  it("finds nothing wrong with a page or a static file served as the portal serves them", () => {
    expect(unsafeHeaders("/apply/danger", SAFE)).toEqual([]);
    expect(unsafeHeaders("/assets/govuk-frontend.min.css", { ...SAFE, "cache-control": "public, max-age=604800" })).toEqual([]);
    expect(unsafeHeaders("/build/root-ZZQZJRTO.js", { ...SAFE, "cache-control": "public, max-age=31536000, immutable" })).toEqual([]);
  });

  it("names each missing or wrong header", () => {
    expect(unsafeHeaders("/apply/danger", {})).toEqual([
      "referrer-policy: undefined",
      "cache-control: undefined",
      "CSP without frame-ancestors 'none'",
      "CSP without default-src 'self'",
      "CSP without script-src 'self' and a nonce",
    ]);
    expect(unsafeHeaders("/apply/danger", { ...SAFE, "x-powered-by": "Express" })).toEqual(["x-powered-by: Express"]);
    expect(unsafeHeaders("/apply/danger", { ...SAFE, "cache-control": "public, max-age=60" })).toEqual([
      "cache-control: public, max-age=60",
    ]);
    expect(unsafeHeaders("/apply/danger", { ...SAFE, "content-security-policy": `${CSP};style-src 'unsafe-inline'` })).toEqual([
      "CSP with unsafe-inline",
    ]);
    expect(unsafeHeaders("/apply/danger", { ...SAFE, "content-security-policy": CSP.replace(/'nonce-[^']+'/, "") })).toEqual([
      "CSP without script-src 'self' and a nonce",
    ]);
  });
});
