// Deactivating a staff account asks first: it signs the person out everywhere at once.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BackLink, SummaryList, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { ADMINS, ROLE_NAMES } from "~/domain/roles";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { getStaff, setActive } from "~/services/staff-accounts.server";

const FORM_KEY = "staff-deactivate-user";
const schema = z.object({ confirm: z.literal("yes", { errorMap: () => ({ message: "Confirm that you want to deactivate this account" }) }) });

function targetOf(params: { userId?: string }) {
  const id = Number(params.userId);
  const target = Number.isInteger(id) ? getStaff(id) : undefined;
  if (!target) throw new Response("Not found", { status: 404 });
  return target;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Deactivate a staff account", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, ADMINS);
  const target = targetOf(params);
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
  const { user } = await requireStaff(request, context, ADMINS);
  const target = targetOf(params);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema });
  if (target.id === user.id) return redirectWithErrors(request, FORM_KEY, errorResult({ form: "You cannot deactivate your own account" }), { schema });
  if (target.active) setActive(target.id, false, { kind: "staff", id: user.id }, context.requestId);
  return redirect(`/staff/admin/users/${target.id}`, { status: 303 });
}

export default function DeactivateAccountPage() {
  const data = useLoaderData<typeof loader>();
  const { errorOf } = useStepForm(data.lastResult, undefined);
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
          <StaffForm submitText="Yes, deactivate this account" warning
            errors={[{ text: errorOf("form"), href: "#main-content" }, { text: errorOf("confirm"), href: "#main-content" }]}>
            <input type="hidden" name="confirm" value="yes" />
          </StaffForm>
          <p className="govuk-body"><a className="govuk-link" href={back}>No, keep the account active</a></p>
        </div>
      </div>
    </>
  );
}
