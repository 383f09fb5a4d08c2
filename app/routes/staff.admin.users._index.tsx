import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { ROLE_NAMES, ADMINS } from "~/domain/roles";
import { requireStaff } from "~/services/guard.server";
import { listStaff } from "~/services/staff-accounts.server";

export const meta: MetaFunction = () => staffPageTitle("Staff accounts");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, ADMINS);
  return {
    staff: listStaff().map((u) => ({
      id: u.id,
      name: u.displayName,
      email: u.email,
      roles: u.roles.map((r) => ROLE_NAMES[r]).join(", "),
      status: !u.active ? "Deactivated" : !u.passwordHash ? "Invited" : !u.totpEnrolledAt ? "Second factor not set up" : "Active",
    })),
  };
}

export default function StaffAccountsPage() {
  const { staff } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Staff accounts</h1>
      <Button href="/staff/admin/users/new">Add a member of staff</Button>
      <Table
        caption="Staff accounts"
        captionClassName="govuk-visually-hidden"
        head={["Name", "Email", "Roles", "Status"]}
        rows={staff.map((u) => [
          <Link key="name" className="govuk-link" to={`/staff/admin/users/${u.id}`}>
            {u.name}
          </Link>,
          u.email,
          u.roles,
          <Tag key="status" colour={u.status === "Active" ? "green" : u.status === "Deactivated" ? "grey" : "yellow"}>
            {u.status}
          </Tag>,
        ])}
      />
    </>
  );
}
