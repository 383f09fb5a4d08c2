// One way to say "saved": an action redirects with a notice, and the page it goes to shows it once
// (components/notice-banner.tsx). The notice waits on the person's server-side session, tied to the
// path it is for, and is removed as it is read: a reload, or any other page, shows no banner. It
// works without JavaScript and puts nothing in the URL or the browser. A notice is our own words
// and may name a case reference, never a person. Typed answers of a failed form go through
// forms.server.ts instead.
import { redirect } from "@remix-run/node";
import { and, eq, isNotNull } from "drizzle-orm";
import type { StaffSession } from "../../db/schema";
import { getDb, schema } from "./db.server";
import { sessionIdOf } from "./staff-sessions.server";

const MAX_NOTICE = 300;

/**
 * A 303 to `to` that shows `notice` once on that page. `to` is a path of ours ("/staff/cases/5",
 * with any query or #fragment); the notice is dropped if the request carries no staff session.
 */
export async function redirectWithNotice(request: Request, to: string, notice: string, init: { headers?: HeadersInit } = {}): Promise<Response> {
  const sessionId = await sessionIdOf(request);
  if (sessionId) {
    const path = new URL(to, request.url).pathname;
    getDb()
      .update(schema.staffSessions)
      .set({ notice: { path, text: notice.slice(0, MAX_NOTICE) } })
      .where(eq(schema.staffSessions.id, sessionId))
      .run();
  }
  return redirect(to, { status: 303, headers: init.headers });
}

/**
 * The notice for this page view, if a form just sent the person here; taken, so it shows once.
 * `session` is the one the guard loaded for this request (no extra read when nothing waits).
 */
export function takeNotice(request: Request, session: Pick<StaffSession, "id" | "notice">): string | null {
  const waiting = session.notice;
  if (!waiting) return null;
  // Cleared only if still there: of two views at once, one shows it.
  const taken = getDb()
    .update(schema.staffSessions)
    .set({ notice: null })
    .where(and(eq(schema.staffSessions.id, session.id), isNotNull(schema.staffSessions.notice)))
    .run().changes;
  // A notice meant for another page is stale (that page was never shown): dropped, not shown here.
  return taken === 1 && waiting.path === new URL(request.url).pathname ? waiting.text : null;
}
