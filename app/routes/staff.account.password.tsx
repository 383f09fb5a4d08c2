import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TextField, useFormKit } from "~/components/form-kit";
import { BackLink } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { secretFields } from "~/domain/form-spec";
import { changePasswordForm } from "~/domain/staff-auth-forms";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { changePassword } from "~/services/staff-accounts.server";

const FORM_KEY = "staff-change-password";
const schema = changePasswordForm.schema();

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Change your password", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "any-staff");
  return loadFormResult(request, FORM_KEY);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireStaff(request, context, "any-staff");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: secretFields(changePasswordForm) }), { schema: schema });
  }
  const problem = await changePassword(user, submission.value.currentPassword, submission.value.newPassword, session.id, context.requestId);
  if (problem) return redirectWithErrors(request, FORM_KEY, errorResult({ [problem.field]: problem.message }), { schema: schema });
  return redirect("/staff/account", { status: 303 });
}

export default function ChangePasswordPage() {
  const { lastResult } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(changePasswordForm, lastResult);
  return (
    <>
      <BackLink href="/staff/account" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Change your password</h1>
          <StaffForm submitText="Change password" errors={errors}>
            <TextField field={fields.currentPassword} autoComplete="current-password" />
            <TextField field={fields.newPassword} autoComplete="new-password" />
            <TextField field={fields.confirm} autoComplete="new-password" />
          </StaffForm>
        </div>
      </div>
    </>
  );
}
