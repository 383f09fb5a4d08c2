import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { CheckboxesField, DateField, RadiosField, TextareaField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { verificationForm } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-verification";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Interview and verification", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "verification");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, verificationForm.schema(now()), (v) => ({
    action: "verification",
    data: toRecord(verificationForm, v),
  }));

export default function VerificationPage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(verificationForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Interview and verification" submitText="Save and continue to checks"
      formError={formError} errors={errors}>
      <p className="govuk-body">Nothing about the subject is revealed at the interview.</p>
      <DateField field={fields.interview} legendSize="s" />
      <RadiosField field={fields.method} />
      <CheckboxesField field={fields.identityDocuments} small />
      <CheckboxesField field={fields.addressDocuments} small />
      <CheckboxesField field={fields.relationshipDocuments} small />
      <RadiosField field={fields.result} legendSize="m" />
      <TextareaField field={fields.notes} />
    </CaseFormPage>
  );
}
