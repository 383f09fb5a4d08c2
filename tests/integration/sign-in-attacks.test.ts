// Attacks on signing in: guessing second-factor codes across fresh sessions, locking a real person
// out with wrong passwords from elsewhere, IPv6 address hopping, and floods of argon2 work.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addressKey } from "~/domain/addresses";
import { getDb, schema } from "~/services/db.server";
import { argon2Load, ARGON2_CONCURRENCY, DUMMY_HASH, verifyPassword } from "~/services/passwords.server";
import {
  ACCOUNT_SLOWDOWN_MS,
  CODE_FAILURES_ALERT,
  checkPassword,
  checkSecondFactor,
  FAILURES_PER_ACCOUNT_PER_HOUR,
  FREE_CODE_FAILURES,
} from "~/services/sign-in.server";
import { createSession } from "~/services/staff-sessions.server";
import { currentStep, totpCode } from "~/services/totp.server";
import { insertStaff } from "../support/staff";

// Time stands still unless a test moves it (advance): on a busy machine, real seconds passing
// between two attempts would otherwise end a 1-second wait early. Only Date is frozen; timers,
// argon2 and the database run as ever.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env.CLOCK_OFFSET_MS;
});

let offset = 0;
/** Moves the application clock forward (deadlines and delays run on it). */
const advance = (ms: number) => {
  offset += ms;
  process.env.CLOCK_OFFSET_MS = String(offset);
};

async function halfSignedIn(userId: number) {
  const { sessionId } = await createSession(userId, "password", new Request("http://localhost:3000/staff/sign-in"), "192.0.2.1");
  return getDb().select().from(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)).get()!;
}

describe("second-factor guessing", () => {
  it("is counted on the account across sessions, slows down after 5, and emails the person at 10", async () => {
    offset = 0;
    const { user, totpSecret } = await insertStaff(["manager"]);
    const wrong = (code: string) => (code === "000000" ? "111111" : "000000");
    const right = () => totpCode(totpSecret, currentStep(new Date(Date.now() + offset)));

    // Five wrong codes in one half-signed-in session end it...
    const first = await halfSignedIn(user.id);
    const results = [];
    for (let i = 0; i < FREE_CODE_FAILURES; i++) results.push(checkSecondFactor(user, first, { code: wrong(right()) }, "t").kind);
    expect(results).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    // ...and a fresh password sign-in does not give five more tries: the next one must wait.
    const second = await halfSignedIn(user.id);
    expect(checkSecondFactor(user, second, { code: wrong(right()) }, "t")).toEqual({ kind: "throttled", retryAfterSeconds: 1 });
    expect(checkSecondFactor(user, second, { recoveryCode: "aaaaa-bbbbb" }, "t").kind).toBe("throttled");
    // The right code is not even checked during the wait.
    expect(checkSecondFactor(user, second, { code: right() }, "t").kind).toBe("throttled");

    // Waiting out each growing delay (1 s, 2 s, 4 s …), the attempts go on until 10 in a row.
    let failures = FREE_CODE_FAILURES;
    const waits: number[] = [];
    while (failures < CODE_FAILURES_ALERT) {
      const result = checkSecondFactor(user, await halfSignedIn(user.id), { code: wrong(right()) }, "t");
      if (result.kind === "throttled") {
        waits.push(result.retryAfterSeconds);
        advance(result.retryAfterSeconds * 1000);
      } else failures += 1;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    const stored = getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get()!;
    expect(stored.codeFailures).toBe(CODE_FAILURES_ALERT);
    const alerts = getDb().select().from(schema.outbox).where(eq(schema.outbox.toAddress, user.email)).all();
    expect(alerts.map((a) => a.kind)).toEqual(["staff_code_failures"]);
    expect(alerts[0]!.textBody).toContain("10 wrong security codes");

    // The right code after the wait works and clears the count.
    advance(32_000);
    expect(checkSecondFactor(user, await halfSignedIn(user.id), { code: right() }, "t").kind).toBe("ok");
    expect(getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id)).get()!.codeFailures).toBe(0);
  });
});

describe("lock-out of a real person", () => {
  it("wrong passwords from another address, then one a minute, leave the right password working from the person's own address", async () => {
    offset = 0;
    const { user, password } = await insertStaff(["manager"]);
    for (let i = 0; i < 5; i++) expect((await checkPassword(user.email, "wrong-wrong-wrong-wrong", "198.51.100.66", "t")).kind).toBe("invalid");
    for (let minute = 0; minute < 3; minute++) {
      advance(60_000);
      await checkPassword(user.email, "wrong-wrong-wrong-wrong", "198.51.100.66", "t");
      // The attacker's own address is slowed down...
      expect((await checkPassword(user.email, "wrong-wrong-wrong-wrong", "198.51.100.66", "t")).kind).toBe("throttled");
      // ...while the person, from their own address, signs in at once.
      expect((await checkPassword(user.email, password, "203.0.113.5", "t")).kind).toBe("ok");
    }
  });

  it("the same address is still made to wait after 5 wrong passwords, even with the right one", async () => {
    const { user, password } = await insertStaff(["reviewer"]);
    for (let i = 0; i < 5; i++) await checkPassword(user.email, "wrong-wrong-wrong-wrong", "198.51.100.77", "t");
    expect(await checkPassword(user.email, password, "198.51.100.77", "t")).toMatchObject({ kind: "throttled" });
  });

  it("failures from many addresses reach a ceiling that slows every attempt for the account, never for hours", async () => {
    offset = 0;
    const { user, password } = await insertStaff(["reviewer"]);
    for (let i = 0; i < FAILURES_PER_ACCOUNT_PER_HOUR; i++) {
      expect((await checkPassword(user.email, "wrong-wrong-wrong-wrong", `10.77.${Math.floor(i / 200)}.${i % 200}`, "t")).kind).toBe("invalid");
    }
    const slowed = await checkPassword(user.email, password, "203.0.113.99", "t");
    expect(slowed.kind).toBe("throttled");
    expect(slowed.kind === "throttled" && slowed.retryAfterSeconds).toBeLessThanOrEqual(ACCOUNT_SLOWDOWN_MS / 1000);
    advance(ACCOUNT_SLOWDOWN_MS);
    expect((await checkPassword(user.email, password, "203.0.113.99", "t")).kind).toBe("ok");
  }, 180_000); // a hundred real argon2 verifications
});

describe("client addresses", () => {
  it("count an IPv6 address as its /64 and an IPv4-mapped address as the IPv4 one", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).not.toBe(addressKey("2001:db8:1:2::1"));
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("hopping within one IPv6 /64 does not escape the per-address limit", async () => {
    const results = [];
    for (let i = 1; i <= 11; i++) results.push((await checkPassword(`hopper${i}@force.example`, "whatever-whatever", `2001:db8:77:1::${i.toString(16)}`, "t")).kind);
    expect(results.slice(0, 10)).toEqual(Array(10).fill("invalid"));
    expect(results[10]).toBe("throttled");
  });
});

it(`runs at most ${ARGON2_CONCURRENCY} argon2 computations at once; the rest wait their turn`, async () => {
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, argon2Load().running)), 1);
  const all = Array.from({ length: 8 }, () => verifyPassword(DUMMY_HASH, "not-the-dummy-password"));
  expect(argon2Load()).toEqual({ running: ARGON2_CONCURRENCY, waiting: 8 - ARGON2_CONCURRENCY });
  expect(await Promise.all(all)).toEqual(Array(8).fill(false));
  clearInterval(watch);
  expect(most).toBe(ARGON2_CONCURRENCY);
  expect(argon2Load()).toEqual({ running: 0, waiting: 0 });
});
