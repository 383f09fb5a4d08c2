import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Fieldset, Input, Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { assessmentSchema, RECOMMENDATIONS } from "~/domain/case-forms";
import { latestRecord, logConsultation } from "~/services/case-view.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-assessment";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Risk assessment", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "submit_assessment");
  // A returned assessment starts from the previous version.
  const previous = latestRecord(page.caseHeader.id, "assessment");
  if (previous) logConsultation(page.caseHeader.id, user, context.requestId, "previous assessment viewed");
  return { ...page, previous: previous?.data ?? null };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, assessmentSchema(), (v) => ({ action: "submit_assessment", data: v }));

export default function AssessmentPage() {
  const { caseHeader, blocked, lastResult, previous } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, previous ?? undefined);
  const text = (id: string, label: string, hint?: string, rows = 4) => (
    <Textarea id={id} name={id} label={label} hint={hint} rows={rows} error={errorOf(id)} defaultValue={valueOf(id)} />
  );
  const yesNo = (name: string, legend: string, hint?: string) => (
    <Radios name={name} legend={legend} legendSize="s" hint={hint} inline error={errorOf(name)} defaultValue={valueOf(name)}
      items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
  );
  const fields = ["csoConvictions", "csoDetails", "otherConvictions", "intelligence", "riskToChild", "registeredSexOffender", "mappaManaged", "mappaOutcome", "necessity", "proportionality", "article8", "representationsSought", "representationsReason", "recommendation", "recipientName", "recipientRelationship", "recipientReason", "proposedWording"];
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Risk assessment and recommendation" submitText="Submit for a manager's decision"
      formError={errorOf("form")} errors={fields.map((f) => ({ text: errorOf(f), href: `#${f}` }))}>
      <Fieldset legend="What the research found" legendSize="m">
        {yesNo("csoConvictions", "Does the person have convictions for child sexual offences?", "If yes, there is a presumption to disclose")}
        {text("csoDetails", "Details of those convictions (if any)")}
        {text("otherConvictions", "Other relevant convictions (optional)")}
        {text("intelligence", "Relevant intelligence (optional)")}
        {yesNo("registeredSexOffender", "Is the person a registered sex offender?")}
        {yesNo("mappaManaged", "Is the person managed under MAPPA?", "If yes, the decision is routed through MAPPA: record the MAPPA outcome")}
        {text("mappaOutcome", "MAPPA outcome (if MAPPA-managed)")}
      </Fieldset>
      <Fieldset legend="Risk and rationale" legendSize="m">
        {text("riskToChild", "The risk to the named child or children")}
        {text("necessity", "Necessity")}
        {text("proportionality", "Proportionality")}
        {text("article8", "Article 8 rationale", "The subject's right to a private life against the child's protection")}
        {yesNo("representationsSought", "Are the subject's representations sought?")}
        {text("representationsReason", "Why representations are, or are not, sought")}
      </Fieldset>
      <Radios name="recommendation" legend="Recommendation" legendSize="m" error={errorOf("recommendation")} defaultValue={valueOf("recommendation")}
        items={Object.entries(RECOMMENDATIONS).map(([value, label]) => ({ value, text: label }))} />
      <Fieldset legend="If disclosing: the person best placed to protect the child" legendSize="m">
        <p className="govuk-body">This is often not the applicant. They are recorded as a person of their own.</p>
        <Input id="recipientName" name="recipientName" label="Name" error={errorOf("recipientName")} defaultValue={valueOf("recipientName")} />
        <Input id="recipientRelationship" name="recipientRelationship" label="Relationship to the child" error={errorOf("recipientRelationship")} defaultValue={valueOf("recipientRelationship")} />
        {text("recipientReason", "Why they are best placed to protect the child")}
        {text("proposedWording", "Proposed wording of the disclosure", "Exactly what will be said", 6)}
      </Fieldset>
    </CaseFormPage>
  );
}
