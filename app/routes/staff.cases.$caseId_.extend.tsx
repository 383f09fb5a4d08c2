import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Input, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { extensionSchema } from "~/domain/case-forms";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-extend";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Extend the decision deadline", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "extend");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, extensionSchema(), (v) => ({ action: "extend", days: v.days, reason: v.reason }));

export default function ExtendPage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Extend the decision deadline" submitText="Approve the extension"
      formError={errorOf("form")}
      errors={[{ text: errorOf("days"), href: "#days" }, { text: errorOf("reason"), href: "#reason" }]}>
      <p className="govuk-body">You are recorded as the manager approving the extension. The clock moves by the days given.</p>
      <Input id="days" name="days" label="Extend by (days)" inputMode="numeric" className="govuk-input--width-3" error={errorOf("days")} defaultValue={valueOf("days")} />
      <Textarea id="reason" name="reason" label="Reason" rows={4} error={errorOf("reason")} defaultValue={valueOf("reason")} />
    </CaseFormPage>
  );
}
