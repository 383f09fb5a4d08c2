// Research and checks: each check with its result (trace, no trace, not applicable), when it was
// done (defaulting to now) and by whom (the signed-in user, perhaps with another officer);
// children's social care records each named child's child protection plan status. "Checks
// complete" waits for a result on every required check (a per-force setting).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { CheckboxesField, DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { Button, SummaryList, Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput, StaffForm } from "~/components/staff-form";
import { checkForm, childPlanField, identityForm } from "~/domain/case-forms";
import { isoDateOf, summaryRows } from "~/domain/form-spec";
import { formatDateTime, nowTime, todayParts, ukDateTime } from "~/domain/time";
import { CHECK_FINDINGS, CHECK_RESULTS, CP_PLAN_STATUSES, isChildrensSocialCareCheck, missingMandatoryChecks, type CheckFinding } from "~/domain/research-checks";
import { checksOf, childrenOf, latestRecord, logConsultation } from "~/services/case-view.server";
import { now } from "~/services/app-clock.server";
import { loadFormResult } from "~/services/forms.server";
import { getSetting } from "~/services/settings.server";
import { blockedReason, caseIdOf, handleCaseForm, IDENTITY_FORM_KEY, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Research and checks", data?.hasErrors || data?.identityForm.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "add_check");
  const caseId = page.caseHeader.id;
  logConsultation(caseId, user, context.requestId, "checks page viewed");
  const checks = checksOf(caseId);
  const children = childrenOf(caseId);
  const childName = new Map(children.map((c) => [c.id, c.name]));
  const identity = latestRecord(caseId, "subject_identity");
  const at = now();
  const today = todayParts(at);
  return {
    ...page,
    identityForm: await loadFormResult(request, IDENTITY_FORM_KEY),
    userName: user.displayName,
    checkTypes: getSetting("checks.types"),
    missing: missingMandatoryChecks(getSetting("checks.mandatory"), checks.map((c) => ({ checkType: c.checkType, result: c.result, findings: c.findings as CheckFinding[] }))),
    children,
    identity: identity ? summaryRows(identityForm, identity.data) : null,
    done: checks.map((c) => ({
      checkType: c.checkType,
      result: c.result ? CHECK_RESULTS[c.result] : "No result recorded",
      findings: (c.findings as CheckFinding[]).map((f) => CHECK_FINDINGS[f]),
      plans: c.childPlans.map((p) => `${childName.get(p.childId) ?? "A child"}: ${CP_PLAN_STATUSES[p.status as keyof typeof CP_PLAN_STATUSES] ?? p.status}`),
      doneAt: formatDateTime(c.doneAt),
      by: c.otherOfficer ? `${c.doneBy} with ${c.otherOfficer}` : c.doneBy,
    })),
    canComplete: blockedReason(user, summary, "complete_checks") === null,
    canConfirm: blockedReason(user, summary, "confirm_identity") === null,
    defaults: { doneDay: today.day, doneMonth: today.month, doneYear: today.year, doneTime: nowTime(at) },
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) => {
  const children = childrenOf(caseIdOf(params));
  const at = now();
  return handleCaseForm(request, context, params, FORM_KEY, checkForm(getSetting("checks.types"), children).schema(at), (v, user) => {
    const doneAt = ukDateTime(isoDateOf(v, "done")!, v.doneTime);
    if (doneAt.getTime() > at.getTime() + 60_000) return { error: { doneTime: "The time of the check must be now or in the past" } };
    const values = v as Record<string, unknown>;
    const plans = isChildrensSocialCareCheck(v.checkType) && v.result !== "not_applicable"
      ? children.map((c) => ({ childId: c.id, status: String(values[childPlanField(c)]) }))
      : [];
    return {
      action: "add_check",
      check: {
        checkType: v.checkType,
        doneBy: user.displayName,
        otherOfficer: v.otherOfficer ?? null,
        doneAt,
        result: v.result,
        findings: v.result === "trace" ? (v.findings as CheckFinding[]) : [],
        childPlans: plans,
        resultSummary: v.resultSummary,
      },
    };
  });
};

export default function ChecksPage() {
  const { caseHeader, blocked, lastResult, identityForm: idResult, userName, checkTypes, missing, children, identity, done, canComplete, canConfirm, defaults } = useLoaderData<typeof loader>();
  const form = checkForm(checkTypes, children);
  const { fields, errors, formError } = useFormKit(form, lastResult, defaults);
  const planFields = fields as unknown as Record<string, (typeof fields)["result"]>;
  const childPlans = children.length ? <>{children.map((c) => <RadiosField key={c.id} field={planFields[childPlanField(c)]} small />)}</> : undefined;
  return (
    // A new form for each check: with JavaScript the page is re-rendered in place after "Check
    // recorded", and the inputs would otherwise still hold the last check's answers.
    <CaseFormPage key={done.length} caseHeader={caseHeader} blocked={blocked} title="Research and checks" submitText="Record this check"
      formError={formError}
      before={
        <>
          <h2 className="govuk-heading-m">Required checks</h2>
          {missing.length === 0 ? (
            <p className="govuk-body">Every required check has a result.</p>
          ) : (
            <>
              <p className="govuk-body">Each of these needs a result before the case can go to risk assessment:</p>
              <ul className="govuk-list govuk-list--bullet">{missing.map((m) => <li key={m}>{m}</li>)}</ul>
            </>
          )}
          {done.length > 0 ? (
            <Table caption="Checks recorded" head={["Check", "Result", "Done", "By"]}
              rows={done.map((c) => [
                c.checkType,
                <span key="r">
                  {c.result}
                  {c.findings.map((f) => <span key={f}><br /><Tag colour="red">{f}</Tag></span>)}
                  {c.plans.map((p) => <span key={p} className="govuk-body-s"><br />{p}</span>)}
                </span>,
                c.doneAt,
                c.by,
              ])} />
          ) : (
            <p className="govuk-body">No checks recorded yet.</p>
          )}
          <h2 className="govuk-heading-m">The subject's confirmed identity</h2>
          {identity ? <SummaryList rows={identity} /> : <p className="govuk-body">Not recorded yet.</p>}
          {canConfirm ? <IdentityForm caseId={caseHeader.id} lastResult={idResult.lastResult} corrected={identity !== null} /> : null}
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
      <RadiosField field={fields.checkType} small
        conditional={Object.fromEntries(checkTypes.filter(isChildrensSocialCareCheck).map((t) => [t, childPlans]))} />
      <RadiosField field={fields.result} conditional={{ trace: <CheckboxesField field={fields.findings} small /> }} />
      <DateField field={fields.done} legendSize="s" />
      <TextField field={fields.doneTime} />
      <p className="govuk-body">Done by: <strong>{userName}</strong> (you)</p>
      <TextField field={fields.otherOfficer} />
      <TextareaField field={fields.resultSummary} />
    </CaseFormPage>
  );
}

/** The identity form: a small form of its own beside the checks (its own errors and button). */
function IdentityForm({ caseId, lastResult, corrected }: { caseId: number; lastResult: Parameters<typeof useFormKit>[1]; corrected: boolean }) {
  const { fields, errors, formError } = useFormKit(identityForm, lastResult);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <StaffForm action={`/staff/cases/${caseId}/identity`} submitText={corrected ? "Correct the confirmed identity" : "Record the confirmed identity"}
          secondary errors={[{ text: formError, href: "#main-content" }, ...errors]}>
          <TextField field={fields.fullName} />
          <DateField field={fields.dob} legendSize="s" />
        </StaffForm>
      </div>
    </div>
  );
}
