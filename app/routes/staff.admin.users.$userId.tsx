import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxesField, useFormKit } from "~/components/form-kit";
import { BackLink, Button, SummaryList, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput, StaffForm } from "~/components/staff-form";
import { formatDateTime } from "~/domain/time";
import { ROLE_NAMES } from "~/domain/roles";
import { staffRolesForm } from "~/domain/staff-schemas";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import {
  AccountError,
  changeRoles,
  countActiveAdmins,
  decideApproval,
  getStaff,
  pendingApprovals,
  requestSecondFactorReset,
  resendSetupLink,
  setActive,
} from "~/services/staff-accounts.server";
import { requireAdminOverAccount } from "./__staff-admin.server";

const FORM_KEY = "staff-edit-user";
// The roles themselves are checked by their form's specification, once the intent is known.
const rolesSchema = staffRolesForm.schema();
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("roles") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("reset-second-factor") }),
  z.object({ intent: z.literal("resend-link") }),
  z.object({ intent: z.literal("approve"), approval: z.coerce.number().int().positive().max(2 ** 31) }),
  z.object({ intent: z.literal("reject"), approval: z.coerce.number().int().positive().max(2 ** 31) }),
]);

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Staff account", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAdminOverAccount(request, context, params);
  return {
    ...(await loadFormResult(request, FORM_KEY)),
    id: target.id,
    isSelf: target.id === user.id,
    // Changes waiting for a second admin (two-person rule), and whether this admin may decide them.
    approvals: pendingApprovals(target.id).map((a) => ({
      id: a.id,
      what: a.kind === "reset_second_factor" ? "Reset second factor" : `Change roles to: ${(a.roles ?? []).map((r) => ROLE_NAMES[r]).join(", ")}`,
      askedBy: getStaff(a.requestedBy)?.displayName ?? "another administrator",
      askedAt: formatDateTime(a.requestedAt),
      canDecide: a.requestedBy !== user.id && a.userId !== user.id,
    })),
    person: {
      name: target.displayName,
      email: target.email,
      roles: target.roles,
      active: target.active,
      invited: !target.passwordHash,
      secondFactor: target.totpEnrolledAt ? `Set up ${formatDateTime(target.totpEnrolledAt)}` : "Not set up",
      created: formatDateTime(target.createdAt),
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, target } = await requireAdminOverAccount(request, context, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: schema });
  const actor = { kind: "staff" as const, id: user.id };
  const value = submission.value;
  const lastAdmin = target.roles.includes("admin") && countActiveAdmins() <= 1;
  const refuse = (message: string) => redirectWithErrors(request, FORM_KEY, errorResult({ roles: message }), { schema });
  try {
    switch (value.intent) {
      case "roles": {
        const roles = parseWithZod(formData, { schema: rolesSchema });
        if (roles.status !== "success") return redirectWithErrors(request, FORM_KEY, roles.reply(), { schema: rolesSchema });
        if (lastAdmin && !roles.value.roles.includes("admin")) {
          return redirectWithErrors(request, FORM_KEY, errorResult({ roles: "There must always be at least one active administrator" }, roles.payload), { schema: rolesSchema });
        }
        changeRoles(target, roles.value.roles, user, context.requestId);
        break;
      }
      case "reactivate":
        setActive(target.id, true, actor, context.requestId);
        break;
      case "reset-second-factor":
        requestSecondFactorReset(target, user, context.requestId);
        break;
      case "resend-link":
        resendSetupLink(target.id, actor, context.requestId);
        break;
      case "approve":
      case "reject":
        if (!pendingApprovals(target.id).some((a) => a.id === value.approval)) return refuse("This change is no longer waiting for a decision");
        decideApproval(value.approval, value.intent === "approve", user, context.requestId);
        break;
    }
  } catch (error) {
    if (error instanceof AccountError) return refuse(error.message);
    throw error;
  }
  return redirect(`/staff/admin/users/${target.id}`, { status: 303 });
}

function ActionButton({ intent, children, warning = false, approval }: { intent: string; children: string; warning?: boolean; approval?: number }) {
  return (
    <Form method="post" className="govuk-!-display-inline-block govuk-!-margin-right-2">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {approval ? <input type="hidden" name="approval" value={approval} /> : null}
      <Button variant={warning ? "warning" : "secondary"}>{children}</Button>
    </Form>
  );
}

export default function StaffAccountPage() {
  const { id, person, isSelf, lastResult, approvals } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(staffRolesForm, lastResult, { roles: person.roles });
  return (
    <>
      <BackLink href="/staff/admin/users" />
      <h1 className="govuk-heading-l">{person.name}</h1>
      {!person.active ? <WarningText>This account is deactivated. The person cannot sign in.</WarningText> : null}
      <SummaryList
        rows={[
          { key: "Email", value: person.email },
          { key: "Account created", value: person.created },
          { key: "Password", value: person.invited ? "Not set yet (set-up link sent)" : "Set by the person" },
          { key: "Second factor", value: person.secondFactor },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {isSelf ? (
            <>
              <h2 className="govuk-heading-m">Roles</h2>
              <p className="govuk-body">{person.roles.map((r) => ROLE_NAMES[r]).join(", ")}</p>
              <p className="govuk-body">You cannot change your own roles. Ask another administrator.</p>
            </>
          ) : (
            <StaffForm submitText="Save roles" errors={errors}>
              <input type="hidden" name="intent" value="roles" />
              <CheckboxesField field={fields.roles} legendSize="m" />
            </StaffForm>
          )}
        </div>
      </div>
      {approvals.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Waiting for a second administrator</h2>
          {approvals.map((a) => (
            <div key={a.id} className="govuk-!-margin-bottom-6">
              <p className="govuk-body">
                {a.what}. Asked by {a.askedBy} on {a.askedAt}.
              </p>
              {a.canDecide ? (
                <>
                  <ActionButton intent="approve" approval={a.id}>Approve</ActionButton>
                  <ActionButton intent="reject" approval={a.id}>Reject</ActionButton>
                </>
              ) : (
                <p className="govuk-body">Another administrator must approve or reject this.</p>
              )}
            </div>
          ))}
        </>
      ) : null}
      <h2 className="govuk-heading-m">Access</h2>
      {person.invited ? <ActionButton intent="resend-link">Send a new set-up link</ActionButton> : null}
      <ActionButton intent="reset-second-factor">Reset second factor</ActionButton>
      {person.active ? (
        isSelf ? null : <Button href={`/staff/admin/users/${id}/deactivate`} variant="warning">Deactivate account</Button>
      ) : (
        <ActionButton intent="reactivate">Reactivate account</ActionButton>
      )}
    </>
  );
}
