import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/services/audit.server";
import { getDb } from "~/services/db.server";
import { requireStaff } from "~/services/guard.server";
import { clearSessionCookie, endSession } from "~/services/staff-sessions.server";

export const loader = () => redirect("/staff");

/** Ends the session on the server and asks the browser to forget everything from this site. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireStaff(request, context, "any-staff");
  getDb().transaction((tx) => {
    recordAudit(tx, { action: "sign_out", actor: { kind: "staff", id: user.id }, entityType: "staff_user", entityId: user.id, requestId: context.requestId });
  });
  endSession(session.id);
  return redirect("/staff/signed-out", {
    status: 303,
    headers: {
      "Set-Cookie": await clearSessionCookie(),
      "Clear-Site-Data": '"cache", "cookies", "storage"',
    },
  });
}
