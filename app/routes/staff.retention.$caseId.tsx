import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateField, RadiosField, TextareaField, useFormKit } from "~/components/form-kit";
import { BackLink, InsetText, SummaryList } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { isoDateOf } from "~/domain/form-spec";
import { ANY_REVIEW_DATE, erasureDecisionForm, retentionReviewForm, reviewDateOf } from "~/domain/retention";
import { formatDateTime } from "~/domain/time";
import { CASEWORKERS } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { decideErasure, proposeErasure, proposeKeep, RetentionError, retentionState } from "~/services/retention.server";
import { caseIdOf } from "./__case-form.server";

const FORM_KEY = "retention-review";
// Two forms on one page: the intent says which, and that form's specification checks the answers.
const intentSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("propose") }), z.object({ intent: z.literal("decide") })]);
const decisionSchema = erasureDecisionForm.schema();

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Review a closed case", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const state = retentionState(caseIdOf(params));
  if (!state) throw new Response("Not found", { status: 404 });
  return {
    ...(await loadFormResult(request, FORM_KEY)),
    id: state.case.id,
    reference: state.case.reference,
    closed: state.case.closedAt ? formatDateTime(state.case.closedAt) : null,
    reviewDue: state.case.reviewDueAt ? formatDateTime(state.case.reviewDueAt) : null,
    erased: state.case.erasedAt ? formatDateTime(state.case.erasedAt) : null,
    pending: state.pending ? { by: state.pending.proposer ?? "Unknown", reason: state.pending.review.reason, at: formatDateTime(state.pending.review.proposedAt) } : null,
    canDecide: Boolean(state.pending && user.roles.includes("manager") && state.pending.review.proposedBy !== user.id),
    history: state.reviews.map((r) => ({ what: r.review.proposal === "keep" ? "Keep" : "Erase", by: r.proposer ?? "Unknown", at: formatDateTime(r.review.proposedAt), decision: r.review.decision ?? "waiting" })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const caseId = caseIdOf(params);
  const formData = await request.formData();
  const intent = parseWithZod(formData, { schema: intentSchema });
  if (intent.status !== "success") return redirectWithErrors(request, FORM_KEY, intent.reply(), { schema: intentSchema });
  const schema = intent.value.intent === "decide" ? decisionSchema : retentionReviewForm(now()).schema(ANY_REVIEW_DATE);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema });
  const v = submission.value;
  try {
    if ("decision" in v) {
      decideErasure(caseId, v.decision === "approve", v.decisionReason, user, context.requestId);
    } else if (v.proposal === "erase") {
      proposeErasure(caseId, v.reason, user, context.requestId);
    } else {
      proposeKeep(caseId, reviewDateOf(isoDateOf(v, "review")!), v.reason, user, context.requestId);
    }
  } catch (error) {
    if (!(error instanceof RetentionError)) throw error;
    return redirectWithErrors(request, FORM_KEY, errorResult({ form: error.message }, submission.payload), { schema });
  }
  return redirect(`/staff/retention/${caseId}`, { status: 303 });
}

export default function RetentionReviewPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink href="/staff/retention">Back to retention review</BackLink>
      <h1 className="govuk-heading-l">Review case {data.reference}</h1>
      <SummaryList rows={[
        { key: "Closed", value: data.closed ?? "Not closed" },
        { key: "Review due", value: data.reviewDue ?? "Not set" },
        { key: "Erased", value: data.erased ?? "No" },
      ]} />
      {data.erased ? (
        <InsetText>The personal data of this case was erased. An anonymous record remains for the statistics.</InsetText>
      ) : data.pending ? (
        <>
          <InsetText>Erasure proposed by {data.pending.by} on {data.pending.at}: {data.pending.reason}</InsetText>
          {data.canDecide ? (
            <DecisionForm lastResult={data.lastResult} />
          ) : (
            <p className="govuk-body">A manager who did not propose the erasure must decide it.</p>
          )}
        </>
      ) : (
        <ReviewForm lastResult={data.lastResult} />
      )}
    </>
  );
}

type LastResult = Parameters<typeof useFormKit>[1];

function DecisionForm({ lastResult }: { lastResult: LastResult }) {
  const { fields, errors } = useFormKit(erasureDecisionForm, lastResult);
  return (
    <StaffForm submitText="Sign the decision" errors={errors}>
      <input type="hidden" name="intent" value="decide" />
      <RadiosField field={fields.decision} legendSize="m" />
      <TextareaField field={fields.decisionReason} rows={3} />
    </StaffForm>
  );
}

function ReviewForm({ lastResult }: { lastResult: LastResult }) {
  const { fields, errors } = useFormKit(retentionReviewForm(), lastResult);
  return (
    <StaffForm submitText="Save the review" errors={errors}>
      <input type="hidden" name="intent" value="propose" />
      <RadiosField field={fields.proposal} legendSize="m"
        conditional={{ keep: <DateField field={fields.review} legendSize="s" /> }}
        itemHints={{ erase: "A manager must approve it" }} />
      <TextareaField field={fields.reason} rows={3} />
    </StaffForm>
  );
}
