// Which addresses count as this machine, and how the browser is kept on it. Kept free of
// Playwright's imports so a unit test can hold the URL check to its answers.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:" && u.protocol !== "wss:") return true;
  return LOCAL_HOSTS.has(u.hostname);
}

/**
 * Chromium flags that keep the browser on this machine: every request to another host goes to a
 * proxy on a closed loopback port and fails there (loopback itself is never proxied). Set at launch,
 * not with `context.route`: routing any request turns the browser's HTTP cache off, and then every
 * page fetched its scripts and styles again (about 20 requests a page).
 */
export const LOCAL_ONLY_ARGS = ["--proxy-server=http://127.0.0.1:9"];

/** Records every request the context makes to another host (the launch flags make each one fail). */
export function watchExternalRequests(
  context: { on(event: "request", listener: (request: { url(): string }) => void): unknown },
  seen: string[],
): void {
  context.on("request", (request) => {
    if (!isLocalUrl(request.url())) seen.push(request.url());
  });
}
