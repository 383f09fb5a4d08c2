// Closure: the outcomes the decision and the delivery settle are derived, never chosen again;
// staff add only what the records cannot show. Contradictions are refused (app/domain/outcome-rules.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { CheckboxesField, useFormKit } from "~/components/form-kit";
import { SummaryList } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { closeForm } from "~/domain/case-forms";
import { CLOSURE_EXTRAS } from "~/domain/outcome-rules";
import { OUTCOMES, type OutcomeCode } from "~/domain/workflow";
import { now } from "~/services/app-clock.server";
import { outcomesAtClosure } from "~/services/case-view.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-close";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Outcomes and closure", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "close");
  const { derived, recorded } = outcomesAtClosure(page.caseHeader.id);
  const settled = [...new Set([...recorded, ...derived])];
  return {
    ...page,
    settled: settled.map((o) => OUTCOMES[o as OutcomeCode] ?? o),
    extras: Object.fromEntries(CLOSURE_EXTRAS.filter((o) => !settled.includes(o)).map((o) => [o, OUTCOMES[o]])),
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, closeForm.schema(now()), (v) => ({ action: "close", outcomes: v.outcomes ?? [] }));

export default function ClosePage() {
  const { caseHeader, blocked, lastResult, settled, extras } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(closeForm, lastResult);
  // The specification accepts every outcome (a forged one gets the service's reason); the page offers only the extras.
  const offered = { ...fields.outcomes, spec: { ...fields.outcomes.spec, options: extras } };
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Outcomes and closure" submitText="Close the case"
      formError={formError} errors={errors}
      before={<SummaryList card={{ title: "Outcomes from the records" }} rows={[{ key: "Outcomes", value: settled.length ? settled.join("; ") : "None" }]} />}>
      <p className="govuk-body">
        These come from the decision and the delivery and are not chosen again. To close a case early (withdrawn, unable to contact,
        transferred), use &quot;Close early&quot; on the case page.
      </p>
      {Object.keys(extras).length ? <CheckboxesField field={offered} legendSize="m" /> : null}
    </CaseFormPage>
  );
}
