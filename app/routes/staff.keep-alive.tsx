// The idle warning's two buttons, for the browser's script: "Stay signed in" (counts as activity) and
// the end of the wait (signs out now, remembering the page to come back to after signing in again).
// Without JavaScript the warning is a page of its own: staff.still-there.tsx.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { safeReturnPath } from "~/domain/return-to";
import { recordAudit } from "~/services/audit.server";
import { getDb } from "~/services/db.server";
import { requireStaff } from "~/services/guard.server";
import { clearSessionCookie, endSession, rememberReturnTo, touchSession } from "~/services/staff-sessions.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "any-staff", { touch: false });
  return redirect("/staff");
}

const schema = z.object({ intent: z.enum(["stay", "end"]), return: z.string().max(500).optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireStaff(request, context, "any-staff");
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  if (parsed.data.intent === "stay") {
    touchSession(session, { force: true });
    return json({ ok: true });
  }
  // Time is up: the same as the server's idle timeout, a moment early.
  getDb().transaction((tx) => {
    recordAudit(tx, { action: "sign_out", actor: { kind: "staff", id: user.id }, entityType: "staff_user", entityId: user.id, reason: "idle timeout", requestId: context.requestId });
  });
  endSession(session.id);
  const headers = new Headers();
  headers.append("Set-Cookie", await clearSessionCookie());
  const back = safeReturnPath(parsed.data.return);
  if (back) {
    const remember = await rememberReturnTo(new Request(new URL(back, request.url)));
    if (remember) headers.append("Set-Cookie", remember);
  }
  return json({ ok: true }, { headers });
}
