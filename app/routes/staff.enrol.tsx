import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TextField, useFormKit } from "~/components/form-kit";
import { Button, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { enrolForm } from "~/domain/staff-schemas";
import { now } from "~/services/app-clock.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireSessionStage } from "~/services/guard.server";
import { confirmTotpEnrolment, pendingTotpSecret, totpUriFor } from "~/services/staff-accounts.server";
import { createSession, endSession } from "~/services/staff-sessions.server";
import { qrCodeSvg } from "~/services/totp.server";

const FORM_KEY = "staff-enrol";
const schema = enrolForm.schema();

/**
 * Requests whose action has just completed enrolment. The recovery codes are shown once, in the
 * response to that POST, from its own memory: they are never stored in clear (not in form_flash,
 * not in a cookie), only their hashes. The page's loader runs in the same request after the action,
 * with the old cookie of the session the action has just ended: this tells it not to send the
 * person to sign in.
 */
const enrolledInThisRequest = new WeakSet<AppLoadContext>();

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data && "enrolled" in data ? staffPageTitle("Save your recovery codes") : staffPageTitle("Set up your second factor", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (enrolledInThisRequest.has(context)) return { enrolled: true as const };
  const { user } = await requireSessionStage(request, "enrol");
  const secret = pendingTotpSecret(user);
  const svg = await qrCodeSvg(totpUriFor(user, secret));
  return {
    ...(await loadFormResult(request, FORM_KEY)),
    secret: secret.match(/.{1,4}/g)!.join(" "),
    qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireSessionStage(request, "enrol");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: ["code"] }), { schema: schema });
  const codes = confirmTotpEnrolment(user, submission.value.code, context.requestId);
  if (!codes) {
    return redirectWithErrors(request, FORM_KEY, errorResult({ code: "The code is not right. Check the app shows this account and enter the current code" }), { schema: schema });
  }
  endSession(session.id);
  const { setCookie } = await createSession(user.id, "active", request, context.clientIp, now());
  enrolledInThisRequest.add(context);
  // The page with the codes is this POST's response (the form posts as a whole page, also with
  // JavaScript). Reloading it cannot show them again: the enrolment session has ended.
  return json({ recoveryCodes: codes }, { headers: { "Set-Cookie": setCookie, "Cache-Control": "no-store" } });
}

export default function EnrolPage() {
  const data = useLoaderData<typeof loader>();
  const enrolled = useActionData<typeof action>();
  if (enrolled?.recoveryCodes) return <RecoveryCodes codes={enrolled.recoveryCodes} />;
  if ("enrolled" in data) return null; // only with the action's data, above
  return <EnrolForm lastResult={data.lastResult} secret={data.secret} qrDataUri={data.qrDataUri} />;
}

function EnrolForm({ lastResult, secret, qrDataUri }: { lastResult: Parameters<typeof useFormKit>[1]; secret: string; qrDataUri: string }) {
  const { fields, errors } = useFormKit(enrolForm, lastResult);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Set up your second factor</h1>
        <p className="govuk-body">
          Every time you sign in you will need a code from an authenticator app on your work phone, as well as your password.
        </p>
        <h2 className="govuk-heading-m">1. Add this account to your authenticator app</h2>
        <p className="govuk-body">Scan this QR code with the app.</p>
        <img src={qrDataUri} alt="QR code for your authenticator app. If you cannot scan it, enter the key shown below instead." width={200} height={200} />
        <p className="govuk-body">Or enter this key in the app:</p>
        <p className="govuk-body govuk-!-font-weight-bold" id="totp-secret">
          <code>{secret}</code>
        </p>
        <h2 className="govuk-heading-m">2. Enter the code the app shows</h2>
        <StaffForm submitText="Continue" reloadDocument errors={errors}>
          <TextField field={fields.code} inputMode="numeric" autoComplete="one-time-code" className="govuk-input--width-10" noValue />
        </StaffForm>
      </div>
    </div>
  );
}

/** Shown once, in the response that completed enrolment; only their hashes are stored. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Save your recovery codes</h1>
        <p className="govuk-body">If you lose your phone, you can sign in with one of these codes instead. Each code works once.</p>
        <WarningText>This is the only time you will see these codes. Keep them somewhere safe, away from your phone.</WarningText>
        <ul className="govuk-list app-recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <Button href="/staff">I have saved my codes</Button>
      </div>
    </div>
  );
}
