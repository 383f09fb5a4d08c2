import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Checkboxes } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { closeSchema } from "~/domain/case-forms";
import { OUTCOMES } from "~/domain/workflow";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-close";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Outcomes and closure", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "close");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, closeSchema(), (v) => ({ action: "close", outcomes: v.outcomes }));

export default function ClosePage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valuesOf } = useStepForm(lastResult, undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Outcomes and closure" submitText="Close the case"
      formError={errorOf("form")} errors={[{ text: errorOf("outcomes"), href: "#outcomes" }]}>
      <Checkboxes name="outcomes" idPrefix="outcomes" legend="Outcomes" legendSize="m" hint="Select all that apply. A case may have more than one."
        error={errorOf("outcomes")} defaultValue={valuesOf("outcomes")}
        items={Object.entries(OUTCOMES).map(([value, text]) => ({ value, text }))} />
    </CaseFormPage>
  );
}
