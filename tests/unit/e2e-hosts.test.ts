// The browser tests record every request that leaves this machine (Chromium's launch flags make
// each fail: tests/e2e/local-only-browser.spec.ts). What counts as this machine:
import { describe, expect, it } from "vitest";
import { isLocalUrl } from "../e2e/support/hosts";

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

describe("which requests the browser tests count as leaving the machine", () => {
  it.each(LOCAL)("%s is local", (url) => {
    expect(isLocalUrl(url)).toBe(true);
  });
  it.each(EXTERNAL)("%s is external", (url) => {
    expect(isLocalUrl(url)).toBe(false);
  });
});
