import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BackLink, Input } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { changePassword } from "~/services/staff-accounts.server";

const FORM_KEY = "staff-change-password";
const schema = z
  .object({
    currentPassword: z.string({ required_error: "Enter your current password" }).max(1024, "Enter your current password"),
    newPassword: z.string({ required_error: "Enter a new password" }).max(1024, "Password must be 256 characters or fewer"),
    confirm: z.string({ required_error: "Enter the new password again" }).max(1024, "Enter the new password again"),
  })
  .refine((v) => v.newPassword === v.confirm, { path: ["confirm"], message: "The new passwords do not match" });

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Change your password", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "any-staff");
  return loadFormResult(request, FORM_KEY);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireStaff(request, context, "any-staff");
  const submission = parseWithZod(await request.formData(), { schema });
  const hidden = ["currentPassword", "newPassword", "confirm"];
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: hidden }), { schema: schema });
  const problem = await changePassword(user, submission.value.currentPassword, submission.value.newPassword, session.id, context.requestId);
  if (problem) return redirectWithErrors(request, FORM_KEY, errorResult({ [problem.field]: problem.message }), { schema: schema });
  return redirect("/staff/account", { status: 303 });
}

export default function ChangePasswordPage() {
  const { lastResult } = useLoaderData<typeof loader>();
  const { errorOf } = useStepForm(lastResult, undefined);
  return (
    <>
      <BackLink href="/staff/account" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Change your password</h1>
          <StaffForm
            submitText="Change password"
            errors={[
              { text: errorOf("currentPassword"), href: "#currentPassword" },
              { text: errorOf("newPassword"), href: "#newPassword" },
              { text: errorOf("confirm"), href: "#confirm" },
            ]}
          >
            <Input id="currentPassword" name="currentPassword" type="password" label="Current password" autoComplete="current-password" error={errorOf("currentPassword")} />
            <Input id="newPassword" name="newPassword" type="password" label="New password" autoComplete="new-password"
              hint="At least 15 characters. Changing it signs you out everywhere else." error={errorOf("newPassword")} />
            <Input id="confirm" name="confirm" type="password" label="Enter the new password again" autoComplete="new-password" error={errorOf("confirm")} />
          </StaffForm>
        </div>
      </div>
    </>
  );
}
