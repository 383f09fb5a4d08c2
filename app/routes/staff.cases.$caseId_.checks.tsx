import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { Button, Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput } from "~/components/staff-form";
import { checkForm } from "~/domain/case-forms";
import { formatIsoDate, ukDateTime } from "~/domain/time";
import { isoDateOf } from "~/domain/form-spec";
import { checksOf, logConsultation } from "~/services/case-view.server";
import { now } from "~/services/app-clock.server";
import { getSetting } from "~/services/settings.server";
import { blockedReason, handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Research and checks", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "add_check");
  logConsultation(page.caseHeader.id, user, context.requestId, "checks page viewed");
  return {
    ...page,
    checkTypes: getSetting("checks.types"),
    done: checksOf(page.caseHeader.id).map((c) => ({ checkType: c.checkType, relevant: c.relevant, doneOn: formatIsoDate(c.doneAt.toISOString().slice(0, 10)) })),
    canComplete: blockedReason(user, summary, "complete_checks") === null,
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, checkForm(getSetting("checks.types")).schema(now()), (v) => ({
    action: "add_check",
    check: {
      checkType: v.checkType,
      doneBy: v.doneBy,
      doneAt: ukDateTime(isoDateOf(v, "done")!, "12:00"),
      resultSummary: v.resultSummary,
      relevant: v.relevant === "yes",
    },
  }));

export default function ChecksPage() {
  const { caseHeader, blocked, lastResult, checkTypes, done, canComplete } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(checkForm(checkTypes), lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Research and checks" submitText="Record this check"
      formError={formError}
      before={
        <>
          {done.length > 0 ? (
            <Table caption="Checks recorded" head={["Check", "Done", "Relevant"]}
              rows={done.map((c) => [c.checkType, c.doneOn, c.relevant ? <Tag key="r" colour="red">Relevant</Tag> : "Not relevant"])} />
          ) : (
            <p className="govuk-body">No checks recorded yet.</p>
          )}
          {canComplete ? (
            <Form method="post" action={`/staff/cases/${caseHeader.id}/checks-complete`}>
              <CsrfInput />
              <Button variant="secondary">Checks complete: continue to risk assessment</Button>
            </Form>
          ) : null}
          <h2 className="govuk-heading-m">Record a check</h2>
        </>
      }
      errors={errors}>
      <RadiosField field={fields.checkType} small />
      <TextField field={fields.doneBy} />
      <DateField field={fields.done} legendSize="s" />
      <TextareaField field={fields.resultSummary} />
      <RadiosField field={fields.relevant} inline />
    </CaseFormPage>
  );
}
