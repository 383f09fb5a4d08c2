// "Tell the applicant the case is closed": once the case is closed, a verified applicant is told
// through a route they said is safe, in fixed words. Email goes through the outbox; a call or a
// letter is recorded with its date.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, useFormKit } from "~/components/form-kit";
import { InsetText, SummaryList } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CLOSURE_WORDS, closureMessageForm, closureMessageRecordForm } from "~/domain/closure-message";
import { isoDateOf, summaryRows } from "~/domain/form-spec";
import { formatDateTime } from "~/domain/time";
import { now } from "~/services/app-clock.server";
import { caseIdentity, logConsultation } from "~/services/case-view.server";
import { closureMessageState, recordClosureMessage } from "~/services/closure-message.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { redirectWithNotice } from "~/services/notice.server";
import { caseFormHeader, requireCase } from "./__case-form.server";

const FORM_KEY = "case-tell-applicant";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Tell the applicant the case is closed", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, session, summary } = await requireCase(request, context, params);
  const identity = caseIdentity(summary.id)!;
  const state = closureMessageState(summary.id)!;
  logConsultation(summary.id, user, context.requestId, "tell the applicant the case is closed: page viewed");
  return {
    caseHeader: caseFormHeader(request, session, summary, identity, "delivery"),
    blocked: state.allowed.ok ? null : state.allowed.reason,
    routes: state.allowed.ok ? state.allowed.routes : {},
    told: state.told.map((t) => ({
      when: `recorded ${formatDateTime(t.recordedAt)}`,
      rows: summaryRows(closureMessageRecordForm, t).map(({ key, value }) => ({ key, value })),
    })),
    ...(await loadFormResult(request, FORM_KEY)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, summary } = await requireCase(request, context, params);
  const state = closureMessageState(summary.id)!;
  const form = closureMessageForm(state.allowed.ok ? state.allowed.routes : {});
  const schema = form.schema(now());
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema });
  const v = submission.value;
  const result = recordClosureMessage(summary.id, { route: v.route, toldOn: isoDateOf(v, "told"), notes: v.notes }, user, context.requestId);
  if (!result.ok) return redirectWithErrors(request, FORM_KEY, errorResult({ form: result.reason }, submission.payload), { schema });
  const notice = v.route === "email" ? "The email to the applicant is on its way" : "Recorded: the applicant was told the case is closed";
  return redirectWithNotice(request, `/staff/cases/${summary.id}`, notice);
}

export default function TellApplicantPage() {
  const { caseHeader, blocked, routes, told, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(closureMessageForm(routes), lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Tell the applicant the case is closed" submitText="Save"
      formError={formError} errors={errors}
      before={
        <>
          {told.map((t, i) => (
            <SummaryList key={i} card={{ title: `Told before, ${t.when}` }} rows={t.rows.map((r) => ({ key: r.key, value: <span className="app-preserve-lines">{r.value}</span> }))} />
          ))}
          {blocked ? null : (
            <InsetText>
              <p className="govuk-body">They are told only this, by any route:</p>
              <p className="govuk-body govuk-!-margin-bottom-0">{CLOSURE_WORDS}</p>
            </InsetText>
          )}
        </>
      }>
      <RadiosField field={fields.route} />
      <DateField field={fields.told} legendSize="s" />
      <TextareaField field={fields.notes} rows={3} />
    </CaseFormPage>
  );
}
