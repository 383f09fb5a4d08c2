// Deactivating a staff account asks first: it signs the person out everywhere at once.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink, SummaryList, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useFormKit } from "~/components/form-kit";
import { StaffForm } from "~/components/staff-form";
import { ROLE_NAMES } from "~/domain/roles";
import { deactivateForm } from "~/domain/staff-schemas";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { setActive } from "~/services/staff-accounts.server";
import { requireAdminOverAccount } from "./__staff-admin.server";

const FORM_KEY = "staff-deactivate-user";
const schema = deactivateForm.schema();

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Deactivate a staff account", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAdminOverAccount(request, context, params);
  // Nothing to confirm: an inactive account, or your own (which you cannot deactivate).
  if (!target.active || target.id === user.id) throw redirect(`/staff/admin/users/${target.id}`, { status: 303 });
  return {
    ...(await loadFormResult(request, FORM_KEY)),
    id: target.id,
    name: target.displayName,
    email: target.email,
    roles: target.roles.map((r) => ROLE_NAMES[r]).join(", "),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, target } = await requireAdminOverAccount(request, context, params);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, errorResult({ form: deactivateForm.fields.confirm.required }), { schema });
  if (target.id === user.id) return redirectWithErrors(request, FORM_KEY, errorResult({ form: "You cannot deactivate your own account" }), { schema });
  if (target.active) setActive(target.id, false, { kind: "staff", id: user.id }, context.requestId);
  return redirect(`/staff/admin/users/${target.id}`, { status: 303 });
}

export default function DeactivateAccountPage() {
  const data = useLoaderData<typeof loader>();
  const { errors } = useFormKit(deactivateForm, data.lastResult);
  const back = `/staff/admin/users/${data.id}`;
  return (
    <>
      <BackLink href={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Are you sure you want to deactivate {data.name}&apos;s account?</h1>
          <SummaryList rows={[
            { key: "Name", value: data.name },
            { key: "Email", value: data.email },
            { key: "Roles", value: data.roles },
          ]} />
          <WarningText>
            They will be signed out everywhere at once and will not be able to sign in. You can reactivate the account later.
          </WarningText>
          <StaffForm submitText="Yes, deactivate this account" warning errors={errors}>
            <input type="hidden" name="confirm" value="yes" />
          </StaffForm>
          <p className="govuk-body"><a className="govuk-link" href={back}>No, keep the account active</a></p>
        </div>
      </div>
    </>
  );
}
