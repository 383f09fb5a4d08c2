import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { staffPageTitle } from "~/components/page-title";
import { ROLE_NAMES } from "~/domain/roles";
import { applicationCounts } from "~/services/case-counts.server";
import { requireStaff } from "~/services/guard.server";

export const meta: MetaFunction = () => staffPageTitle("Home");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, "any-staff");
  const caseworker = user.roles.includes("reviewer") || user.roles.includes("manager");
  return {
    name: user.displayName,
    roles: user.roles.map((r) => ROLE_NAMES[r]),
    isAdmin: user.roles.includes("admin"),
    // Counts only: no case data on this page, so nothing to log as a consultation.
    counts: caseworker ? applicationCounts() : null,
  };
}

export default function StaffHome() {
  const { name, roles, isAdmin, counts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Hello, {name}</h1>
      <p className="govuk-body">You are signed in as: {roles.join(", ")}.</p>
      {counts ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <h2 className="govuk-heading-m">New applications</h2>
            <p className="govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold">{counts.received}</p>
          </div>
          <div className="govuk-grid-column-one-third">
            <h2 className="govuk-heading-m">Urgent</h2>
            <p className="govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold">{counts.urgent}</p>
          </div>
          <div className="govuk-grid-column-one-third">
            <h2 className="govuk-heading-m">Received today</h2>
            <p className="govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold">{counts.today}</p>
          </div>
        </div>
      ) : null}
      {counts ? <p className="govuk-body">Work queues and case pages come with the case workflow.</p> : null}
      {isAdmin ? (
        <p className="govuk-body">
          <a className="govuk-link" href="/staff/admin/users">Manage staff accounts</a>
        </p>
      ) : null}
    </>
  );
}
