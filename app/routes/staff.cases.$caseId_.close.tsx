import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { CheckboxesField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { closeForm } from "~/domain/case-forms";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-close";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Outcomes and closure", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "close");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, closeForm.schema(now()), (v) => ({ action: "close", outcomes: v.outcomes }));

export default function ClosePage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(closeForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Outcomes and closure" submitText="Close the case"
      formError={formError} errors={errors}>
      <CheckboxesField field={fields.outcomes} legendSize="m" />
    </CaseFormPage>
  );
}
