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
    sessionSecrets: (e.SESSION_SECRET ?? readOrCreateSecret(dataDir)).split(","),
    forceName: e.FORCE_NAME,
    exitPageUrl: e.EXIT_PAGE_URL,
    draftTtlMs: e.DRAFT_TTL_HOURS * 60 * 60 * 1000,
    submissionsPerIpPerHour: e.SUBMISSIONS_PER_IP_PER_HOUR,
    outboxPollMs: e.OUTBOX_POLL_MS,
    reminderPollMs: e.REMINDER_POLL_MS,
    trustProxy: e.TRUST_PROXY ?? false,
    rateLimits: e.RATE_LIMITS === "on",
  };
}

/** The embedded default: a secret generated once and kept (owner-only) in the data folder. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  fs.mkdirSync(dataDir, { recursive: true });
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
