import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { retriageSchema } from "~/domain/case-forms";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-retriage";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Re-triage an overdue case", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "retriage");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, retriageSchema(), (v) => ({ action: "retriage", data: v }));

export default function RetriagePage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Re-triage: is the child safe while the case waits?" submitText="Save re-triage"
      formError={errorOf("form")}
      errors={[{ text: errorOf("childSafe"), href: "#childSafe" }, { text: errorOf("action"), href: "#action" }]}>
      <Radios name="childSafe" legend="Is the child safe while the case waits?" legendSize="m" error={errorOf("childSafe")} defaultValue={valueOf("childSafe")}
        items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }, { value: "unknown", text: "Not known" }]} />
      <Textarea id="action" name="action" label="What has been done, or will be done" rows={4} error={errorOf("action")} defaultValue={valueOf("action")} />
    </CaseFormPage>
  );
}
