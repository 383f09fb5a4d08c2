// One-time form results for POST → 303 → GET. The result (which holds what was typed) stays on
// the server; the browser holds only a random token in an HttpOnly cookie.
import crypto from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import { now } from "./app-clock.server";
import { appCookie } from "./cookies.server";
import { getDb, schema } from "./db.server";

const FLASH_TTL_MS = 10 * 60 * 1000;
// A browser-session cookie like the others: nothing of ours outlives the browser window.
const cookie = () => appCookie("flash");

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Keeps `result` for the next GET of the form named `formKey`; returns the Set-Cookie header. */
export async function stashFlash(formKey: string, result: unknown): Promise<string> {
  const token = crypto.randomBytes(24).toString("base64url");
  getDb()
    .insert(schema.formFlash)
    .values({ tokenHash: hash(token), formKey, result, expiresAt: new Date(now().getTime() + FLASH_TTL_MS) })
    .run();
  return cookie().serialize(token);
}

/** The result kept for this form, removed as it is read (a reload shows a clean form). */
export async function takeFlash<T = unknown>(request: Request, formKey: string): Promise<T | undefined> {
  const token = await cookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string") return undefined;
  const where = and(
    eq(schema.formFlash.tokenHash, hash(token)),
    eq(schema.formFlash.formKey, formKey),
    gt(schema.formFlash.expiresAt, now()),
  );
  const row = getDb().delete(schema.formFlash).where(where).returning().get();
  return row ? (row.result as T) : undefined;
}

/** Forgets any failed-form input this browser has waiting; returns the header removing the cookie. */
export async function discardFlash(request: Request): Promise<string> {
  const token = await cookie().parse(request.headers.get("Cookie"));
  if (typeof token === "string") getDb().delete(schema.formFlash).where(eq(schema.formFlash.tokenHash, hash(token))).run();
  return cookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export function purgeExpiredFlash(at: Date = now()): number {
  return getDb().delete(schema.formFlash).where(lte(schema.formFlash.expiresAt, at)).run().changes;
}
