// The browser the tests drive never leaves this machine: its launch flags send every other host to
// a closed proxy port, so a page that tried to load anything from outside would fail, and the
// request is recorded for the test to see. Loopback is never proxied.
import { expect, test } from "./support";

const OUTSIDE = ["http://portal.example.invalid/", "http://198.51.100.7/probe", "https://www.bbc.co.uk/weather"];

test("a request to another host fails and is recorded; this machine's pages load", async ({ page, context, externalRequests }) => {
  for (const url of OUTSIDE) {
    // A tab of its own each: a failed navigation goes on to show Chromium's error page, which
    // would interrupt the next navigation in the same tab.
    const tab = await context.newPage();
    await expect(tab.goto(url)).rejects.toThrow(/net::ERR_/);
    await tab.close();
  }
  expect(externalRequests).toEqual(OUTSIDE);

  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  expect(externalRequests).toEqual(OUTSIDE);
});
