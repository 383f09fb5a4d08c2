import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { RadiosField, TextareaField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { retriageForm } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-retriage";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Re-triage an overdue case", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "retriage");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, retriageForm.schema(now()), (v) => ({ action: "retriage", data: toRecord(retriageForm, v) }));

export default function RetriagePage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(retriageForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Re-triage: is the child safe while the case waits?" submitText="Save re-triage"
      formError={formError} errors={errors}>
      <RadiosField field={fields.childSafe} legendSize="m" />
      <TextareaField field={fields.action} />
    </CaseFormPage>
  );
}
