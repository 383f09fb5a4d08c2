// TRUST_PROXY, read as server.js reads it: the configuration parses it (refusing anything that is not
// a setting Express documents, with a message naming the variable), and Express takes what it parsed
// as its `trust proxy`. A refused setting stops `node server.js` with that message: start-up refusals
// go through one path (startServices, printed, exit 1), run for real in production-start.spec.ts.
// The real server behind a proxy (TRUST_PROXY=1, a CIDR list) is in proxy-and-origins.spec.ts.
import express from "express";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/services/config.server";

const env = (TRUST_PROXY: string) => ({
  NODE_ENV: "test",
  DATA_DIR: "tests/.tmp/proxy-settings-unused",
  SESSION_SECRET: "proxy-settings-secret-proxy-settings-0001",
  TRUST_PROXY,
});

/** Express's compiled `trust proxy` for a setting: whether it trusts `address` as the hop `hop` away. */
function trustedBy(setting: string) {
  const app = express();
  app.set("trust proxy", loadConfig(env(setting)).trustProxy);
  const trust = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  return trust;
}

describe("TRUST_PROXY", () => {
  it.each(["banana", "1.2.3.4/99", "yes"])("%s is refused with a message naming the variable", (bad) => {
    expect(() => loadConfig(env(bad))).toThrow(ConfigError);
    expect(() => loadConfig(env(bad))).toThrow(/^Invalid configuration:\n {2}TRUST_PROXY: must be true, false, a number of proxy hops/);
  });

  it("true, a hop count and a list of names and CIDR ranges are taken by Express as it documents them", () => {
    expect(loadConfig(env("true")).trustProxy).toBe(true);
    expect(trustedBy("true")("203.0.113.9", 5)).toBe(true);

    // A number is a hop count (as a string, Express would read "1" as the address 0.0.0.1).
    expect(loadConfig(env("1")).trustProxy).toBe(1);
    expect(trustedBy("1")("203.0.113.9", 0)).toBe(true);
    expect(trustedBy("1")("203.0.113.9", 1)).toBe(false);

    expect(loadConfig(env("loopback, 10.0.0.0/8, fd00::/8")).trustProxy).toEqual(["loopback", "10.0.0.0/8", "fd00::/8"]);
    const listed = trustedBy("loopback, 10.0.0.0/8, fd00::/8");
    for (const address of ["127.0.0.1", "::1", "10.20.30.40", "fd00::5"]) expect(listed(address, 0), address).toBe(true);
    for (const address of ["203.0.113.9", "192.168.1.1", "fe80::1"]) expect(listed(address, 0), address).toBe(false);

    expect(loadConfig(env("")).trustProxy).toBe(false);
    expect(trustedBy("false")("127.0.0.1", 0)).toBe(false);
  });
});
