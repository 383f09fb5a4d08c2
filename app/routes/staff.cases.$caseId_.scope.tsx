import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { RadiosField, TextareaField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { scopeForm } from "~/domain/case-forms";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-scope";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Scope decision", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "scope_in");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, scopeForm.schema(now()), (v) =>
    v.inScope === "yes"
      ? { action: "scope_in", data: { inScope: true } }
      : { action: "scope_out", data: { inScope: false, reason: v.reason, alternativeAction: v.alternativeAction } },
  );

export default function ScopePage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(scopeForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Scope decision" submitText="Save scope decision"
      formError={formError} errors={errors}>
      <RadiosField field={fields.inScope} legendSize="m" conditional={{
        no: (
          <>
            <TextareaField field={fields.reason} rows={3} />
            <TextareaField field={fields.alternativeAction} rows={3} />
          </>
        ),
      }} />
    </CaseFormPage>
  );
}
