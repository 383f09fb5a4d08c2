import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Input, Radios, SummaryList, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { decisionSchema, RECOMMENDATIONS } from "~/domain/case-forms";
import { latestRecord, logConsultation } from "~/services/case-view.server";
import { verifyStepUp } from "~/services/sign-in.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-decision";
const LABELS: Record<string, string> = {
  csoConvictions: "Child sexual offence convictions",
  csoDetails: "Details",
  otherConvictions: "Other convictions",
  intelligence: "Intelligence",
  registeredSexOffender: "Registered sex offender",
  mappaManaged: "MAPPA-managed",
  mappaOutcome: "MAPPA outcome",
  riskToChild: "Risk to the child",
  necessity: "Necessity",
  proportionality: "Proportionality",
  article8: "Article 8 rationale",
  representationsSought: "Representations sought",
  representationsReason: "Why",
  recommendation: "Recommendation",
  recipientName: "Recipient",
  recipientRelationship: "Recipient's relationship to the child",
  recipientReason: "Why best placed",
  proposedWording: "Proposed wording",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Decision", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "approve");
  const assessment = latestRecord(page.caseHeader.id, "assessment");
  if (assessment) logConsultation(page.caseHeader.id, user, context.requestId, "assessment viewed for decision");
  return {
    ...page,
    assessment: assessment
      ? Object.entries(LABELS)
          .filter(([key]) => assessment.data[key] != null && assessment.data[key] !== "")
          .map(([key, label]) => ({
            key: label,
            value: key === "recommendation" ? RECOMMENDATIONS[assessment.data[key] as keyof typeof RECOMMENDATIONS] : String(assessment.data[key]),
          }))
      : [],
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(
    request,
    context,
    params,
    FORM_KEY,
    decisionSchema(),
    (v, user) => {
      // Signing a decision needs a fresh second-factor code (step-up), not just the session.
      if (v.decision !== "return" && !verifyStepUp(user, v.code ?? "")) {
        return { error: { code: "The code is not right or has already been used. Enter the current code from your authenticator app" } };
      }
      return { action: v.decision, decision: { outcome: v.decision === "reject" ? (v.outcome ?? null) : null, reasons: v.reasons } };
    },
    { hideFields: ["code"] },
  );

export default function DecisionPage() {
  const { caseHeader, blocked, lastResult, assessment } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Decide on the recommendation" submitText="Sign the decision"
      formError={errorOf("form")}
      before={<><h2 className="govuk-heading-m">The assessment</h2><SummaryList rows={assessment.map((r) => ({ key: r.key, value: <span className="app-preserve-lines">{r.value}</span> }))} /></>}
      errors={[
        { text: errorOf("decision"), href: "#decision" },
        { text: errorOf("outcome"), href: "#outcome" },
        { text: errorOf("reasons"), href: "#reasons" },
        { text: errorOf("code"), href: "#code" },
      ]}>
      <Radios name="decision" legend="Your decision" legendSize="m" error={errorOf("decision")} defaultValue={valueOf("decision")}
        items={[
          { value: "approve", text: "Approve the recommendation" },
          {
            value: "reject",
            text: "Reject the recommendation and decide otherwise",
            conditional: (
              <Radios name="outcome" legend="Your decision instead" legendSize="s" error={errorOf("outcome")} defaultValue={valueOf("outcome")}
                items={Object.entries(RECOMMENDATIONS).map(([value, text]) => ({ value, text }))} />
            ),
          },
          { value: "return", text: "Return it to the reviewer for more work" },
        ]} />
      <Textarea id="reasons" name="reasons" label="Reasons" hint="Always required. The decision is locked once signed." rows={5}
        error={errorOf("reasons")} defaultValue={valueOf("reasons")} />
      <Input id="code" name="code" label="Security code" hint="To sign an approval or rejection, enter the current code from your authenticator app"
        inputMode="numeric" autoComplete="one-time-code" className="govuk-input--width-10" error={errorOf("code")} />
    </CaseFormPage>
  );
}
