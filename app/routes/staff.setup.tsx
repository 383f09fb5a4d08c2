// Account set-up from the one-time emailed link. The token arrives in the query string once and
// is moved at once into a short-lived cookie, so it does not stay in the address bar or history.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Input } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { appCookie } from "~/services/cookies.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { AccountError, completeSetup, userForSetupToken } from "~/services/staff-accounts.server";
import { createSession } from "~/services/staff-sessions.server";

const FORM_KEY = "staff-setup";
const schema = z
  .object({
    password: z.string({ required_error: "Enter a password" }).max(1024, "Password must be 256 characters or fewer"),
    confirm: z.string({ required_error: "Enter the password again" }).max(1024, "Enter the password again"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match" });

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
    return redirectWithErrors(request, FORM_KEY, submission.reply({ hideFields: ["password", "confirm"] }), { schema: schema });
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
  const { errorOf } = useStepForm(lastResult, undefined);
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
        <StaffForm
          submitText="Continue"
          errors={[
            { text: errorOf("password"), href: "#password" },
            { text: errorOf("confirm"), href: "#confirm" },
          ]}
        >
          <input type="text" name="username" autoComplete="username" defaultValue={email ?? ""} hidden readOnly />
          <Input id="password" name="password" type="password" label="Create a password" autoComplete="new-password"
            hint="Use at least 15 characters. A few unrelated words make a strong password that is easy to remember. Avoid common passwords and your own name."
            error={errorOf("password")} />
          <Input id="confirm" name="confirm" type="password" label="Enter the password again" autoComplete="new-password"
            error={errorOf("confirm")} />
        </StaffForm>
      </div>
    </div>
  );
}
