// Which addresses count as this machine. Kept free of Playwright so a unit test can hold the
// regular expression and the URL-parsing check to the same answers.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:" && u.protocol !== "wss:") return true;
  return LOCAL_HOSTS.has(u.hostname);
}

/**
 * Every http(s)/ws(s) address whose host is not this machine. A regular expression, not a
 * function, on purpose: Playwright matches it inside the browser driver, so the browser's own
 * requests (every page, script, style and font) pass without a round trip to the test process.
 * A function would have every request paused and sent to Node first, which cost seconds a test.
 * Anything before the host (`user@`) makes it external too: stricter than `isLocalUrl`, never looser.
 */
export const EXTERNAL_URL = /^(?:https?|wss?):\/\/(?!(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:[/?#]|$))/i;
