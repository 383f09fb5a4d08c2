import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Input } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { stashFlash } from "~/services/flash.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireSessionStage } from "~/services/guard.server";
import { confirmTotpEnrolment, pendingTotpSecret, totpUriFor } from "~/services/staff-accounts.server";
import { createSession, endSession } from "~/services/staff-sessions.server";
import { qrCodeSvg } from "~/services/totp.server";

const FORM_KEY = "staff-enrol";
export const RECOVERY_CODES_FLASH = "recovery-codes";
const schema = z.object({
  code: z.string({ required_error: "Enter the 6-digit code from your authenticator app" }).trim().max(20, "Enter the 6-digit code from your authenticator app"),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Set up your second factor", data?.hasErrors);

export async function loader({ request }: LoaderFunctionArgs) {
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
  const { setCookie } = await createSession(user.id, "active", request, context.clientIp, new Date());
  const headers = new Headers({ "Set-Cookie": setCookie });
  headers.append("Set-Cookie", await stashFlash(RECOVERY_CODES_FLASH, codes));
  return redirect("/staff/recovery-codes", { status: 303, headers });
}

export default function EnrolPage() {
  const { lastResult, secret, qrDataUri } = useLoaderData<typeof loader>();
  const { errorOf } = useStepForm(lastResult, undefined);
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
        <StaffForm submitText="Continue" errors={[{ text: errorOf("code"), href: "#code" }]}>
          <Input id="code" name="code" label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code"
            className="govuk-input--width-10" error={errorOf("code")} />
        </StaffForm>
      </div>
    </div>
  );
}
