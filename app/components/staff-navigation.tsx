import { Form, useLocation } from "@remix-run/react";
import { ADMINS, CASEWORKERS, hasAnyRole, OVERSIGHT } from "~/domain/roles";
import { ServiceNavigation } from "./govuk";
import { CsrfInput, useStaff } from "./staff-form";

import { STAFF_SERVICE_NAME } from "./page-title";

/** The staff header: links for the roles held, and a sign-out button (a POST, with the form token). */
export function StaffNavigation() {
  const staff = useStaff();
  const { pathname } = useLocation();
  const links = staff
    ? [
        { href: "/staff", text: "Home" },
        ...(hasAnyRole(staff.roles, CASEWORKERS)
          ? [
              { href: "/staff/cases", text: "Cases" },
              { href: "/staff/search", text: "Search" },
              { href: "/staff/retention", text: "Retention" },
            ]
          : []),
        ...(hasAnyRole(staff.roles, OVERSIGHT)
          ? [
              { href: "/staff/statistics", text: "Statistics" },
              { href: "/staff/audit", text: "Access log" },
            ]
          : []),
        ...(hasAnyRole(staff.roles, ADMINS)
          ? [
              { href: "/staff/admin/users", text: "Staff accounts" },
              { href: "/staff/admin/settings", text: "Settings" },
            ]
          : []),
        { href: "/staff/account", text: "Your account" },
      ]
    : [];
  const active = (href: string) => (href === "/staff" ? pathname === "/staff" : pathname.startsWith(href));
  return (
    <>
      <ServiceNavigation
        serviceName={STAFF_SERVICE_NAME}
        serviceUrl="/staff"
        navigation={links.map((l) => ({ ...l, active: active(l.href) }))}
      />
      {staff ? (
        <div className="govuk-width-container app-staff-bar">
          <p className="govuk-body-s app-staff-bar__name">Signed in as {staff.name}</p>
          <Form method="post" action="/staff/sign-out" className="app-staff-bar__sign-out">
            <CsrfInput />
            <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
              Sign out
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}
