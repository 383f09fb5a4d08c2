import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { extensionForm } from "~/domain/case-forms";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-extend";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Extend the decision deadline", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "extend");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, extensionForm.schema(now()), (v) => ({ action: "extend", days: v.days, reason: v.reason }));

export default function ExtendPage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(extensionForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Extend the decision deadline" submitText="Approve the extension"
      formError={formError} errors={errors}>
      <p className="govuk-body">You are recorded as the manager approving the extension. The clock moves by the days given.</p>
      <TextField field={fields.days} />
      <TextareaField field={fields.reason} />
    </CaseFormPage>
  );
}
