// Real argon2 and the real shipped list: no mocks.
import fs from "node:fs";
import zlib from "node:zlib";
import { argon2id, argon2i, hash as argon2Hash } from "argon2";
import { beforeAll, describe, expect, it } from "vitest";
import {
  COMMON_PASSWORDS_FILE,
  argon2Load,
  DUMMY_HASH,
  PASSWORD_MESSAGES,
  PASSWORD_POLICY,
  checkNewPassword,
  hashPassword,
  loadCommonPasswords,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "~/services/passwords.server";

const GOOD = "correct horse battery staple";

describe("hashing", () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(GOOD);
  });

  it("is argon2id with m=19456, t=2, p=1, a 16-byte salt and a 32-byte hash, as a PHC string", () => {
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  });

  it("salts each hash differently", async () => {
    expect(await hashPassword(GOOD)).not.toBe(stored);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    expect(await verifyPassword(stored, GOOD)).toBe(true);
    expect(await verifyPassword(stored, `${GOOD}!`)).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("does not case-fold or trim", async () => {
    expect(await verifyPassword(stored, GOOD.toUpperCase())).toBe(false);
    expect(await verifyPassword(stored, ` ${GOOD}`)).toBe(false);
    expect(await verifyPassword(stored, `${GOOD} `)).toBe(false);
  });

  it("accepts and verifies 64- and 256-character passwords, without truncating them", async () => {
    for (const length of [64, 256]) {
      const plain = "x".repeat(length - 10) + "qz7Pa9wKv2";
      expect([...plain]).toHaveLength(length);
      expect(checkNewPassword(plain, {})).toBeNull();
      const h = await hashPassword(plain);
      expect(await verifyPassword(h, plain)).toBe(true);
      expect(await verifyPassword(h, plain.slice(0, -1))).toBe(false);
      expect(await verifyPassword(h, `${plain.slice(0, -1)}!`)).toBe(false);
    }
  });

  it("hashes non-ASCII passwords as UTF-8", async () => {
    const plain = "Grüße aus Köln, 東京 🚓🚓";
    const h = await hashPassword(plain);
    expect(await verifyPassword(h, plain)).toBe(true);
    expect(await verifyPassword(h, plain.normalize("NFD"))).toBe(false);
  });

  it("returns false, never throws, for a malformed or hostile hash", async () => {
    const bad = [
      "",
      "not a hash",
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA",
      "$argon2id$v=19$m=19456,t=2,p=1$!!!!$!!!!",
      "$argon2id$v=19$m=abc,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
      "$argon2id$v=19$m=4294967295,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
      "$2b$10$abcdefghijklmnopqrstuuJ0jYQx5mQk0U0S0s0s0s0s0s0s0s0s0s",
      stored.slice(0, -5),
      `${stored}$extra`,
    ];
    for (const h of bad) {
      await expect(verifyPassword(h, GOOD)).resolves.toBe(false);
    }
    await expect(verifyPassword(undefined as unknown as string, GOOD)).resolves.toBe(false);
  });

  it("needsRehash: true for weaker parameters or another algorithm, false for the policy's own", async () => {
    const weak = await argon2Hash(GOOD, { type: argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(weak).toMatch(/\$m=4096,t=1,p=1\$/);
    expect(needsRehash(weak)).toBe(true);
    // The password still verifies, so a sign-in can rehash it.
    expect(await verifyPassword(weak, GOOD)).toBe(true);

    const lowTime = await argon2Hash(GOOD, { type: argon2id, memoryCost: 19456, timeCost: 1, parallelism: 1 });
    expect(needsRehash(lowTime)).toBe(true);
    const argon2iHash = await argon2Hash(GOOD, { type: argon2i, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(argon2iHash)).toBe(true);
    const shortSalt = await argon2Hash(GOOD, {
      type: argon2id,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
      salt: Buffer.alloc(8, 1),
    });
    expect(needsRehash(shortSalt)).toBe(true);
    expect(needsRehash("garbage")).toBe(true);

    expect(needsRehash(stored)).toBe(false);
    // Stronger than the policy is not a reason to rehash; parameter order does not matter.
    const stronger = await argon2Hash(GOOD, { type: argon2id, memoryCost: 47104, timeCost: 3, parallelism: 1 });
    expect(needsRehash(stronger)).toBe(false);
    expect(needsRehash(stored.replace("m=19456,t=2,p=1", "m=19456,p=1,t=2"))).toBe(false);
  });

  it("verifyAgainstDummy always says no, after doing a real argon2 verification", async () => {
    // The dummy hash has the policy's own parameters, so checking it costs what a real account's
    // hash costs (the timings themselves are in `npm run bench:auth`, not in a test: machines are noisy).
    expect(DUMMY_HASH).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    // A real computation runs: it takes an argon2 slot while it works, and gives it back.
    expect(argon2Load().running).toBe(0);
    const pending = verifyAgainstDummy(GOOD);
    expect(argon2Load().running).toBe(1);
    expect(await pending).toBe(false);
    expect(argon2Load().running).toBe(0);
    // And it is a real verification: the dummy hash is well formed, so a wrong password is simply wrong.
    expect(await verifyPassword(DUMMY_HASH, "not the dummy's password")).toBe(false);
  });
});

describe("choosing a new password", () => {
  it("asks for a password when it is empty", () => {
    expect(checkNewPassword("", {})).toBe(PASSWORD_MESSAGES.empty);
  });

  it("refuses 14 characters and accepts 15, counting Unicode code points", () => {
    expect(checkNewPassword("kq7vz3mwpx9rtb", {})).toBe("Password must be 15 characters or more");
    expect(checkNewPassword("kq7vz3mwpx9rtbn", {})).toBeNull();
    // 14 emoji are 28 UTF-16 units but 14 characters.
    expect(checkNewPassword("🚓".repeat(14), {})).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkNewPassword("🚓".repeat(15), {})).toBeNull();
  });

  it("accepts 256 characters and refuses 257", () => {
    expect(checkNewPassword("k".repeat(246) + "q7vz3mwpx9", {})).toBeNull();
    expect(checkNewPassword("k".repeat(247) + "q7vz3mwpx9", {})).toBe("Password must be 256 characters or fewer");
    expect(checkNewPassword("🚓".repeat(256), {})).toBeNull();
    expect(checkNewPassword("🚓".repeat(257), {})).toBe(PASSWORD_MESSAGES.tooLong);
  });

  it("has no composition rules", () => {
    expect(checkNewPassword("all lower case words here", {})).toBeNull();
    expect(checkNewPassword("314159265358979323846", {})).toBeNull();
  });

  it("refuses context words: the email's local part or any name of 3+ letters", () => {
    const context = { email: "Jane.Smith99@example.police.uk", name: "Jane Smith-Okafor" };
    expect(checkNewPassword("purple-jane.smith99-rocks", context)).toBe(PASSWORD_MESSAGES.context);
    expect(checkNewPassword("my favourite SMITH tune", context)).toBe(
      "Password must not contain your name or email address",
    );
    expect(checkNewPassword("Okafor family holidays", context)).toBe(PASSWORD_MESSAGES.context);
    expect(checkNewPassword("janeway is my captain", context)).toBe(PASSWORD_MESSAGES.context);
    expect(checkNewPassword("a completely unrelated phrase", context)).toBeNull();
    // Names shorter than 3 letters are not context words; accents are ignored.
    expect(checkNewPassword("jolly green giraffe", { name: "Jo Li" })).toBeNull();
    expect(checkNewPassword("zoe went to the shops", { name: "Zoë Ng" })).toBe(PASSWORD_MESSAGES.context);
    expect(checkNewPassword("ps12345 is my number", { email: "ps12345@force.uk" })).toBe(PASSWORD_MESSAGES.context);
  });

  describe("the shipped common/breached list", () => {
    let entries: string[];
    beforeAll(() => {
      entries = zlib.gunzipSync(fs.readFileSync(COMMON_PASSWORDS_FILE)).toString("utf8").split("\n").filter(Boolean);
    });

    it("has at least 100,000 entries and stays small on disk", () => {
      expect(entries.length).toBeGreaterThanOrEqual(100_000);
      expect(loadCommonPasswords().size).toBe(new Set(entries).size);
      expect(fs.statSync(COMMON_PASSWORDS_FILE).size).toBeLessThan(3 * 1024 * 1024);
      // Real leaked passwords, not generated filler.
      for (const known of ["password", "12345678", "iloveyou", "qwertyuiop", "baseball"]) {
        expect(loadCommonPasswords().has(known)).toBe(true);
      }
    });

    it("refuses entries of 15+ characters, whatever their case", () => {
      const long = entries.filter((e) => [...e].length >= PASSWORD_POLICY.minLength && /[a-z]/.test(e));
      expect(long.length).toBeGreaterThan(1000);
      const samples = [long[0]!, long[Math.floor(long.length / 2)]!, long[long.length - 1]!];
      for (const entry of samples) {
        expect(checkNewPassword(entry, {})).toBe("This password is too common. Choose a different password");
        expect(checkNewPassword(entry.toUpperCase(), {})).toBe(PASSWORD_MESSAGES.common);
        const mixed = [...entry].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join("");
        expect(checkNewPassword(mixed, {})).toBe(PASSWORD_MESSAGES.common);
      }
      expect(checkNewPassword("qwertyuiopasdfghjkl", {})).toBe(PASSWORD_MESSAGES.common);
    });
  });
});
