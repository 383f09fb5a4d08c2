import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { z } from "zod";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .url()
    .refine((value) => protocols.includes(new URL(value).protocol), {
      message: `must start with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    });

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_PATH: z.string().trim().min(1).optional(),
  SMTP_URL: optionalUrl(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: z.string().trim().email().default("no-reply@csods.localhost"),
  APP_URL: optionalUrl(["http:", "https:"]).optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  FORCE_NAME: z.string().trim().min(1).max(100).default("Example Constabulary"),
  EXIT_PAGE_URL: optionalUrl(["https:", "http:"]).default("https://www.bbc.co.uk/weather"),
  DRAFT_TTL_HOURS: positiveInt(24),
  SUBMISSIONS_PER_IP_PER_HOUR: positiveInt(5),
  OUTBOX_POLL_MS: positiveInt(5000),
  REMINDER_POLL_MS: positiveInt(60_000),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: "must be true, false, a number of proxy hops, loopback, linklocal, uniquelocal, or a comma-separated list of IP addresses or CIDR ranges",
        });
        return z.NEVER;
      }
      return parsed;
    }),
  RATE_LIMITS: z.enum(["on", "off"], { errorMap: () => ({ message: "must be on or off" }) }).default("on"),
  TOTP_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.split(",").every((key) => key.trim().length >= 32), {
      message: "must be at least 32 characters (comma-separate to rotate: the first encrypts, all decrypt)",
    }),
  TOTP_KEY_FILE: z.string().trim().min(1).optional(),
  BACKUP_DIR: z.string().trim().optional(),
});

export type TrustProxy = boolean | number | string[];
const TRUST_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * TRUST_PROXY as Express documents `trust proxy`: true/false, a hop count, or a list of addresses,
 * CIDR ranges and the names loopback, linklocal, uniquelocal. Anything else is null (refused).
 * Passed as a string, "1" would be read by Express as the address 0.0.0.1.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const items = text.split(",").map((item) => item.trim());
  const valid = items.every((item) => {
    if (TRUST_NAMES.has(item)) return true;
    const [address, prefix, extra] = item.split("/");
    const family = net.isIP(address ?? "");
    if (!family || extra !== undefined) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  });
  return valid ? items : null;
}

export type Config = {
  env: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databasePath: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  appUrl: string;
  /** Secure cookies only over https: browsers drop them on plain http. */
  secureCookies: boolean;
  sessionSecrets: string[];
  forceName: string;
  exitPageUrl: string;
  draftTtlMs: number;
  submissionsPerIpPerHour: number;
  outboxPollMs: number;
  reminderPollMs: number;
  /** Express `trust proxy` (see parseTrustProxy). */
  trustProxy: TrustProxy;
  /** False with RATE_LIMITS=off: the in-process per-address limits are off (limits at the edge instead). */
  rateLimits: boolean;
  /**
   * Keys that encrypt TOTP secrets at rest: the first encrypts, each one is tried to decrypt.
   * From TOTP_KEY or TOTP_KEY_FILE (required in production); otherwise the session secrets, which
   * live in the data folder beside the database (the development default).
   */
  totpKeys: string[];
  totpKeySource: "TOTP_KEY" | "TOTP_KEY_FILE" | "session-secret";
  /** The key file's path when the key comes from TOTP_KEY_FILE. */
  totpKeyFile: string | null;
};

export class ConfigError extends Error {}

/** Validate the environment once. A bad variable stops the service with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const sessionSecrets = (e.SESSION_SECRET ?? readOrCreateSecret(dataDir)).split(",");
  const backupDir = path.resolve(e.BACKUP_DIR ? e.BACKUP_DIR : path.join(dataDir, "backups"));
  const totp = totpKeysFrom(e.TOTP_KEY, e.TOTP_KEY_FILE, [dataDir, backupDir]);
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: path.resolve(e.DATABASE_PATH ?? path.join(dataDir, "csods.db")),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    appUrl,
    secureCookies: appUrl.startsWith("https:"),
    sessionSecrets,
    forceName: e.FORCE_NAME,
    exitPageUrl: e.EXIT_PAGE_URL,
    draftTtlMs: e.DRAFT_TTL_HOURS * 60 * 60 * 1000,
    submissionsPerIpPerHour: e.SUBMISSIONS_PER_IP_PER_HOUR,
    outboxPollMs: e.OUTBOX_POLL_MS,
    reminderPollMs: e.REMINDER_POLL_MS,
    trustProxy: e.TRUST_PROXY ?? false,
    rateLimits: e.RATE_LIMITS === "on",
    // Outside production the session secrets stay usable for decrypting, so secrets stored before
    // a TOTP_KEY was set still open; production uses only the key kept away from the data.
    totpKeys: totp ? (e.NODE_ENV === "production" ? totp.keys : [...totp.keys, ...sessionSecrets]) : sessionSecrets,
    totpKeySource: totp?.source ?? "session-secret",
    totpKeyFile: totp?.file ?? null,
  };
}

/**
 * The TOTP encryption key from TOTP_KEY, or read from TOTP_KEY_FILE. The file must be outside the
 * data and backup folders: a key kept beside the database would travel with every copy of it.
 */
function totpKeysFrom(
  inline: string | undefined,
  file: string | undefined,
  dataFolders: string[],
): { keys: string[]; source: Config["totpKeySource"]; file?: string } | null {
  if (inline !== undefined && file !== undefined) {
    throw new ConfigError("Invalid configuration:\n  TOTP_KEY_FILE: set either TOTP_KEY or TOTP_KEY_FILE, not both");
  }
  if (inline !== undefined) return { keys: splitKeys(inline), source: "TOTP_KEY" };
  if (file === undefined) return null;
  const keyFile = realPath(path.resolve(file));
  const inside = dataFolders.map(realPath).find((folder) => keyFile === folder || keyFile.startsWith(folder + path.sep));
  if (inside) {
    throw new ConfigError(
      `Invalid configuration:\n  TOTP_KEY_FILE: ${keyFile} is inside ${inside}, which is copied with the database and its backups; keep the key file elsewhere (for example /etc/csods/totp-key)`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(keyFile, "utf8");
  } catch {
    throw new ConfigError(`Invalid configuration:\n  TOTP_KEY_FILE: cannot read ${keyFile}`);
  }
  const keys = splitKeys(text);
  if (keys.length === 0 || keys.some((key) => key.length < 32)) {
    throw new ConfigError("Invalid configuration:\n  TOTP_KEY_FILE: the key in the file must be at least 32 characters");
  }
  return { keys, source: "TOTP_KEY_FILE", file: keyFile };
}

function splitKeys(text: string): string[] {
  return text
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}

/** The real path (symbolic links followed) of a path or, while it does not exist yet, of its nearest existing parent. */
function realPath(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    const parent = path.dirname(target);
    return parent === target ? target : path.join(realPath(parent), path.basename(target));
  }
}

/** The embedded default: a secret generated once and kept (owner-only) in the data folder. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  // Owner-only: the folder holds the database, its backups and this secret.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet
  }
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

let current: Config | undefined;

export function getConfig(): Config {
  current ??= loadConfig();
  return current;
}

/** Tests change the environment between files; this forgets the cached configuration. */
export function resetConfigForTests(): void {
  current = undefined;
}
