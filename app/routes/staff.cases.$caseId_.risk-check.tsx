import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Checkboxes, DateInput, Input, Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { datePartsInError, useStepForm } from "~/components/step-form";
import { RISK_ACTIONS, riskCheckSchema } from "~/domain/case-forms";
import { isoFromParts, nowTime, todayParts, ukDateTime } from "~/domain/moments";
import { now } from "~/services/clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-risk-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Immediate-risk check", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "risk_check");
  const today = todayParts(now());
  return { ...page, defaults: { checkedDay: today.day, checkedMonth: today.month, checkedYear: today.year, checkedTime: nowTime(now()) } };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, riskCheckSchema(now()), (v) => ({
    action: "risk_check",
    data: {
      immediateRisk: v.immediateRisk,
      actions: v.actions,
      actionDetails: v.actionDetails ?? null,
      checkedAt: ukDateTime(isoFromParts(v.checkedDay, v.checkedMonth, v.checkedYear), v.checkedTime).toISOString(),
    },
  }));

export default function RiskCheckPage() {
  const { caseHeader, blocked, lastResult, defaults } = useLoaderData<typeof loader>();
  const { errorOf, valueOf, valuesOf } = useStepForm(lastResult, defaults);
  const checked = { day: valueOf("checkedDay"), month: valueOf("checkedMonth"), year: valueOf("checkedYear") };
  return (
    <CaseFormPage
      caseHeader={caseHeader}
      blocked={blocked}
      title="Immediate-risk check"
      submitText="Save and continue to scope"
      formError={errorOf("form")}
      errors={[
        { text: errorOf("immediateRisk"), href: "#immediateRisk" },
        { text: errorOf("actions"), href: "#actions" },
        { text: errorOf("actionDetails"), href: "#actionDetails" },
        { text: errorOf("checked"), href: "#checked-day" },
        { text: errorOf("checkedTime"), href: "#checkedTime" },
      ]}
    >
      <Radios name="immediateRisk" legend="Is any child at immediate risk?" legendSize="m" inline
        error={errorOf("immediateRisk")} defaultValue={valueOf("immediateRisk")}
        items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
      <Checkboxes name="actions" idPrefix="actions" legend="Action taken" legendSize="m" hint="Select all that apply"
        error={errorOf("actions")} defaultValue={valuesOf("actions")}
        items={Object.entries(RISK_ACTIONS).map(([value, text]) => ({ value, text, exclusive: value === "none" }))} />
      <Textarea id="actionDetails" name="actionDetails" label="Details of the action (optional unless 'Other action')" rows={4}
        error={errorOf("actionDetails")} defaultValue={valueOf("actionDetails")} />
      <DateInput idPrefix="checked" legend="When was the check made?" legendSize="s"
        names={{ day: "checkedDay", month: "checkedMonth", year: "checkedYear" }} values={checked}
        error={errorOf("checked")} errorParts={errorOf("checked") ? datePartsInError(checked, "The date of the check") : undefined} />
      <Input id="checkedTime" name="checkedTime" label="Time" hint="For example, 14:30" className="govuk-input--width-5"
        error={errorOf("checkedTime")} defaultValue={valueOf("checkedTime")} />
    </CaseFormPage>
  );
}
