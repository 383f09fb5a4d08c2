import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { Fieldset } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { assessmentForm } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { now } from "~/services/app-clock.server";
import { latestRecord, logConsultation } from "~/services/case-view.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-assessment";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Risk assessment", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "submit_assessment", { draft: true });
  // A returned assessment starts from the previous version.
  const previous = latestRecord(page.caseHeader.id, "assessment");
  if (previous) logConsultation(page.caseHeader.id, user, context.requestId, "previous assessment viewed");
  return { ...page, previous: previous?.data ?? null };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, assessmentForm.schema(now()), (v) => ({ action: "submit_assessment", data: toRecord(assessmentForm, v) }), { draft: "submit_assessment" });

export default function AssessmentPage() {
  const { caseHeader, blocked, lastResult, previous, draft } = useLoaderData<typeof loader>();
  // A saved draft wins over the returned assessment it may have started from.
  const { fields, errors, formError } = useFormKit(assessmentForm, lastResult, draft?.values ?? previous ?? undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Risk assessment and recommendation" submitText="Submit for a manager's decision"
      formError={formError} errors={errors} draft={draft}>
      <Fieldset legend="What the research found" legendSize="m">
        <RadiosField field={fields.csoConvictions} inline />
        <TextareaField field={fields.csoDetails} />
        <TextareaField field={fields.otherConvictions} />
        <TextareaField field={fields.intelligence} />
        <RadiosField field={fields.registeredSexOffender} inline />
        <RadiosField field={fields.mappaManaged} inline />
        <TextareaField field={fields.mappaOutcome} />
      </Fieldset>
      <Fieldset legend="Risk and rationale" legendSize="m">
        <TextareaField field={fields.riskToChild} />
        <TextareaField field={fields.necessity} />
        <TextareaField field={fields.proportionality} />
        <TextareaField field={fields.article8} />
        <RadiosField field={fields.representationsSought} inline />
        <TextareaField field={fields.representationsReason} />
      </Fieldset>
      <RadiosField field={fields.recommendation} legendSize="m" />
      <Fieldset legend="If disclosing: the person best placed to protect the child" legendSize="m">
        <p className="govuk-body">This is often not the applicant. They are recorded as a person of their own.</p>
        <TextField field={fields.recipientName} />
        <TextField field={fields.recipientRelationship} />
        <TextareaField field={fields.recipientReason} />
        <TextareaField field={fields.proposedWording} rows={6} />
      </Fieldset>
    </CaseFormPage>
  );
}
