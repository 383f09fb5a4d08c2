// The risk assessment: pre-filled from the check results, with a flag wherever an answer
// disagrees with a check; MAPPA (every registered sex offender is category 1; a pending MAPPA
// decision holds the case here) and the subject's representations; the person best placed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { Fieldset, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { contradictions, prefillFromChecks } from "~/domain/assessment-rules";
import { assessmentForm } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { now } from "~/services/app-clock.server";
import { recordedChecks } from "~/services/case-actions.server";
import { hasApplicant, latestRecord, logConsultation } from "~/services/case-view.server";
import { getDb } from "~/services/db.server";
import { caseIdOf, handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-assessment";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Risk assessment", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "submit_assessment", { draft: true });
  const caseId = page.caseHeader.id;
  // A returned assessment starts from the previous version; a first one from the check results.
  const previous = latestRecord(caseId, "assessment");
  if (previous) logConsultation(caseId, user, context.requestId, "previous assessment viewed");
  const checks = recordedChecks(getDb(), caseId);
  return {
    ...page,
    defaults: previous?.data ?? prefillFromChecks(checks),
    flags: previous ? contradictions(previous.data, checks).map((c) => c.text) : [],
    withApplicant: hasApplicant(caseId),
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) => {
  const withApplicant = hasApplicant(caseIdOf(params));
  return handleCaseForm(request, context, params, FORM_KEY, assessmentForm.schema(now()), (v) => {
    if (v.recommendation === "disclose" && v.recipientIs === "applicant" && !withApplicant) {
      return { error: { recipientIs: "There is no applicant on this case: name the person best placed" } };
    }
    return { action: "submit_assessment", data: toRecord(assessmentForm, v) };
  }, { draft: "submit_assessment" });
};

export default function AssessmentPage() {
  const { caseHeader, blocked, lastResult, defaults, flags, withApplicant, draft } = useLoaderData<typeof loader>();
  // A saved draft wins over the returned assessment (or the check results) it may have started from.
  const { fields, errors, formError } = useFormKit(assessmentForm, lastResult, draft?.values ?? defaults);
  const someoneElse = (
    <>
      <TextField field={fields.recipientName} />
      <TextField field={fields.recipientRelationship} />
    </>
  );
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Risk assessment and recommendation" submitText="Submit for a manager's decision"
      formError={formError} errors={errors} draft={draft}
      before={flags.length ? <WarningText>This assessment disagrees with the checks: {flags.join(". ")}.</WarningText> : null}>
      <p className="govuk-body">Answers about convictions and registration start from the check results. Where you answer differently, the decision page shows it.</p>
      <Fieldset legend="What the research found" legendSize="m">
        <RadiosField field={fields.csoConvictions} inline />
        <TextareaField field={fields.csoDetails} />
        <TextareaField field={fields.otherConvictions} />
        <TextareaField field={fields.intelligence} />
        <RadiosField field={fields.registeredSexOffender} inline />
        <RadiosField field={fields.mappaManaged} conditional={{
          yes: (
            <>
              <RadiosField field={fields.mappaCategory} small />
              <RadiosField field={fields.mappaLevel} small />
              <RadiosField field={fields.mappaDecisionStatus} small conditional={{
                made: (
                  <>
                    <DateField field={fields.mappaMeeting} legendSize="s" />
                    <TextareaField field={fields.mappaDecision} rows={3} />
                  </>
                ),
              }} />
            </>
          ),
        }} />
      </Fieldset>
      <Fieldset legend="Risk and rationale" legendSize="m">
        <TextareaField field={fields.riskToChild} />
        <TextareaField field={fields.necessity} />
        <TextareaField field={fields.proportionality} />
        <TextareaField field={fields.article8} />
      </Fieldset>
      <Fieldset legend="The subject's representations" legendSize="m">
        <RadiosField field={fields.representationsSought} conditional={{
          yes: (
            <>
              <DateField field={fields.representationsAsked} legendSize="s" />
              <TextareaField field={fields.representationsReply} rows={3} />
              <TextareaField field={fields.representationsWeighed} rows={3} />
            </>
          ),
          no: <TextareaField field={fields.representationsReason} rows={3} />,
        }} />
      </Fieldset>
      <RadiosField field={fields.recommendation} legendSize="m" />
      <Fieldset legend="If disclosing: the person best placed to protect the child" legendSize="m">
        <p className="govuk-body">This is often not the applicant. Someone else is recorded as a person of their own.</p>
        {withApplicant ? <RadiosField field={fields.recipientIs} conditional={{ other: someoneElse }} /> : someoneElse}
        <TextareaField field={fields.recipientReason} />
        <TextareaField field={fields.proposedWording} rows={6} />
      </Fieldset>
    </CaseFormPage>
  );
}
