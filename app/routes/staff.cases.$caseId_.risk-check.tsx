import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { CheckboxesField, DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { riskCheckForm } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { nowTime, todayParts } from "~/domain/time";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-risk-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Immediate-risk check", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "risk_check");
  const today = todayParts(now());
  return { ...page, defaults: { checkedDay: today.day, checkedMonth: today.month, checkedYear: today.year, checkedTime: nowTime(now()) } };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, riskCheckForm.schema(now()), (v) => ({
    action: "risk_check",
    data: toRecord(riskCheckForm, v),
  }));

export default function RiskCheckPage() {
  const { caseHeader, blocked, lastResult, defaults } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(riskCheckForm, lastResult, defaults);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Immediate-risk check" submitText="Save and continue to scope"
      formError={formError} errors={errors}>
      <RadiosField field={fields.immediateRisk} legendSize="m" inline />
      <CheckboxesField field={fields.actions} legendSize="m" />
      <TextareaField field={fields.actionDetails} />
      <RadiosField field={fields.suspectedAbuse} legendSize="m" inline />
      <DateField field={fields.checked} legendSize="s" />
      <TextField field={fields.checkedTime} />
    </CaseFormPage>
  );
}
