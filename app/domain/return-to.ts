// Where to go back to after signing in again: the page the person was on, when it is a safe
// same-origin staff path. Anything else (another site, a protocol-relative or backslashed path, a
// sign-in page) gives null, and the caller goes to the staff home page.
const MAX_LENGTH = 500;

/** Pages never returned to: the sign-in journey itself, and pages that only make sense once. */
const NOT_RETURNED_TO = [
  "/staff/sign-in",
  "/staff/sign-out",
  "/staff/signed-out",
  "/staff/second-factor",
  "/staff/enrol",
  "/staff/setup",
  "/staff/session-ended",
  "/staff/still-there",
  "/staff/keep-alive",
];

export function safeReturnPath(input: unknown): string | null {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_LENGTH) return null;
  // Only a path: not "//host", not "/\host", no scheme, no control characters or backslashes.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (!input.startsWith("/") || input.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input, "http://portal.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://portal.invalid") return null;
  const path = url.pathname;
  if (path !== "/staff" && !path.startsWith("/staff/")) return null;
  if (NOT_RETURNED_TO.some((p) => path === p || path.startsWith(`${p}/`))) return null;
  // Remix data requests are not pages.
  url.searchParams.delete("_data");
  url.searchParams.delete("index");
  const search = url.searchParams.toString();
  return search ? `${path}?${search}` : path;
}
