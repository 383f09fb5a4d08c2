import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { SummaryList } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { assessmentForm, decisionForm } from "~/domain/case-forms";
import { summaryRows } from "~/domain/form-spec";
import { now } from "~/services/app-clock.server";
import { latestRecord, logConsultation } from "~/services/case-view.server";
import { verifyStepUp } from "~/services/sign-in.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-decision";
export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Decision", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "approve");
  const assessment = latestRecord(page.caseHeader.id, "assessment");
  if (assessment) logConsultation(page.caseHeader.id, user, context.requestId, "assessment viewed for decision");
  return {
    ...page,
    assessment: assessment ? summaryRows(assessmentForm, assessment.data) : [],
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(
    request,
    context,
    params,
    FORM_KEY,
    decisionForm.schema(now()),
    (v, user) => {
      // Signing a decision needs a fresh second-factor code (step-up), not just the session.
      if (v.decision !== "return" && !verifyStepUp(user, v.code ?? "")) {
        return { error: { code: "The code is not right or has already been used. Enter the current code from your authenticator app" } };
      }
      return { action: v.decision, decision: { outcome: v.decision === "reject" ? (v.outcome ?? null) : null, reasons: v.reasons } };
    },
    { hideFields: ["code"] },
  );

export default function DecisionPage() {
  const { caseHeader, blocked, lastResult, assessment } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(decisionForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Decide on the recommendation" submitText="Sign the decision"
      formError={formError} errors={errors}
      before={<><h2 className="govuk-heading-m">The assessment</h2><SummaryList rows={assessment.map((r) => ({ key: r.key, value: <span className="app-preserve-lines">{r.value}</span> }))} /></>}>
      <RadiosField field={fields.decision} legendSize="m" conditional={{ reject: <RadiosField field={fields.outcome} /> }} />
      <TextareaField field={fields.reasons} rows={5} />
      <TextField field={fields.code} inputMode="numeric" autoComplete="one-time-code" className="govuk-input--width-10" noValue />
    </CaseFormPage>
  );
}
