import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  currentStep,
  decryptSecret,
  encryptSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  normaliseRecoveryCode,
  otpauthUri,
  qrCodeSvg,
  totpCheckTime,
  totpCode,
  verifyTotp,
} from "~/services/totp.server";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe("TOTP codes (RFC 6238)", () => {
  it("encodes the RFC seed in base32 as expected, and decodes it back", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(RFC_SECRET.toLowerCase()).toString("ascii")).toBe("12345678901234567890");
    expect(() => base32Decode("ABC1")).toThrow();
  });

  it.each(RFC_VECTORS)("matches the Appendix B SHA-1 vector at T=%i", (seconds, expected) => {
    const step = currentStep(at(seconds));
    expect(totpCode(RFC_SECRET, step, 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, step)).toBe(expected.slice(-6));
    expect(verifyTotp(RFC_SECRET, expected.slice(-6), at(seconds), null)).toEqual({ ok: true, step });
  });

  it("uses 30-second steps", () => {
    expect(currentStep(at(0))).toBe(0);
    expect(currentStep(at(29.999))).toBe(0);
    expect(currentStep(at(30))).toBe(1);
    expect(currentStep(at(1111111109))).toBe(0x23523ec);
  });

  it("makes 20-byte base32 secrets without padding", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe("verifyTotp", () => {
  const secret = generateTotpSecret();
  const now = at(1_800_000_015);
  const step = currentStep(now);

  it("accepts the current step and one either side, and refuses two away", () => {
    for (const offset of [-1, 0, 1]) {
      expect(verifyTotp(secret, totpCode(secret, step + offset), now, null)).toEqual({ ok: true, step: step + offset });
    }
    for (const offset of [-2, 2]) {
      const code = totpCode(secret, step + offset);
      // Skip the one-in-a-million case where the far code equals a code inside the window.
      if ([-1, 0, 1].some((o) => totpCode(secret, step + o) === code)) continue;
      expect(verifyTotp(secret, code, now, null)).toEqual({ ok: false });
    }
  });

  it("refuses a code from a step at or before the last one used (replay)", () => {
    const code = totpCode(secret, step);
    const first = verifyTotp(secret, code, now, null);
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp(secret, code, now, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, step - 1), now, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, code, now, step + 1)).toEqual({ ok: false });
    // The next step's code is still fine.
    expect(verifyTotp(secret, totpCode(secret, step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it("ignores spaces and refuses anything but six digits", () => {
    const code = totpCode(secret, step);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(secret, ` ${code} `, now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(secret, `${code.slice(0, 3)}-${code.slice(3)}`, now, null)).toEqual({ ok: false });
    expect(verifyTotp(secret, code.slice(1), now, null)).toEqual({ ok: false });
    expect(verifyTotp(secret, `${code}0`, now, null)).toEqual({ ok: false });
    expect(verifyTotp(secret, code.replace(/\d$/, "a"), now, null)).toEqual({ ok: false });
    expect(verifyTotp(secret, "١٢٣٤٥٦", now, null)).toEqual({ ok: false }); // Arabic-Indic digits
    expect(verifyTotp(secret, "", now, null)).toEqual({ ok: false });
  });
});

describe("totpCheckTime (the clock a code is checked against)", () => {
  const secret = generateTotpSecret();
  const now = at(1_800_000_015);
  const step = currentStep(now);
  const saved = { NODE_ENV: process.env.NODE_ENV, TOTP_TEST_CLOCK: process.env.TOTP_TEST_CLOCK };
  const restore = () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  it("is the app clock unless NODE_ENV=test and TOTP_TEST_CLOCK=next-step", () => {
    try {
      for (const [env, clock] of [
        ["production", "next-step"],
        ["development", "next-step"],
        ["test", undefined],
        ["test", "yes"],
      ] as const) {
        process.env.NODE_ENV = env;
        if (clock === undefined) delete process.env.TOTP_TEST_CLOCK;
        else process.env.TOTP_TEST_CLOCK = clock;
        expect(totpCheckTime(now, step + 5), `${env} / ${clock}`).toBe(now);
        // So a code for a step after the one just used waits for real time to reach it.
        expect(verifyTotp(secret, totpCode(secret, step + 3), totpCheckTime(now, step + 2), step + 2)).toEqual({ ok: false });
      }
    } finally {
      restore();
    }
  });

  it("in tests, moves on to the first step after the last one used; a used code is still refused", () => {
    try {
      process.env.NODE_ENV = "test";
      process.env.TOTP_TEST_CLOCK = "next-step";
      expect(totpCheckTime(now, null)).toBe(now);
      expect(totpCheckTime(now, step - 3)).toEqual(now); // already later than that step
      const moved = totpCheckTime(now, step + 2);
      expect(currentStep(moved)).toBe(step + 3);
      expect(verifyTotp(secret, totpCode(secret, step + 3), moved, step + 2)).toEqual({ ok: true, step: step + 3 });
      // Replay: the code of the step last used is refused, whatever the clock.
      expect(verifyTotp(secret, totpCode(secret, step + 2), totpCheckTime(now, step + 2), step + 2)).toEqual({ ok: false });
      // A code two steps ahead of the moved clock is still outside the window.
      const far = totpCode(secret, step + 5);
      if (![step + 2, step + 3, step + 4].some((s) => totpCode(secret, s) === far)) {
        expect(verifyTotp(secret, far, moved, step + 2)).toEqual({ ok: false });
      }
    } finally {
      restore();
    }
  });
});

describe("otpauth URI and QR code", () => {
  it("builds a key URI that authenticator apps read", () => {
    const uri = otpauthUri({ secret: "JBSWY3DPEHPK3PXP", accountName: "jane.smith@example.police.uk", issuer: "Example Constabulary" });
    expect(uri).toBe(
      "otpauth://totp/Example%20Constabulary:jane.smith%40example.police.uk?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Constabulary&algorithm=SHA1&digits=6&period=30",
    );
    // A colon separates issuer and account, so one inside either is dropped.
    expect(otpauthUri({ secret: "JBSWY3DPEHPK3PXP", accountName: "a@b.uk", issuer: "Force: North" })).toBe(
      "otpauth://totp/Force%20North:a%40b.uk?secret=JBSWY3DPEHPK3PXP&issuer=Force%20North&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("draws an SVG with no style attributes or elements (CSP without 'unsafe-inline')", async () => {
    const svg = await qrCodeSvg(otpauthUri({ secret: generateTotpSecret(), accountName: "a@b.uk", issuer: "CSODS" }));
    expect(svg).toContain("<svg");
    expect(svg).not.toContain("style=");
    expect(svg).not.toMatch(/<style/i);
    expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
    expect(svg).toContain('viewBox="0 0 ');
  });
});

describe("encrypting the stored secret", () => {
  const oldSecret = "old-session-secret-old-session-secret-0001";
  const newSecret = "new-session-secret-new-session-secret-0002";
  const totpSecret = generateTotpSecret();

  it("round-trips, with a fresh IV each time, in the v1.<iv>.<tag>.<ciphertext> format", () => {
    const a = encryptSecret(totpSecret, [newSecret]);
    const b = encryptSecret(totpSecret, [newSecret]);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(totpSecret);
    expect(decryptSecret(a, [newSecret])).toBe(totpSecret);
  });

  it("decrypts values made with an old secret during rotation, and encrypts with the new one", () => {
    const before = encryptSecret(totpSecret, [oldSecret]);
    expect(decryptSecret(before, [newSecret, oldSecret])).toBe(totpSecret);
    const after = encryptSecret(totpSecret, [newSecret, oldSecret]);
    expect(decryptSecret(after, [newSecret])).toBe(totpSecret);
    expect(() => decryptSecret(after, [oldSecret])).toThrow();
    expect(() => decryptSecret(before, [newSecret])).toThrow();
  });

  it("detects tampering: any flipped byte of IV, tag or ciphertext makes it throw", () => {
    const stored = encryptSecret(totpSecret, [newSecret]);
    const [version, ...parts] = stored.split(".");
    for (let part = 0; part < 3; part++) {
      const bytes = Buffer.from(parts[part]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      const altered = [version, ...parts.map((p, i) => (i === part ? bytes.toString("base64url") : p))].join(".");
      expect(() => decryptSecret(altered, [newSecret])).toThrow();
    }
    expect(() => decryptSecret(stored.replace(/^v1/, "v2"), [newSecret])).toThrow();
    expect(() => decryptSecret("v1.abc", [newSecret])).toThrow();
    expect(() => decryptSecret(stored, [])).toThrow();
    expect(() => encryptSecret(totpSecret, [])).toThrow();
  });
});

describe("recovery codes", () => {
  it("are ten distinct xxxxx-xxxxx codes from Crockford's alphabet (50 bits each)", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
    const many = new Set(Array.from({ length: 200 }, () => generateRecoveryCodes()).flat());
    expect(many.size).toBe(2000);
  });

  it("normalise case, spaces, hyphens and look-alike letters before hashing", () => {
    const [code] = generateRecoveryCodes(1) as [string];
    const hashed = hashRecoveryCode(code);
    expect(hashed).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed).toBe(crypto.createHash("sha256").update(code.replace("-", "")).digest("hex"));
    for (const typed of [code.toUpperCase(), code.replace("-", ""), ` ${code.replace("-", " ")} `, code.split("").join(" ")]) {
      expect(normaliseRecoveryCode(typed)).toBe(code.replace("-", ""));
      expect(hashRecoveryCode(typed)).toBe(hashed);
    }
    expect(normaliseRecoveryCode("O1ILo-ab2cd")).toBe("01110ab2cd");
    expect(hashRecoveryCode(generateRecoveryCodes(1)[0]!)).not.toBe(hashed);
  });
});
