import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, NotificationBanner } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { ADMINS, CASEWORKERS, hasAnyRole, OVERSIGHT, ROLE_NAMES } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { requireStaff } from "~/services/guard.server";
import { QUEUE_NAMES, queueCounts, unassignedUrgentCount, type Queue } from "~/services/queues.server";
import { pendingErasureCountFor } from "~/services/retention.server";

export const meta: MetaFunction = () => staffPageTitle("Home");

/** The queues that need someone now, in the order they matter. */
const TILES: Queue[] = ["overdue", "urgent", "unassigned", "due_soon", "awaiting_decision", "mine"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, "any-staff");
  const caseworker = hasAnyRole(user.roles, CASEWORKERS);
  // Counts only: no case data on this page, so nothing to log as a consultation.
  const counts = caseworker ? queueCounts(user.id, now()) : null;
  return {
    name: user.displayName,
    roles: user.roles.map((r) => ROLE_NAMES[r]),
    isAdmin: hasAnyRole(user.roles, ADMINS),
    isOversight: hasAnyRole(user.roles, OVERSIGHT),
    caseworker,
    unassignedUrgent: caseworker ? unassignedUrgentCount() : 0,
    erasuresToDecide: pendingErasureCountFor(user),
    tiles: counts ? TILES.map((q) => ({ queue: q, name: QUEUE_NAMES[q], count: counts[q] })) : [],
  };
}

export default function StaffHome() {
  const { name, roles, isAdmin, isOversight, caseworker, erasuresToDecide, tiles, unassignedUrgent } = useLoaderData<typeof loader>();
  return (
    <>
      {unassignedUrgent > 0 ? (
        <NotificationBanner title="Urgent">
          <p className="govuk-notification-banner__heading">
            {unassignedUrgent === 1 ? "An urgent case is" : `${unassignedUrgent} urgent cases are`} waiting for someone to take{" "}
            {unassignedUrgent === 1 ? "it" : "them"}.{" "}
            <a className="govuk-notification-banner__link" href="/staff/cases?queue=unassigned&urgent=yes">See the urgent unassigned cases</a>
          </p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Hello, {name}</h1>
      <p className="govuk-body">You are signed in as: {roles.join(", ")}.</p>
      {caseworker ? (
        <>
          <div className="govuk-grid-row">
            {tiles.map((t) => (
              <div key={t.queue} className="govuk-grid-column-one-third">
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <a className="govuk-link" href={`/staff/cases?queue=${t.queue}`}>{t.name}</a>
                </h2>
                <p className={`govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold${t.queue === "overdue" && t.count > 0 ? " app-overdue-count" : ""}`}>{t.count}</p>
              </div>
            ))}
          </div>
          <div className="govuk-button-group">
            <Button href="/staff/cases">Work queues</Button>
            <Button href="/staff/cases/new" variant="secondary">Open a case (phone, station or proactive)</Button>
          </div>
        </>
      ) : null}
      <ul className="govuk-list">
        {isOversight ? (
          <>
            <li><a className="govuk-link" href="/staff/statistics">Scheme statistics</a></li>
            <li><a className="govuk-link" href="/staff/audit">Access log (s.62)</a></li>
          </>
        ) : null}
        {caseworker ? <li><a className="govuk-link" href="/staff/retention">Retention review</a></li> : null}
        {erasuresToDecide > 0 ? (
          <li>
            <a className="govuk-link" href="/staff/retention#pending">
              {erasuresToDecide === 1 ? "1 erasure is waiting for your decision" : `${erasuresToDecide} erasures are waiting for your decision`}
            </a>
          </li>
        ) : null}
        {isAdmin ? (
          <>
            <li><a className="govuk-link" href="/staff/admin/users">Manage staff accounts</a></li>
            <li><a className="govuk-link" href="/staff/admin/settings">Settings: clocks, sessions, checks, retention, backups</a></li>
            <li><a className="govuk-link" href="/staff/admin/bank-holidays">Bank holidays</a></li>
          </>
        ) : null}
      </ul>
    </>
  );
}
