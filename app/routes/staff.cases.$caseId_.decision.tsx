// The manager's decision: the whole case as evidence (application, children, verification, checks
// with results, the assessment and who made it), signed against the assessment version shown.
// A decision that departs from the presumption to disclose needs a rationale and, on this same
// page, a second manager's signature.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { SummaryList, Table, WarningText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { contradictions, countersignBlocker, DEPARTURE_NAMES, MAPPA_PENDING_REASON, mappaDecisionPending, presumptionFacts, type DecisionOutcome } from "~/domain/assessment-rules";
import { evidenceFor } from "~/domain/case-identity";
import { assessmentForm, boundTo, countersignForm, decisionForm, identityForm, RECOMMENDATIONS, verificationForm } from "~/domain/case-forms";
import { summaryRows } from "~/domain/form-spec";
import { formatDateTime } from "~/domain/time";
import { CHECK_FINDINGS, CHECK_RESULTS, CP_PLAN_STATUSES, type CheckFinding } from "~/domain/research-checks";
import { now } from "~/services/app-clock.server";
import { recordedChecks, researchersOf, type ActionInput } from "~/services/case-actions.server";
import { assessmentForDecision, caseIdentity, checksOf, childrenOf, hasApplicant, latestRecord, logConsultation, pendingCountersignature } from "~/services/case-view.server";
import { getDb } from "~/services/db.server";
import { verifyStepUp } from "~/services/sign-in.server";
import { caseIdOf, handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-decision";
const BAD_CODE = "The code is not right or has already been used. Enter the current code from your authenticator app";
const OWN_CASE = "You researched or assessed this case, so another manager must decide it";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Decision", data?.hasErrors);

/** The recommendation and the facts the presumption rests on, from the latest assessment and the checks. */
function decisionContext(caseId: number) {
  const assessment = assessmentForDecision(caseId);
  const facts = presumptionFacts(assessment?.data ?? {}, recordedChecks(getDb(), caseId));
  const recommendation = (assessment?.data.recommendation as DecisionOutcome | undefined) ?? "no_disclosure";
  return { assessment, facts, recommendation };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "approve");
  const caseId = page.caseHeader.id;
  logConsultation(caseId, user, context.requestId, "case evidence viewed for decision");
  const { assessment, facts, recommendation } = decisionContext(caseId);
  const pending = pendingCountersignature(caseId);
  const checks = checksOf(caseId);
  const identity = caseIdentity(caseId)!;
  const childName = new Map(childrenOf(caseId).map((c) => [c.id, c.name]));
  const verification = latestRecord(caseId, "verification");
  const confirmed = latestRecord(caseId, "subject_identity");
  // While a departure waits for its second signature, this page asks for that signature instead.
  const countersignBlocked = pending ? (summary.status === "decision" ? countersignBlocker({ id: user.id, roles: user.roles }, researchersOf(getDb(), caseId), pending.decidedBy) : "This case is not awaiting a decision") : null;
  const roleBlocked = page.blocked && page.blocked !== OWN_CASE ? page.blocked : null;
  return {
    ...page,
    blocked: pending ? (roleBlocked ?? countersignBlocked) : (page.blocked ?? (mappaDecisionPending(assessment?.data) ? MAPPA_PENDING_REASON : null)),
    assessmentId: assessment?.id ?? null,
    context: { recommendation, facts },
    withApplicant: hasApplicant(caseId),
    departurePossible: facts.csoConvictions || !facts.otherRelevantInformation,
    evidence: {
      application: evidenceFor("scope_in", identity),
      verification: verification ? summaryRows(verificationForm, verification.data) : [{ key: "Result", value: "No interview or verification recorded", field: "result" }],
      identity: confirmed ? summaryRows(identityForm, confirmed.data) : [{ key: "Confirmed identity", value: "Not confirmed by the checks", field: "fullName" }],
      checks: checks.map((c) => [
        c.checkType,
        [
          c.result ? CHECK_RESULTS[c.result] : "No result recorded",
          ...(c.findings as CheckFinding[]).map((f) => CHECK_FINDINGS[f]),
          ...c.childPlans.map((p) => `${childName.get(p.childId) ?? "A child"}: ${CP_PLAN_STATUSES[p.status as keyof typeof CP_PLAN_STATUSES] ?? p.status}`),
        ].join(". "),
        c.resultSummary,
        `${c.otherOfficer ? `${c.doneBy} with ${c.otherOfficer}` : c.doneBy}, ${formatDateTime(c.doneAt)}`,
      ]),
      assessment: assessment ? summaryRows(assessmentForm, assessment.data) : [],
      assessedBy: assessment ? `${assessment.assessorName}, ${formatDateTime(assessment.recordedAt)} (version ${assessment.version})` : null,
      flags: assessment ? contradictions(assessment.data, recordedChecks(getDb(), caseId)).map((f) => f.text) : [],
    },
    pending: pending
      ? {
          id: pending.id,
          what: `${pending.decision === "approve" ? "Approved the recommendation" : "Rejected the recommendation"}: ${RECOMMENDATIONS[pending.outcome as DecisionOutcome] ?? "No decision"}`,
          departure: pending.departure ? DEPARTURE_NAMES[pending.departure] : "",
          rationale: pending.departureRationale ?? "",
          reasons: pending.reasons,
          signed: `${pending.signerName}, ${formatDateTime(pending.decidedAt)}`,
        }
      : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caseId = caseIdOf(params);
  const form = await request.clone().formData();
  if (form.get("intent") === "countersign") {
    return handleCaseForm(request, context, params, FORM_KEY, boundTo(countersignForm, "decisionId"), (v, user) =>
      verifyStepUp(user, v.code) ? { action: "countersign", decisionId: v.decisionId ?? 0 } : { error: { code: BAD_CODE } },
      { hideFields: ["code"] },
    );
  }
  const { recommendation, facts } = decisionContext(caseId);
  const withApplicant = hasApplicant(caseId);
  return handleCaseForm(
    request,
    context,
    params,
    FORM_KEY,
    boundTo(decisionForm({ recommendation, facts }), "assessmentId", now()),
    (v, user): ActionInput | { error: Record<string, string> } => {
      if (v.decision === "reject" && v.outcome === "disclose" && v.recipientIs === "applicant" && !withApplicant) {
        return { error: { recipientIs: "There is no applicant on this case: name the person best placed" } };
      }
      // Signing a decision needs a fresh second-factor code (step-up), not just the session.
      if (v.decision !== "return" && !verifyStepUp(user, v.code ?? "")) return { error: { code: BAD_CODE } };
      return {
        action: v.decision,
        decision: {
          outcome: v.decision === "reject" ? (v.outcome ?? null) : null,
          reasons: v.reasons,
          assessmentId: v.assessmentId ?? 0,
          recipient: { is: v.recipientIs, name: v.recipientName, relationship: v.recipientRelationship, reason: v.recipientReason },
          wording: v.wording,
          departureRationale: v.departureRationale,
        },
      };
    },
    { hideFields: ["code"] },
  );
}

type Row = { key: string; value: string };
const rowsOf = (rows: Row[]) => rows.map((r) => ({ key: r.key, value: <span className="app-preserve-lines">{r.value}</span> }));

export default function DecisionPage() {
  const { caseHeader, blocked, lastResult, assessmentId, context, withApplicant, departurePossible, evidence, pending } = useLoaderData<typeof loader>();
  const spec = decisionForm(context);
  const { fields, errors, formError } = useFormKit(spec, lastResult);
  const counter = useFormKit(countersignForm, lastResult);
  const someoneElse = (
    <>
      <TextField field={fields.recipientName} />
      <TextField field={fields.recipientRelationship} />
    </>
  );
  const disclosing = (
    <>
      {withApplicant ? <RadiosField field={fields.recipientIs} small conditional={{ other: someoneElse }} /> : someoneElse}
      <TextareaField field={fields.recipientReason} rows={3} />
      <TextareaField field={fields.wording} rows={5} />
    </>
  );
  const summary = (
    <>
      <h2 className="govuk-heading-m">The case</h2>
      {evidence.application.map((card) => <SummaryList key={card.title} card={{ title: card.title }} rows={rowsOf(card.rows)} />)}
      <SummaryList card={{ title: "Interview and verification" }} rows={rowsOf(evidence.verification)} />
      <SummaryList card={{ title: "The subject's identity, as the checks confirmed it" }} rows={rowsOf(evidence.identity)} />
      {evidence.checks.length ? (
        <Table caption="Research checks" head={["Check", "Result", "Summary", "Done by and when"]} rows={evidence.checks} />
      ) : (
        <p className="govuk-body">No research checks recorded.</p>
      )}
      <h2 className="govuk-heading-m">The assessment</h2>
      {evidence.assessedBy ? <p className="govuk-body">Assessed by {evidence.assessedBy}.</p> : null}
      {evidence.flags.length ? <WarningText>The assessment disagrees with the checks: {evidence.flags.join(". ")}.</WarningText> : null}
      <SummaryList rows={rowsOf(evidence.assessment)} />
    </>
  );
  if (pending) {
    return (
      <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Second signature: departure from the presumption to disclose"
        submitText="Give the second signature" formError={counter.formError} errors={counter.errors}
        before={
          <>
            <SummaryList card={{ title: "The decision waiting for a second signature" }} rows={rowsOf([
              { key: "Decision", value: pending.what },
              { key: "Departure", value: pending.departure },
              { key: "Rationale", value: pending.rationale },
              { key: "Reasons", value: pending.reasons },
              { key: "Signed by", value: pending.signed },
            ])} />
            {summary}
          </>
        }>
        <input type="hidden" name="intent" value="countersign" />
        <input type="hidden" name="decisionId" value={pending.id} />
        <p className="govuk-body">A second manager, who neither assessed the case nor signed the decision, must sign before the decision is final.</p>
        <TextField field={counter.fields.code} inputMode="numeric" autoComplete="one-time-code" className="govuk-input--width-10" noValue />
      </CaseFormPage>
    );
  }
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Decide on the recommendation" submitText="Sign the decision"
      formError={formError} errors={errors} before={summary}>
      <input type="hidden" name="assessmentId" value={assessmentId ?? ""} />
      <p className="govuk-body">Recommendation: <strong>{RECOMMENDATIONS[context.recommendation]}</strong></p>
      <RadiosField field={fields.decision} legendSize="m" conditional={{
        reject: <RadiosField field={fields.outcome} conditional={{ disclose: disclosing }} />,
      }} />
      {departurePossible ? <TextareaField field={fields.departureRationale} rows={4} /> : null}
      <TextareaField field={fields.reasons} rows={5} />
      <TextField field={fields.code} inputMode="numeric" autoComplete="one-time-code" className="govuk-input--width-10" noValue />
    </CaseFormPage>
  );
}
