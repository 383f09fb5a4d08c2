import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { takeFlash } from "~/services/flash.server";
import { requireStaff } from "~/services/guard.server";
import { RECOVERY_CODES_FLASH } from "./staff.enrol";

export const meta: MetaFunction = () => staffPageTitle("Save your recovery codes");

/** Shown once, straight after enrolment; only their hashes are stored. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "any-staff");
  const codes = await takeFlash<string[]>(request, RECOVERY_CODES_FLASH);
  if (!codes) throw redirect("/staff");
  return { codes };
}

export default function RecoveryCodesPage() {
  const { codes } = useLoaderData<typeof loader>();
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
