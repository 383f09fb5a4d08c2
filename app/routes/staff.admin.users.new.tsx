import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxesField, TextField, useFormKit } from "~/components/form-kit";
import { BackLink } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { ADMINS } from "~/domain/roles";
import { newStaffForm } from "~/domain/staff-schemas";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { getSetting } from "~/services/settings.server";
import { AccountError, createStaffUser } from "~/services/staff-accounts.server";

const FORM_KEY = "staff-new-user";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Add a member of staff", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, ADMINS);
  return { ...(await loadFormResult(request, FORM_KEY)), workDomains: getSetting("staff.workEmailDomains") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, ADMINS);
  const formSchema = newStaffForm().schema();
  const submission = parseWithZod(await request.formData(), { schema: formSchema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: formSchema });
  try {
    const created = createStaffUser(submission.value, { kind: "staff", id: user.id }, context.requestId);
    return redirect(`/staff/admin/users/${created.user.id}`, { status: 303 });
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    return redirectWithErrors(request, FORM_KEY, errorResult({ email: error.message }, submission.payload), { schema: formSchema });
  }
}

export default function NewStaffPage() {
  const { lastResult, workDomains } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(newStaffForm(workDomains), lastResult);
  return (
    <>
      <BackLink href="/staff/admin/users" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Add a member of staff</h1>
          <p className="govuk-body">
            We will email them a link to set their own password and second factor. The link works once, for 24 hours.
          </p>
          <StaffForm submitText="Add and send set-up link" errors={errors}>
            <TextField field={fields.displayName} spellCheck={false} />
            <TextField field={fields.email} type="email" spellCheck={false} />
            <CheckboxesField field={fields.roles} legendSize="s" />
          </StaffForm>
        </div>
      </div>
    </>
  );
}
