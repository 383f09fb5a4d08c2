// The subject's identity as the checks confirmed it (full name, date of birth): recorded once
// found, shown from then on. The form sits on the checks page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { identityForm } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { now } from "~/services/app-clock.server";
import { caseIdOf, handleCaseForm, IDENTITY_FORM_KEY, requireCase } from "./__case-form.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCase(request, context, params);
  return redirect(`/staff/cases/${caseIdOf(params)}/checks`);
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, IDENTITY_FORM_KEY, identityForm.schema(now()), (v) => {
    const record = toRecord(identityForm, v);
    return { action: "confirm_identity", identity: { fullName: String(record.fullName), dateOfBirth: String(record.dateOfBirth) } };
  });
