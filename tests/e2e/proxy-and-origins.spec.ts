// Attacks that rely on the server misreading who is asking: clients behind a proxy sharing one
// address, a forged Host header passing the cross-site check. The settings the server refuses or
// accepts (TRUST_PROXY=banana, true, a CIDR list…) are read in-process as server.js reads them
// (tests/integration/proxy-settings.test.ts); a list is also taken here by a real server.
// These tests drive servers of their own over HTTP: Playwright's own `test`, no browser.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { request as playwrightRequest, test } from "@playwright/test";
import { expect, randomToken, startAppServer, type AppServer } from "./support";

test.describe.configure({ mode: "serial" });

const servers: AppServer[] = [];
const dirs: string[] = [];
const newDir = () => {
  const dir = path.resolve(`tests/.tmp/e2e-proxy-${randomToken(8).toLowerCase()}`);
  dirs.push(dir);
  return dir;
};
test.afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const TOO_MANY = "Too many attempts to sign in. Wait 1 minute, then try again.";

/** One sign-in attempt as a client behind the proxy; returns the error the page shows. */
async function signInAs(server: AppServer, forwardedFor: string | null): Promise<string | null> {
  const context = await playwrightRequest.newContext({
    baseURL: server.url,
    extraHTTPHeaders: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
  });
  try {
    const response = await context.post("/staff/sign-in", { form: { email: `nobody.${randomToken(6).toLowerCase()}@force.example`, password: "not-the-password-at-all" } });
    return /<a href="#email">([^<]*)<\/a>/.exec(await response.text())?.[1] ?? null;
  } finally {
    await context.dispose();
  }
}

test("TRUST_PROXY=1 sees two forwarded clients as two: one is limited, the other is not", async () => {
  const server = await startAppServer({ dataDir: newDir(), env: { TRUST_PROXY: "1" } });
  servers.push(server);
  for (let i = 0; i < 10; i++) expect(await signInAs(server, "203.0.113.10"), `attempt ${i + 1}`).not.toBe(TOO_MANY);
  expect(await signInAs(server, "203.0.113.10")).toBe(TOO_MANY);
  expect(await signInAs(server, "203.0.113.20")).toBe("Enter a correct email address and password");
});

test("RATE_LIMITS=off turns the per-address limits off and says so at start (behind proxies given as a list)", async () => {
  const server = await startAppServer({ dataDir: newDir(), env: { RATE_LIMITS: "off", TRUST_PROXY: "loopback, 10.0.0.0/8, fd00::/8" } });
  servers.push(server);
  expect(server.output()).toContain('"event":"rate_limits_off"');
  for (let i = 0; i < 12; i++) expect(await signInAs(server, null), `attempt ${i + 1}`).toBe("Enter a correct email address and password");
});

test("a forged Host header with a matching Origin is refused as cross-site", async () => {
  const server = servers[0]!;
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(`${server.url}/apply/danger`, {
      method: "POST",
      headers: { Host: "evil.example", Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end("childInDanger=no");
  });
  expect(status).toBe(403);
});
