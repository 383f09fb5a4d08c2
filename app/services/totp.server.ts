// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with node:crypto: HMAC-SHA1,
// 6 digits, 30-second steps, ±1 step of clock drift, each step usable once (ASVS 5 V6.5.1, V6.5.5).
// Also: encryption of stored secrets, the otpauth:// URI and its QR code, and recovery codes.
import crypto from "node:crypto";
import QRCode from "qrcode";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of the current one that are still accepted. */
export const TOTP_WINDOW = 1;

// ---------------------------------------------------------------------------------------------
// Base32 (RFC 4648, upper case, no padding)

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Accepts lower case, spaces and trailing "=" padding. Throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]+/g, "").toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error("Invalid base32 character in TOTP secret");
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// TOTP

/** A new shared secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32 without padding. */
export function generateTotpSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

/** The 30-second step that `now` falls in (Unix time / 30, rounded down). */
export function currentStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The clock a person's code is checked against: `at`, the app clock. Only when NODE_ENV=test and
 * TOTP_TEST_CLOCK=next-step (the end-to-end servers) is it moved on to the start of the first step
 * after the last one the person used, as if they had waited for their app to show a new code: a
 * test never waits for a real 30-second step, and a code already used is still refused (its step
 * is not after the last one). Production and development always check against `at`.
 */
export function totpCheckTime(at: Date, lastUsedStep: number | null): Date {
  if (process.env.NODE_ENV !== "test" || process.env.TOTP_TEST_CLOCK !== "next-step" || lastUsedStep === null) return at;
  return new Date(Math.max(at.getTime(), (lastUsedStep + 1) * TOTP_PERIOD_SECONDS * 1000));
}

/** The code for one step: HOTP(secret, step) with HMAC-SHA1 and dynamic truncation. */
export function totpCode(secret: string, step: number, digits: 6 | 7 | 8 = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError("TOTP step must be a non-negative integer");
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/**
 * Check a code typed by the user. Accepts the current step and one either side; spaces are ignored;
 * anything but 6 digits is refused. A step at or before `lastUsedStep` is refused, so each code
 * works once: store the returned step as the new lastUsedStep.
 */
export function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): { ok: true; step: number } | { ok: false } {
  if (typeof code !== "string" || code.length > 64) return { ok: false };
  const typed = code.replace(/\s+/g, "");
  if (!/^\d+$/.test(typed) || typed.length !== TOTP_DIGITS) return { ok: false };
  const typedBytes = Buffer.from(typed, "utf8");
  const now0 = currentStep(now);
  let matched: number | null = null;
  // Every candidate is computed and compared: the time taken does not depend on which one matched.
  for (let step = now0 - TOTP_WINDOW; step <= now0 + TOTP_WINDOW; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(totpCode(secret, step), "utf8");
    const equal = crypto.timingSafeEqual(expected, typedBytes);
    const fresh = lastUsedStep === null || step > lastUsedStep;
    if (equal && fresh) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

/**
 * The otpauth:// URI that authenticator apps read from the QR code (Google Authenticator key URI format).
 * Spaces are written as %20, not "+", which some apps show literally. The format forbids a colon inside
 * the issuer or account name (it separates them), so any colon there is dropped.
 */
export function otpauthUri({
  secret,
  accountName,
  issuer,
}: {
  secret: string;
  accountName: string;
  issuer: string;
}): string {
  issuer = issuer.replace(/:/g, "").trim();
  accountName = accountName.replace(/:/g, "").trim();
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const query = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    "algorithm=SHA1",
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join("&");
  return `otpauth://totp/${label}?${query}`;
}

/**
 * The QR code for `text` as an SVG string to embed in the page. qrcode draws with presentation
 * attributes only (fill, stroke, shape-rendering), which a CSP without 'unsafe-inline' styles allows;
 * this refuses to return anything with a style attribute or element, should a later version add one.
 * The SVG has a viewBox but no width or height: size it with a class.
 */
export async function qrCodeSvg(
  text: string,
  { label = "QR code to scan with your authenticator app" }: { label?: string } = {},
): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  if (/\sstyle\s*=|<style[\s>]/i.test(svg) || !svg.startsWith("<svg ")) {
    throw new Error("qrcode produced an SVG with inline styles, which the CSP would block");
  }
  return svg
    .trim()
    .replace("<svg ", `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

// ---------------------------------------------------------------------------------------------
// Secrets at rest: AES-256-GCM with a key derived (HKDF) from TOTP_KEY, or in development from the session secret(s)

const FORMAT = "v1";
const HKDF_INFO = "csods-totp";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), HKDF_INFO, 32));
}

/**
 * Encrypt a TOTP secret for the database with the first (newest) of `secrets`
 * (`getConfig().totpKeys`). Output: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export function encryptSecret(plain: string, secrets: string[]): string {
  const secret = secrets[0];
  if (!secret) throw new Error("No secret configured to encrypt the TOTP secret");
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", deriveKey(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(FORMAT, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/**
 * Decrypt a value made by encryptSecret, trying each secret in order (the new one first, then old
 * ones kept during rotation). Throws when the value is malformed, altered, or no secret opens it.
 */
export function decryptSecret(stored: string, secrets: string[]): string {
  const parts = typeof stored === "string" ? stored.split(".") : [];
  if (parts.length !== 4 || parts[0] !== FORMAT || parts.slice(1).some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw new Error("Stored TOTP secret is not in the v1 format");
  }
  const iv = Buffer.from(parts[1]!, "base64url");
  const tag = Buffer.from(parts[2]!, "base64url");
  const ciphertext = Buffer.from(parts[3]!, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error("Stored TOTP secret is not in the v1 format");
  }
  for (const secret of secrets) {
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", deriveKey(secret), iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(FORMAT, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      // wrong key or altered data: try the next secret
    }
  }
  throw new Error("Could not decrypt the stored TOTP secret with any configured secret");
}

// ---------------------------------------------------------------------------------------------
// Recovery codes

/** Crockford's base32 alphabet in lower case: no i, l, o or u. */
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_CHARS = 10; // 10 × 5 bits = 50 bits

/** `count` distinct codes like `7gk2q-xm4ra`: 10 random characters from 32, 50 bits each. */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const bytes = crypto.randomBytes(RECOVERY_CHARS);
    let raw = "";
    // 256 is a multiple of 32, so the low 5 bits of a random byte are uniform.
    for (const byte of bytes) raw += RECOVERY_ALPHABET[byte & 31];
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

/**
 * The form of a recovery code that is hashed: lower case, without spaces or hyphens, with the
 * letters people confuse with digits read as Crockford does (o → 0, i and l → 1).
 */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—]+/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
}

/** SHA-256 (hex) of the normalised code. The codes have 50 random bits, so a fast hash is enough. */
export function hashRecoveryCode(code: string): string {
  return crypto.createHash("sha256").update(normaliseRecoveryCode(code), "utf8").digest("hex");
}
