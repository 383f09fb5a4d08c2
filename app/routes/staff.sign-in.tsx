import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TextField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { secretFields } from "~/domain/form-spec";
import { signInForm } from "~/domain/staff-auth-forms";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { checkPassword } from "~/services/sign-in.server";
import { createSession, endSession, lookupSession, sessionIdOf } from "~/services/staff-sessions.server";

const schema = signInForm.schema();

export const FORM_KEY = "staff-sign-in";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Sign in", data?.hasErrors);

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await lookupSession(request);
  if (found.state === "found" && found.session.stage === "active") throw redirect("/staff");
  return loadFormResult(request, FORM_KEY);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: secretFields(signInForm) }), { schema: schema });
  }
  const { email, password } = submission.value;
  const result = await checkPassword(email, password, context.clientIp, context.requestId);
  if (result.kind !== "ok") {
    // One message for an unknown email and a wrong password: it must not tell them apart.
    const message =
      result.kind === "throttled"
        ? `Too many attempts to sign in. Wait ${describeWait(result.retryAfterSeconds)}, then try again.`
        : "Enter a correct email address and password";
    return redirectWithErrors(request, FORM_KEY, errorResult({ email: message }, { email }), { schema: schema });
  }
  // Never reuse a session id across sign-ins (session fixation).
  const previous = await sessionIdOf(request);
  if (previous) endSession(previous);
  const stage = result.user.totpEnrolledAt ? "password" : "enrol";
  const { setCookie } = await createSession(result.user.id, stage, request, context.clientIp);
  return redirect(stage === "enrol" ? "/staff/enrol" : "/staff/second-factor", {
    status: 303,
    headers: { "Set-Cookie": setCookie },
  });
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export default function SignInPage() {
  const { lastResult } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(signInForm, lastResult);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">For police staff working on disclosure scheme cases.</p>
        <StaffForm submitText="Continue" errors={errors}>
          <TextField field={fields.email} type="email" autoComplete="username" spellCheck={false} />
          <TextField field={fields.password} autoComplete="current-password" />
        </StaffForm>
      </div>
    </div>
  );
}
