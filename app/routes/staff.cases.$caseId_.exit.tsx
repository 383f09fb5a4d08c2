import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { sideExitForm } from "~/domain/case-forms";
import { now } from "~/services/app-clock.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-exit";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Close the case early", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "side_exit");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, sideExitForm.schema(now()), (v) => ({
    action: "side_exit",
    exit: v.exit,
    data: { reason: v.reason, transferredTo: v.transferredTo ?? null },
  }));

export default function ExitPage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(sideExitForm, lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Close the case early" submitText="Close the case"
      formError={formError} errors={errors}>
      <RadiosField field={fields.exit} legendSize="m" conditional={{ transferred: <TextField field={fields.transferredTo} /> }} />
      <TextareaField field={fields.reason} />
    </CaseFormPage>
  );
}
