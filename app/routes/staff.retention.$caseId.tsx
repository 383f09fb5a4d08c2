import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BackLink, DateInput, InsetText, Radios, SummaryList, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { datePartsInError, useStepForm } from "~/components/step-form";
import { parseDateParts } from "~/domain/dates";
import { datePartFields, requiredText } from "~/domain/fields";
import { formatDateTime } from "~/domain/time";
import { CASEWORKERS } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { decideErasure, proposeErasure, proposeKeep, RetentionError, retentionState } from "~/services/retention.server";
import { caseIdOf } from "./__case-form.server";

const FORM_KEY = "retention-review";
/** A review date is in the future: any real date up to this is allowed. */
const ANY_REVIEW_DATE = new Date(Date.UTC(2200, 0, 1));
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose"), proposal: z.enum(["keep", "erase"], { errorMap: () => ({ message: "Select keep or erase" }) }), reason: requiredText(2000, "Enter the reason", "The reason"), reviewDay: datePartFields.day, reviewMonth: datePartFields.month, reviewYear: datePartFields.year }),
  z.object({ intent: z.literal("decide"), decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "Select approve or reject" }) }), decisionReason: requiredText(2000, "Enter the reason for your decision", "The reason") }),
]);

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
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: schema });
  const v = submission.value;
  try {
    if (v.intent === "decide") {
      decideErasure(caseId, v.decision === "approve", v.decisionReason, user, context.requestId);
    } else if (v.proposal === "erase") {
      proposeErasure(caseId, v.reason, user, context.requestId);
    } else {
      const date = parseDateParts({ day: v.reviewDay, month: v.reviewMonth, year: v.reviewYear }, "The next review date", ANY_REVIEW_DATE);
      if (!date.ok) return redirectWithErrors(request, FORM_KEY, errorResult({ review: date.message }, submission.payload), { schema: schema });
      const when = new Date(`${date.iso}T00:00:00Z`);
      if (when <= now()) return redirectWithErrors(request, FORM_KEY, errorResult({ review: "The next review date must be in the future" }, submission.payload), { schema: schema });
      proposeKeep(caseId, when, v.reason, user, context.requestId);
    }
  } catch (error) {
    if (!(error instanceof RetentionError)) throw error;
    return redirectWithErrors(request, FORM_KEY, errorResult({ form: error.message }, submission.payload), { schema: schema });
  }
  return redirect(`/staff/retention/${caseId}`, { status: 303 });
}

export default function RetentionReviewPage() {
  const data = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(data.lastResult, undefined);
  const review = { day: valueOf("reviewDay"), month: valueOf("reviewMonth"), year: valueOf("reviewYear") };
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
            <StaffForm submitText="Sign the decision" errors={[{ text: errorOf("form"), href: "#main-content" }, { text: errorOf("decision"), href: "#decision" }, { text: errorOf("decisionReason"), href: "#decisionReason" }]}>
              <input type="hidden" name="intent" value="decide" />
              <Radios name="decision" legend="Your decision" legendSize="m" error={errorOf("decision")} defaultValue={valueOf("decision")}
                items={[{ value: "approve", text: "Approve: erase the personal data now" }, { value: "reject", text: "Reject: keep the case" }]} />
              <Textarea id="decisionReason" name="decisionReason" label="Reason" rows={3} error={errorOf("decisionReason")} defaultValue={valueOf("decisionReason")} />
            </StaffForm>
          ) : (
            <p className="govuk-body">A manager who did not propose the erasure must decide it.</p>
          )}
        </>
      ) : (
        <StaffForm submitText="Save the review" errors={[{ text: errorOf("form"), href: "#main-content" }, { text: errorOf("proposal"), href: "#proposal" }, { text: errorOf("review"), href: "#review-day" }, { text: errorOf("reason"), href: "#reason" }]}>
          <input type="hidden" name="intent" value="propose" />
          <Radios name="proposal" legend="Keep or erase?" legendSize="m" error={errorOf("proposal")} defaultValue={valueOf("proposal")}
            items={[
              {
                value: "keep",
                text: "Keep the case",
                conditional: (
                  <DateInput idPrefix="review" legend="Next review date" legendSize="s" names={{ day: "reviewDay", month: "reviewMonth", year: "reviewYear" }}
                    values={review} error={errorOf("review")} errorParts={errorOf("review") ? datePartsInError(review, "The next review date", ANY_REVIEW_DATE) : undefined} />
                ),
              },
              { value: "erase", text: "Propose erasing its personal data", hint: "A manager must approve it" },
            ]} />
          <Textarea id="reason" name="reason" label="Reason" rows={3} error={errorOf("reason")} defaultValue={valueOf("reason")} />
        </StaffForm>
      )}
    </>
  );
}
