// Staff password hashing and the rules for choosing a new password.
//
// Hashing: argon2id, m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte tag, PHC string
// (ASVS 5 V11.4.2 and Appendix C; OWASP Password Storage Cheat Sheet). The password is hashed
// exactly as typed: UTF-8 bytes, never truncated, trimmed or case-folded.
//
// Choosing: 15 to 256 characters (Unicode code points), no composition rules (ASVS 5 V6.2.1,
// V6.2.5, V6.2.9), refused when on the shipped common/breached list (V6.2.4, V6.2.12; see
// docs/decisions/004-password-list.md) or when it contains the person's name or email (V6.2.11).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { argon2id, hash as argon2Hash, verify as argon2Verify } from "argon2";

export const PASSWORD_POLICY = Object.freeze({
  algorithm: "argon2id",
  version: 0x13,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  saltLength: 16,
  hashLength: 32,
  minLength: 15,
  maxLength: 256,
});

/** Where the list is read from. Resolved from the working directory: the server code is bundled into build/. */
export const COMMON_PASSWORDS_FILE = path.resolve(
  process.cwd(),
  "app/services/common-passwords.txt.gz",
);

export const PASSWORD_MESSAGES = Object.freeze({
  empty: "Enter a password",
  tooShort: `Password must be ${PASSWORD_POLICY.minLength} characters or more`,
  tooLong: `Password must be ${PASSWORD_POLICY.maxLength} characters or fewer`,
  common: "This password is too common. Choose a different password",
  context: "Password must not contain your name or email address",
});

/**
 * Argon2id hash of a random, discarded password, made with the policy's parameters (used by
 * verifyAgainstDummy). Exported for the unit test that checks it still matches the policy.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$+vvXJ7rOs6q9q4Vq+y7qDA$iW2iHuayQrBDclctpj+jFUMhF0xRN42jFxKUAlouID8";

/** Verification refuses, without hashing, a stored hash whose cost would be a denial of service. */
const SANE_LIMITS = { memoryCost: 1 << 20, timeCost: 64, parallelism: 16 };

/** Inputs longer than this (UTF-16 units) are never a valid password: refused without hashing. */
const MAX_INPUT_UNITS = PASSWORD_POLICY.maxLength * 2;

/**
 * At most this many argon2 computations run at once (each takes a libuv thread and 19 MiB); the
 * rest wait in order. A flood of sign-ins then queues here instead of filling the thread pool that
 * file and crypto work also need.
 */
export const ARGON2_CONCURRENCY = 2;
let running = 0;
const waiting: Array<() => void> = [];

/** Runs `work` when one of the ARGON2_CONCURRENCY slots is free. */
export async function withArgon2Slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ARGON2_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next in line
    else running -= 1;
  }
}

/** How many argon2 computations are running and waiting now (for tests and monitoring). */
export function argon2Load(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

export async function hashPassword(plain: string): Promise<string> {
  return withArgon2Slot(() => argon2Hash(plain, {
    type: argon2id,
    memoryCost: PASSWORD_POLICY.memoryCost,
    timeCost: PASSWORD_POLICY.timeCost,
    parallelism: PASSWORD_POLICY.parallelism,
    hashLength: PASSWORD_POLICY.hashLength,
    // argon2 draws a 16-byte salt from crypto.randomBytes for each hash.
  }));
}

/** True when `plain` matches `hash`. Never throws: a malformed or unsupported hash gives false. */
export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  if (typeof hash !== "string" || typeof plain !== "string") return false;
  if (plain.length > MAX_INPUT_UNITS) return false;
  const parsed = parsePhc(hash);
  if (!parsed || !parsed.algorithm.startsWith("argon2")) return false;
  if (
    parsed.memoryCost > SANE_LIMITS.memoryCost ||
    parsed.timeCost > SANE_LIMITS.timeCost ||
    parsed.parallelism > SANE_LIMITS.parallelism
  ) {
    return false;
  }
  try {
    return await withArgon2Slot(() => argon2Verify(hash, plain));
  } catch {
    return false;
  }
}

/**
 * Spend the same time as checking a real password, then say no. Call it when no account matches
 * the email so that response times do not reveal which accounts exist (ASVS 5 V6.3.8).
 */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, typeof plain === "string" ? plain : "");
  return false;
}

/**
 * True when the stored hash was made with a weaker algorithm or weaker parameters than the policy
 * (or cannot be read): hash the password again after a successful sign-in.
 */
export function needsRehash(hash: string): boolean {
  const parsed = parsePhc(hash);
  if (!parsed) return true;
  return (
    parsed.algorithm !== PASSWORD_POLICY.algorithm ||
    parsed.version !== PASSWORD_POLICY.version ||
    parsed.memoryCost < PASSWORD_POLICY.memoryCost ||
    parsed.timeCost < PASSWORD_POLICY.timeCost ||
    parsed.parallelism < PASSWORD_POLICY.parallelism ||
    parsed.saltBytes < PASSWORD_POLICY.saltLength ||
    parsed.hashBytes < PASSWORD_POLICY.hashLength
  );
}

type ParsedPhc = {
  algorithm: string;
  version: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  saltBytes: number;
  hashBytes: number;
};

const B64 = /^[A-Za-z0-9+/]+$/;

/**
 * Reads `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (PHC string format). Parameters may come in
 * any order (some argon2 releases write m,p,t); a missing `v=` means version 0x10, as in the reference code.
 */
function parsePhc(hash: string): ParsedPhc | null {
  if (typeof hash !== "string" || hash.length > 512) return null;
  const fields = hash.split("$");
  if (fields[0] !== "") return null;
  const algorithm = fields[1];
  if (!algorithm || !/^argon2(id|i|d)$/.test(algorithm)) return null;
  let rest = fields.slice(2);
  let version = 0x10;
  if (rest[0]?.startsWith("v=")) {
    const v = rest[0].slice(2);
    if (!/^\d{1,3}$/.test(v)) return null;
    version = Number(v);
    rest = rest.slice(1);
  }
  if (rest.length !== 3) return null;
  const [paramText, salt, digest] = rest as [string, string, string];
  const params = new Map<string, string>();
  for (const pair of paramText.split(",")) {
    const match = /^([a-z]+)=([A-Za-z0-9+/.-]+)$/.exec(pair);
    if (!match || params.has(match[1]!)) return null;
    params.set(match[1]!, match[2]!);
  }
  const int = (key: string): number | null => {
    const value = params.get(key);
    return value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : null;
  };
  const memoryCost = int("m");
  const timeCost = int("t");
  const parallelism = int("p");
  if (memoryCost === null || timeCost === null || parallelism === null) return null;
  if (timeCost < 1 || parallelism < 1 || memoryCost < 8 * parallelism) return null;
  if (!B64.test(salt) || !B64.test(digest)) return null;
  return {
    algorithm,
    version,
    memoryCost,
    timeCost,
    parallelism,
    saltBytes: Math.floor((salt.length * 3) / 4),
    hashBytes: Math.floor((digest.length * 3) / 4),
  };
}

// ---------------------------------------------------------------------------------------------
// Choosing a new password

let commonPasswords: Set<string> | undefined;

/**
 * The shipped common/breached password list (lower-cased), read once on first use.
 * About 0.3 s and 30 MB of heap: call it at start-up to keep that off the first request.
 */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (!commonPasswords) {
    let text: string;
    try {
      text = zlib.gunzipSync(fs.readFileSync(COMMON_PASSWORDS_FILE)).toString("utf8");
    } catch (error) {
      throw new Error(
        `Cannot read the common password list at ${COMMON_PASSWORDS_FILE} (run the service from the project folder)`,
        { cause: error },
      );
    }
    const set = new Set<string>();
    for (const line of text.split("\n")) if (line !== "") set.add(line);
    commonPasswords = set;
  }
  return commonPasswords;
}

/**
 * Check a password someone has chosen. Returns the error message to show (GOV.UK style), or null
 * when it can be used.
 */
export function checkNewPassword(
  plain: string,
  context: { email?: string; name?: string } = {},
): string | null {
  if (typeof plain !== "string" || plain.length === 0) return PASSWORD_MESSAGES.empty;
  if (plain.length > MAX_INPUT_UNITS) return PASSWORD_MESSAGES.tooLong;
  const length = codePointLength(plain);
  if (length < PASSWORD_POLICY.minLength) return PASSWORD_MESSAGES.tooShort;
  if (length > PASSWORD_POLICY.maxLength) return PASSWORD_MESSAGES.tooLong;

  const folded = fold(plain);
  if (contextWords(context).some((word) => folded.includes(word))) {
    return PASSWORD_MESSAGES.context;
  }
  if (loadCommonPasswords().has(plain.toLowerCase())) return PASSWORD_MESSAGES.common;
  return null;
}

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Lower case, compatibility-normalised and without accents: "Zoë" and "ZOE" compare equal. */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Words a password must not contain: the email's local part (when 3+ characters), each run of 3+
 * letters in it ("jane.smith99" → "jane", "smith") and each part of the name with 3+ letters.
 */
function contextWords(context: { email?: string; name?: string }): string[] {
  const words = new Set<string>();
  const email = context.email?.trim() ?? "";
  const at = email.lastIndexOf("@");
  const local = fold(at >= 0 ? email.slice(0, at) : email);
  if (codePointLength(local) >= 3) words.add(local);
  for (const source of [local, fold(context.name ?? "")]) {
    for (const run of source.match(/\p{L}+/gu) ?? []) {
      if (codePointLength(run) >= 3) words.add(run);
    }
  }
  return [...words];
}
