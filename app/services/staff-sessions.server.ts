// Staff sessions, held in the database so they can be ended at once (sign-out, deactivation,
// "end this session"). The cookie holds only a 128-bit random token; the table stores its hash.
import crypto from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { StaffSession, StaffUser } from "../../db/schema";
import { safeReturnPath } from "~/domain/return-to";
import { now } from "./app-clock.server";
import { appCookie } from "./cookies.server";
import { getDb, schema } from "./db.server";
import { getSetting } from "./settings.server";

export type SessionStage = StaffSession["stage"];
export type CurrentSession = { session: StaffSession; user: StaffUser };
export type SessionLookup =
  | { state: "none" }
  | { state: "ended"; reason: "idle" | "absolute" | "deactivated" }
  | ({ state: "found" } & CurrentSession);

const TOUCH_EVERY_MS = 30_000;
// Holds only the random token (looked up by its hash), so it needs no signature.
const cookie = () => appCookie("staff", { sameSite: "strict", signed: false });

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Starts a session (a new id every time: sign-in never reuses an id). Returns the Set-Cookie header. */
export async function createSession(
  userId: number,
  stage: SessionStage,
  request: Request,
  clientIp: string,
  secondFactorAt: Date | null = null,
): Promise<{ sessionId: string; setCookie: string }> {
  const token = crypto.randomBytes(16).toString("base64url");
  const at = now();
  const id = hashToken(token);
  getDb()
    .insert(schema.staffSessions)
    .values({
      id,
      userId,
      stage,
      csrfToken: crypto.randomBytes(32).toString("base64url"),
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(at.getTime() + getSetting("session.absoluteHours") * 3_600_000),
      secondFactorAt,
      userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 200) || null,
      ipAddress: clientIp.slice(0, 64),
    })
    .run();
  return { sessionId: id, setCookie: await cookie().serialize(token) };
}

/**
 * The session this request carries, checked against both timeouts. An expired session is ended
 * unless `endIfExpired` is false (for loaders that run alongside the page's own, see routes/staff.tsx).
 */
export async function lookupSession(request: Request, { endIfExpired = true }: { endIfExpired?: boolean } = {}): Promise<SessionLookup> {
  const token = await cookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length < 16) return { state: "none" };
  const row = getDb()
    .select()
    .from(schema.staffSessions)
    .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.staffSessions.userId))
    .where(eq(schema.staffSessions.id, hashToken(token)))
    .get();
  if (!row) return { state: "none" };
  const { staff_sessions: session, staff_users: user } = row;
  const at = now().getTime();
  const idleLimit = getSetting("session.idleMinutes") * 60_000;
  let ended: "idle" | "absolute" | "deactivated" | null = null;
  if (!user.active) ended = "deactivated";
  else if (at >= session.expiresAt.getTime()) ended = "absolute";
  else if (at - session.lastSeenAt.getTime() >= idleLimit) ended = "idle";
  if (ended) {
    if (endIfExpired) endSession(session.id);
    return { state: "ended", reason: ended };
  }
  return { state: "found", session, user };
}

/** Records activity (for the idle timeout), at most every 30 seconds to spare writes (unless `force`). */
export function touchSession(session: StaffSession, { force = false }: { force?: boolean } = {}): void {
  const at = now();
  if (!force && at.getTime() - session.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  getDb().update(schema.staffSessions).set({ lastSeenAt: at }).where(eq(schema.staffSessions.id, session.id)).run();
}

export function markSecondFactor(sessionId: string): void {
  getDb()
    .update(schema.staffSessions)
    .set({ secondFactorAt: now(), stage: "active" })
    .where(eq(schema.staffSessions.id, sessionId))
    .run();
}

export function endSession(sessionId: string): void {
  getDb().delete(schema.staffSessions).where(eq(schema.staffSessions.id, sessionId)).run();
}

/** Ends every session of a person (deactivation, second-factor reset), optionally keeping one. */
export function endAllSessions(userId: number, exceptSessionId?: string): number {
  const where = exceptSessionId
    ? and(eq(schema.staffSessions.userId, userId), ne(schema.staffSessions.id, exceptSessionId))
    : eq(schema.staffSessions.userId, userId);
  return getDb().delete(schema.staffSessions).where(where).run().changes;
}

export function listSessions(userId: number): StaffSession[] {
  return getDb().select().from(schema.staffSessions).where(eq(schema.staffSessions.userId, userId)).all();
}

/** A Set-Cookie header that removes the session cookie. */
export function clearSessionCookie(): Promise<string> {
  return cookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/** The id of the session in this request, even if it has ended (for "end this session" forms). */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const token = await cookie().parse(request.headers.get("Cookie"));
  return typeof token === "string" ? hashToken(token) : null;
}

// ---------------------------------------------------------------------------------------------
// Back to where you were: the page a signed-out request asked for, kept for the sign-in that follows
// ---------------------------------------------------------------------------------------------

const returnToCookie = () => appCookie("return_to", { maxAge: 60 * 60 });

/**
 * A Set-Cookie header remembering this request's page (a GET of a safe staff path: case ids and queue
 * names, never anything personal), or null when there is nothing to remember.
 */
export async function rememberReturnTo(request: Request): Promise<string | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const url = new URL(request.url);
  const path = safeReturnPath(`${url.pathname}${url.search}`);
  return path ? returnToCookie().serialize(path) : null;
}

/** The remembered page (safe path) and a Set-Cookie header that forgets it. */
export async function takeReturnTo(request: Request): Promise<{ path: string | null; clear: string }> {
  const value = await returnToCookie().parse(request.headers.get("Cookie"));
  return { path: safeReturnPath(value), clear: await returnToCookie().serialize("", { maxAge: 0, expires: new Date(0) }) };
}
