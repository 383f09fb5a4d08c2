// Shared by the pages about one staff account: only administrators, and a real account or 404.
import type { AppLoadContext } from "@remix-run/node";
import { ADMINS } from "~/domain/roles";
import { requireStaff } from "~/services/guard.server";
import { getStaff } from "~/services/staff-accounts.server";

/** The signed-in administrator and the account the page is about (404 when there is none). */
export async function requireAdminOverAccount(request: Request, context: AppLoadContext, params: { userId?: string }) {
  const admin = await requireStaff(request, context, ADMINS);
  const id = Number(params.userId);
  const target = Number.isInteger(id) ? getStaff(id) : undefined;
  if (!target) throw new Response("Not found", { status: 404 });
  return { ...admin, target };
}
