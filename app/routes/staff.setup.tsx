// Account set-up from the one-time emailed link. The token arrives in the query string once and
// is moved at once into a short-lived cookie, so it does not stay in the address bar or history.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TextField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { secretFields } from "~/domain/form-spec";
import { setupForm } from "~/domain/staff-auth-forms";
import { appCookie } from "~/services/cookies.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { AccountError, completeSetup, userForSetupToken } from "~/services/staff-accounts.server";
import { createSession } from "~/services/staff-sessions.server";

const FORM_KEY = "staff-setup";
const schema = setupForm.schema();

const setupCookie = () => appCookie("setup", { maxAge: 60 * 60 });

async function tokenFrom(request: Request): Promise<string | null> {
  const value = await setupCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Set up your account", data?.hasErrors);

export async function loader({ request }: LoaderFunctionArgs) {
  const fromLink = new URL(request.url).searchParams.get("token");
  if (fromLink) {
    throw redirect("/staff/setup", { status: 303, headers: { "Set-Cookie": await setupCookie().serialize(fromLink.slice(0, 200)) } });
  }
  const token = await tokenFrom(request);
  const user = token ? userForSetupToken(token) : null;
  return { ...(await loadFormResult(request, FORM_KEY)), valid: Boolean(user), email: user?.email ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = await tokenFrom(request);
  if (!token || !userForSetupToken(token)) return redirect("/staff/setup", { status: 303 });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: secretFields(setupForm) }), { schema: schema });
  }
  try {
    const user = await completeSetup(token, submission.value.password, context.requestId);
    const { setCookie } = await createSession(user.id, "enrol", request, context.clientIp);
    const headers = new Headers({ "Set-Cookie": setCookie });
    headers.append("Set-Cookie", await setupCookie().serialize("", { maxAge: 0 }));
    return redirect("/staff/enrol", { status: 303, headers });
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    return redirectWithErrors(request, FORM_KEY, errorResult({ password: error.message }), { schema: schema });
  }
}

export default function SetupPage() {
  const { lastResult, valid, email } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(setupForm, lastResult);
  if (!valid) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link has expired or has already been used</h1>
          <p className="govuk-body">Set-up links work once, for 24 hours. Ask your administrator to send you a new one.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Set up your account</h1>
        <p className="govuk-body">You are setting up the account for {email}.</p>
        <StaffForm submitText="Continue" errors={errors}>
          <input type="text" name="username" autoComplete="username" defaultValue={email ?? ""} hidden readOnly />
          <TextField field={fields.password} autoComplete="new-password" />
          <TextField field={fields.confirm} autoComplete="new-password" />
        </StaffForm>
      </div>
    </div>
  );
}
