// The browser tests block every request that leaves this machine with a regular expression (fast:
// matched in the driver). It must agree with the URL-parsing check on what is local.
import { describe, expect, it } from "vitest";
import { EXTERNAL_URL, isLocalUrl } from "../e2e/support/hosts";

const LOCAL = [
  "http://localhost:3100/apply",
  "http://localhost/",
  "http://localhost",
  "http://127.0.0.1:3100/assets/govuk-frontend.min.css",
  "http://[::1]:3100/?q=1",
  "ws://localhost:3100/socket",
  "https://localhost#top",
  "data:text/plain,hello",
  "blob:http://localhost:3100/abc",
  "about:blank",
];
const EXTERNAL = [
  "https://www.bbc.co.uk/weather",
  "http://localhost.evil.example/",
  "http://evil.example/localhost/",
  "http://127.0.0.2:3100/",
  "https://fonts.googleapis.com/css",
  "wss://evil.example/socket",
  "http://[::2]/",
];

describe("which requests the browser tests block", () => {
  it.each(LOCAL)("%s is local", (url) => {
    expect(isLocalUrl(url)).toBe(true);
    expect(EXTERNAL_URL.test(url)).toBe(false);
  });
  it.each(EXTERNAL)("%s is external", (url) => {
    expect(isLocalUrl(url)).toBe(false);
    expect(EXTERNAL_URL.test(url)).toBe(true);
  });
  it("an address with credentials before the host is blocked, never let through", () => {
    expect(EXTERNAL_URL.test("http://someone@localhost:3100/")).toBe(true);
  });
});
