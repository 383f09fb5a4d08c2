import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Button, DateInput, Input, Radios, Table, Tag, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput } from "~/components/staff-form";
import { datePartsInError, useStepForm } from "~/components/step-form";
import { checkSchema } from "~/domain/case-forms";
import { formatIsoDate } from "~/domain/dates";
import { isoFromParts, ukDateTime } from "~/domain/moments";
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
  handleCaseForm(request, context, params, FORM_KEY, checkSchema(now(), getSetting("checks.types")), (v) => ({
    action: "add_check",
    check: {
      checkType: v.checkType,
      doneBy: v.doneBy,
      doneAt: ukDateTime(isoFromParts(v.doneDay, v.doneMonth, v.doneYear), "12:00"),
      resultSummary: v.resultSummary,
      relevant: v.relevant === "yes",
    },
  }));

export default function ChecksPage() {
  const { caseHeader, blocked, lastResult, checkTypes, done, canComplete } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  const date = { day: valueOf("doneDay"), month: valueOf("doneMonth"), year: valueOf("doneYear") };
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Research and checks" submitText="Record this check"
      formError={errorOf("form")}
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
      errors={[
        { text: errorOf("checkType"), href: "#checkType" },
        { text: errorOf("doneBy"), href: "#doneBy" },
        { text: errorOf("done"), href: "#done-day" },
        { text: errorOf("resultSummary"), href: "#resultSummary" },
        { text: errorOf("relevant"), href: "#relevant" },
      ]}>
      <Radios name="checkType" legend="Which check?" legendSize="s" error={errorOf("checkType")} defaultValue={valueOf("checkType")}
        items={checkTypes.map((t) => ({ value: t, text: t }))} small />
      <Input id="doneBy" name="doneBy" label="Who did the check" error={errorOf("doneBy")} defaultValue={valueOf("doneBy")} />
      <DateInput idPrefix="done" legend="When" legendSize="s" names={{ day: "doneDay", month: "doneMonth", year: "doneYear" }} values={date}
        error={errorOf("done")} errorParts={errorOf("done") ? datePartsInError(date, "The date of the check") : undefined} />
      <Textarea id="resultSummary" name="resultSummary" label="Result summary" rows={4} error={errorOf("resultSummary")} defaultValue={valueOf("resultSummary")} />
      <Radios name="relevant" legend="Is the result relevant to the risk to the child?" legendSize="s" inline
        error={errorOf("relevant")} defaultValue={valueOf("relevant")} items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
    </CaseFormPage>
  );
}
