import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Checkboxes, DateInput, Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { datePartsInError, useStepForm } from "~/components/step-form";
import { IDENTITY_DOCUMENTS, INTERVIEW_METHODS, VERIFICATION_RESULTS, verificationSchema } from "~/domain/case-forms";
import { isoFromParts } from "~/domain/moments";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-verification";
const documentItems = Object.entries(IDENTITY_DOCUMENTS).map(([value, text]) => ({ value, text, exclusive: value === "none" }));

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Interview and verification", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "verification");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, verificationSchema(now()), (v) => ({
    action: "verification",
    data: {
      interviewDate: isoFromParts(v.interviewDay, v.interviewMonth, v.interviewYear),
      method: v.method,
      identityDocuments: v.identityDocuments,
      addressDocuments: v.addressDocuments,
      relationshipDocuments: v.relationshipDocuments,
      result: v.result,
      notes: v.notes ?? null,
    },
  }));

export default function VerificationPage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valueOf, valuesOf } = useStepForm(lastResult, undefined);
  const date = { day: valueOf("interviewDay"), month: valueOf("interviewMonth"), year: valueOf("interviewYear") };
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Interview and verification" submitText="Save and continue to checks"
      formError={errorOf("form")}
      errors={[
        { text: errorOf("interview"), href: "#interview-day" },
        { text: errorOf("method"), href: "#method" },
        { text: errorOf("identityDocuments"), href: "#identityDocuments" },
        { text: errorOf("addressDocuments"), href: "#addressDocuments" },
        { text: errorOf("relationshipDocuments"), href: "#relationshipDocuments" },
        { text: errorOf("result"), href: "#result" },
        { text: errorOf("notes"), href: "#notes" },
      ]}>
      <p className="govuk-body">Nothing about the subject is revealed at the interview.</p>
      <DateInput idPrefix="interview" legend="Date of the interview" legendSize="s"
        names={{ day: "interviewDay", month: "interviewMonth", year: "interviewYear" }} values={date}
        error={errorOf("interview")} errorParts={errorOf("interview") ? datePartsInError(date, "The date of the interview") : undefined} />
      <Radios name="method" legend="How was the interview held?" legendSize="s" error={errorOf("method")} defaultValue={valueOf("method")}
        items={Object.entries(INTERVIEW_METHODS).map(([value, text]) => ({ value, text }))} />
      <Checkboxes name="identityDocuments" idPrefix="identityDocuments" legend="Identity documents seen" legendSize="s"
        error={errorOf("identityDocuments")} defaultValue={valuesOf("identityDocuments")} items={documentItems} small />
      <Checkboxes name="addressDocuments" idPrefix="addressDocuments" legend="Address documents seen" legendSize="s"
        error={errorOf("addressDocuments")} defaultValue={valuesOf("addressDocuments")} items={documentItems} small />
      <Checkboxes name="relationshipDocuments" idPrefix="relationshipDocuments" legend="Documents seen for the relationship to the child" legendSize="s"
        error={errorOf("relationshipDocuments")} defaultValue={valuesOf("relationshipDocuments")} items={documentItems} small />
      <Radios name="result" legend="Result" legendSize="m"
        hint="Unverified or anonymous applicants are told nothing under the scheme, but the case can still go on to safeguarding action"
        error={errorOf("result")} defaultValue={valueOf("result")}
        items={Object.entries(VERIFICATION_RESULTS).map(([value, text]) => ({ value, text }))} />
      <Textarea id="notes" name="notes" label="Notes (optional)" rows={4} error={errorOf("notes")} defaultValue={valueOf("notes")} />
    </CaseFormPage>
  );
}
