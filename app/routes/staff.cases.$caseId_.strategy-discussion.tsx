// Record a strategy discussion with partner agencies: when, who was there, and what it decided.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { toRecord } from "~/domain/form-spec";
import { todayParts } from "~/domain/time";
import { strategyDiscussionForm } from "~/domain/referrals";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-strategy-discussion";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Record a strategy discussion", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "strategy_discussion");
  const today = todayParts(now());
  return { ...page, defaults: { heldDay: today.day, heldMonth: today.month, heldYear: today.year } };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, strategyDiscussionForm.schema(now()), (v) => ({
    action: "strategy_discussion",
    data: toRecord(strategyDiscussionForm, v),
  }));

export default function StrategyDiscussionPage() {
  const { caseHeader, blocked, lastResult, defaults } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(strategyDiscussionForm, lastResult, defaults);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record a strategy discussion" submitText="Save the strategy discussion"
      formError={formError} errors={errors}>
      <DateField field={fields.held} legendSize="s" />
      <TextareaField field={fields.agenciesPresent} rows={3} />
      <RadiosField field={fields.outcome} legendSize="s" />
      <TextareaField field={fields.notes} rows={4} />
    </CaseFormPage>
  );
}
