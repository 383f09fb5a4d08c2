// Layout for every page under /staff. Its loader gives only what the header needs (name,
// roles, the form token); each page's own loader enforces access with `requireStaff`.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { IdleWarning } from "~/components/idle-warning";
import { getSetting } from "~/services/settings.server";
import { lookupSession } from "~/services/staff-sessions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Read only: the page's own loader (requireStaff) ends an expired session and says why. Loaders
  // run in parallel, so ending it here too would race that one and send the person to sign in
  // without the reason.
  const found = await lookupSession(request, { endIfExpired: false });
  if (found.state !== "found" || found.session.stage !== "active") return { staff: null };
  return {
    staff: {
      name: found.user.displayName,
      roles: found.user.roles,
      csrfToken: found.session.csrfToken,
      idleMinutes: getSetting("session.idleMinutes"),
    },
  };
}

export default function StaffLayout() {
  const { staff } = useLoaderData<typeof loader>();
  return (
    <>
      {staff ? <IdleWarning idleMinutes={staff.idleMinutes} csrfToken={staff.csrfToken} /> : null}
      <Outlet />
    </>
  );
}
