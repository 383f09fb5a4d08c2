// End-to-end support: the headers every response from the service must carry. Kept free of
// Playwright's imports so a unit test can hold the check to its answers (tests/unit/e2e-headers.test.ts).

/** Static files: cached, unlike every page and data request (no-store). */
export const STATIC = /^\/(assets|build)\/|^\/app\.css$/;

/**
 * What is missing or wrong in the headers every response from the service carries. Listed, then
 * checked in one expectation per response: the walks check hundreds of responses, and each
 * expectation is a reported step of its own.
 */
export function unsafeHeaders(path: string, headers: Record<string, string>): string[] {
  const csp = headers["content-security-policy"] ?? "";
  const problems = [
    headers["x-powered-by"] !== undefined && `x-powered-by: ${headers["x-powered-by"]}`,
    headers["referrer-policy"] !== "no-referrer" && `referrer-policy: ${headers["referrer-policy"]}`,
    !STATIC.test(path) && headers["cache-control"] !== "no-store" && `cache-control: ${headers["cache-control"]}`,
    !csp.includes("frame-ancestors 'none'") && "CSP without frame-ancestors 'none'",
    !csp.includes("default-src 'self'") && "CSP without default-src 'self'",
    !/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/.test(csp) && "CSP without script-src 'self' and a nonce",
    csp.includes("unsafe-inline") && "CSP with unsafe-inline",
  ];
  return problems.filter((problem): problem is string => typeof problem === "string");
}
