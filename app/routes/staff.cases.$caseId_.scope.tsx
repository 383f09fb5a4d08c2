import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { scopeSchema } from "~/domain/case-forms";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-scope";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Scope decision", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "scope_in");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, scopeSchema(), (v) =>
    v.inScope === "yes"
      ? { action: "scope_in", data: { inScope: true } }
      : { action: "scope_out", data: { inScope: false, reason: v.reason, alternativeAction: v.alternativeAction } },
  );

export default function ScopePage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Scope decision" submitText="Save scope decision"
      formError={errorOf("form")}
      errors={[
        { text: errorOf("inScope"), href: "#inScope" },
        { text: errorOf("reason"), href: "#reason" },
        { text: errorOf("alternativeAction"), href: "#alternativeAction" },
      ]}>
      <Radios name="inScope" legend="Is the application in scope?" legendSize="m"
        hint="In scope: a named subject, a named child, and real contact between them"
        error={errorOf("inScope")} defaultValue={valueOf("inScope")}
        items={[
          { value: "yes", text: "Yes, in scope" },
          {
            value: "no",
            text: "No, not progressed",
            conditional: (
              <>
                <Textarea id="reason" name="reason" label="Why it is not progressed" rows={3} error={errorOf("reason")} defaultValue={valueOf("reason")} />
                <Textarea id="alternativeAction" name="alternativeAction" label="What the police will do instead, and how the applicant is told" rows={3}
                  error={errorOf("alternativeAction")} defaultValue={valueOf("alternativeAction")} />
              </>
            ),
          },
        ]} />
    </CaseFormPage>
  );
}
