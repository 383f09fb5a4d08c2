// Deny by default: every staff loader and action starts with `requireStaff`, naming the
// roles it allows. Anything else (no session, wrong stage, wrong role, bad CSRF token) is refused.
import crypto from "node:crypto";
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { StaffSession, StaffUser } from "../../db/schema";
import { hasAnyRole, type Role } from "~/domain/roles";
import { CSRF_FIELD } from "~/domain/staff-schemas";
import { recordAudit } from "./audit.server";
import { getDb } from "./db.server";
import { clearSessionCookie, lookupSession, rememberReturnTo, touchSession } from "./staff-sessions.server";

export type StaffContext = { user: StaffUser; session: StaffSession; csrfToken: string };

/** Sends anyone not fully signed in to the right page; refuses the wrong role with 403. */
export async function requireStaff(
  request: Request,
  context: AppLoadContext,
  roles: readonly Role[] | "any-staff",
  /** `touch: false` for pages that must not count as activity (the "still there?" warning page). */
  { touch = true }: { touch?: boolean } = {},
): Promise<StaffContext> {
  const found = await lookupSession(request);
  if (found.state === "none" || found.state === "ended") {
    // After signing in again the person comes back to this page (a safe same-origin path only).
    const headers = new Headers();
    const remember = await rememberReturnTo(request);
    if (remember) headers.append("Set-Cookie", remember);
    if (found.state === "none") throw redirect("/staff/sign-in", { status: 303, headers });
    headers.append("Set-Cookie", await clearSessionCookie());
    throw redirect(`/staff/session-ended?reason=${found.reason}`, { status: 303, headers });
  }
  const { session, user } = found;
  if (session.stage === "password") throw redirect("/staff/second-factor", { status: 303 });
  if (session.stage === "enrol") throw redirect("/staff/enrol", { status: 303 });

  const path = new URL(request.url).pathname;
  if (roles !== "any-staff" && !hasAnyRole(user.roles, roles)) {
    deny(user.id, path, `role required: ${roles.join(" or ")}`, context.requestId);
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    await checkCsrf(request, session, user.id, path, context.requestId);
  }
  if (touch) touchSession(session);
  return { user, session, csrfToken: session.csrfToken };
}

/** For the pages between password and full sign-in (second-factor code, enrolment). */
export async function requireSessionStage(request: Request, stage: StaffSession["stage"]) {
  const found = await lookupSession(request);
  if (found.state !== "found") throw redirect("/staff/sign-in", { status: 303 });
  if (found.session.stage !== stage) {
    throw redirect(found.session.stage === "active" ? "/staff" : "/staff/sign-in", { status: 303 });
  }
  return { user: found.user, session: found.session };
}

async function checkCsrf(request: Request, session: StaffSession, userId: number, path: string, requestId: string) {
  const form = await request.clone().formData().catch(() => null);
  const sent = form?.get(CSRF_FIELD);
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    deny(userId, path, "form token missing or wrong", requestId);
  }
}

function deny(userId: number, path: string, reason: string, requestId: string): never {
  getDb().transaction((tx) => {
    recordAudit(tx, {
      action: "access_denied",
      actor: { kind: "staff", id: userId },
      entityType: "route",
      entityId: path.slice(0, 200),
      reason,
      requestId,
    });
  });
  throw new Response("You do not have permission to do this.", { status: 403 });
}
