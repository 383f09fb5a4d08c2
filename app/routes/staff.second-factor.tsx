import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TextField, useFormKit } from "~/components/form-kit";
import { Details } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { secretFields } from "~/domain/form-spec";
import { secondFactorForm } from "~/domain/staff-auth-forms";
import { now } from "~/services/app-clock.server";
import { requireSessionStage } from "~/services/guard.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { checkSecondFactor } from "~/services/sign-in.server";
import { clearSessionCookie, createSession, endSession, takeReturnTo } from "~/services/staff-sessions.server";
import { FORM_KEY as SIGN_IN_FORM } from "./staff.sign-in";

const FORM_KEY = "staff-second-factor";
const schema = secondFactorForm.schema();

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Enter your security code", data?.hasErrors);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSessionStage(request, "password");
  return loadFormResult(request, FORM_KEY);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireSessionStage(request, "password");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: secretFields(secondFactorForm) }), { schema: schema });
  const { code, recoveryCode } = submission.value;
  const result = checkSecondFactor(user, session, { code, recoveryCode }, context.requestId);
  if (result.kind === "locked") {
    endSession(session.id);
    return redirectWithErrors(request, SIGN_IN_FORM, errorResult({ email: "Too many wrong security codes. Sign in again." }), {
      to: "/staff/sign-in",
      headers: { "Set-Cookie": await clearSessionCookie() },
    });
  }
  if (result.kind === "throttled") {
    const wait = result.retryAfterSeconds < 60 ? `${result.retryAfterSeconds} seconds` : `${Math.ceil(result.retryAfterSeconds / 60)} minutes`;
    return redirectWithErrors(request, FORM_KEY, errorResult({ code: `Too many wrong security codes. Wait ${wait}, then try again.` }), { schema });
  }
  if (result.kind === "invalid") {
    const field = recoveryCode ? "recoveryCode" : "code";
    return redirectWithErrors(request, FORM_KEY, errorResult({ [field]: recoveryCode ? "This recovery code is not right or has been used" : "The code is not right or has expired. Enter the current code" }), { schema: schema });
  }
  // Signed in: a new session id for the new privilege level; the half-signed-in one ends.
  endSession(session.id);
  const { setCookie } = await createSession(user.id, "active", request, context.clientIp, now());
  // Back to the page they were on when their session ended (a safe staff path), else home.
  const back = await takeReturnTo(request);
  const headers = new Headers();
  headers.append("Set-Cookie", setCookie);
  headers.append("Set-Cookie", back.clear);
  return redirect(back.path ?? "/staff", { status: 303, headers });
}

export default function SecondFactorPage() {
  const { lastResult } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(secondFactorForm, lastResult);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Enter your security code</h1>
        <StaffForm submitText="Sign in" errors={errors}>
          <TextField field={fields.code} inputMode="numeric" autoComplete="one-time-code" className="govuk-input--width-10" />
          <Details summary="I cannot use my authenticator app">
            <TextField field={fields.recoveryCode} spellCheck={false} autoComplete="off" className="govuk-input--width-20" />
          </Details>
        </StaffForm>
      </div>
    </div>
  );
}
