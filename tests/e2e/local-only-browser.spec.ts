// The browser the tests drive never leaves this machine: its launch flags send every other host to
// a closed proxy port, so a page that tried to load anything from outside would fail, and the
// request is recorded for the test to see. Loopback is never proxied.
import { expect, test } from "./support";

test("a request to another host fails and is recorded; this machine's pages load", async ({ page, externalRequests }) => {
  for (const url of ["http://portal.example.invalid/", "http://198.51.100.7/probe", "https://www.bbc.co.uk/weather"]) {
    await expect(page.goto(url)).rejects.toThrow(/net::ERR_/);
  }
  expect(externalRequests).toEqual(["http://portal.example.invalid/", "http://198.51.100.7/probe", "https://www.bbc.co.uk/weather"]);

  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  expect(externalRequests).toHaveLength(3);
});
