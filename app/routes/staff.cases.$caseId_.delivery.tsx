// Delivery carries out the signed decision: the approved recipient and wording are shown, not
// typed; a disclosure to anyone else or in other words needs a new decision. What the applicant
// is told follows the rules in app/domain/decision-binding.ts (nothing when unverified or
// anonymous; otherwise the force's controlled wording, by a safe route).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, TextField, useFormKit, type BoundFields } from "~/components/form-kit";
import { Fieldset, InsetText, SummaryList } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { boundTo, disclosureDeliveryForm, OUTCOME_ROUTES, outcomeDeliveryForm, RECOMMENDATIONS } from "~/domain/case-forms";
import { deliveryDateBlocker } from "~/domain/decision-binding";
import { isoDateOf, toRecord, type Options } from "~/domain/form-spec";
import { nowTime, todayParts, ukDateTime } from "~/domain/time";
import type { ApplicantMessage } from "~/services/case-actions.server";
import { deliveryContext, logConsultation } from "~/services/case-view.server";
import { now } from "~/services/app-clock.server";
import { caseIdOf, handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-delivery";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Disclosure or outcome delivered", data?.hasErrors);

/** The applicant's safe routes as options when the rules allow a message, else null (no message). */
function messageRoutes(delivery: { policy: { kind: string }; safeRoutes: readonly string[] }): Options | null {
  return delivery.policy.kind === "controlled" ? Object.fromEntries(delivery.safeRoutes.map((r) => [r, OUTCOME_ROUTES[r] ?? r])) : null;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "record_delivery", { draft: true });
  const delivery = deliveryContext(page.caseHeader.id);
  logConsultation(page.caseHeader.id, user, context.requestId, "delivery page viewed");
  const at = now();
  const today = todayParts(at);
  const time = nowTime(at);
  return {
    ...page,
    blocked: page.blocked ?? (delivery.decision ? null : "There is no signed decision to carry out"),
    delivery,
    routes: messageRoutes(delivery),
    defaults: {
      deliveredDay: today.day, deliveredMonth: today.month, deliveredYear: today.year, deliveredTime: time,
      messageDay: today.day, messageMonth: today.month, messageYear: today.year, messageTime: time,
    },
  };
}

export const action = async ({ request, context, params }: ActionFunctionArgs) => {
  const delivery = deliveryContext(caseIdOf(params));
  const routes = messageRoutes(delivery);
  const decidedAt = delivery.decision?.decidedAt ?? null;
  const at = now();
  /** What the applicant was told (only the controlled words), and a check that it was not before the decision. */
  const message = (v: { messageRoute?: string; messageTime?: string } & Record<string, unknown>): ApplicantMessage | { error: Record<string, string> } => {
    if (routes === null) return { policy: delivery.policy.kind, words: null, route: null, at: null };
    const told = ukDateTime(isoDateOf(v, "message")!, v.messageTime);
    const early = decidedAt ? deliveryDateBlocker(told, decidedAt) : null;
    if (early) return { error: { messageTime: early } };
    if (told.getTime() > at.getTime() + 60_000) return { error: { messageTime: "The time the applicant was told must be now or in the past" } };
    return { policy: "controlled", words: delivery.applicantWording, route: v.messageRoute ?? null, at: told.toISOString() };
  };
  if (delivery.decision?.outcome === "disclose") {
    const form = disclosureDeliveryForm(routes);
    return handleCaseForm(request, context, params, FORM_KEY, boundTo(form, "decisionId", at), (v) => {
      const deliveredAt = ukDateTime(isoDateOf(v, "delivered")!, v.deliveredTime);
      const early = decidedAt ? deliveryDateBlocker(deliveredAt, decidedAt) : null;
      if (early) return { error: { deliveredTime: early } };
      if (deliveredAt.getTime() > at.getTime() + 60_000) return { error: { deliveredTime: "The time of the disclosure must be now or in the past" } };
      const told = message(v);
      if ("error" in told) return told;
      const { message: _m, messageRoute: _r, messageTime: _t, ...record } = toRecord(form, v);
      return {
        action: "record_delivery",
        decisionId: v.decisionId ?? 0,
        disclosed: v.undertaking === "signed" || v.refusedProceeded === "yes",
        applicantMessage: told,
        data: { kind: "disclosure", ...record },
      };
    }, { draft: "record_delivery" });
  }
  const form = outcomeDeliveryForm(routes);
  return handleCaseForm(request, context, params, FORM_KEY, boundTo(form, "decisionId", at), (v) => {
    const told = message(v);
    if ("error" in told) return told;
    return { action: "record_delivery", decisionId: v.decisionId ?? 0, disclosed: false, applicantMessage: told, data: { kind: "outcome", notes: v.notes ?? null } };
  });
};

export default function DeliveryPage() {
  const data = useLoaderData<typeof loader>();
  return data.delivery.decision?.outcome === "disclose" ? <DisclosurePage {...data} /> : <OutcomePage {...data} />;
}

type PageProps = SerializeFrom<typeof loader>;
type MessageFields = BoundFields<ReturnType<typeof outcomeDeliveryForm>["fields"]>;

function ApplicantMessageSection({ delivery, fields }: Pick<PageProps, "delivery"> & { fields: Pick<MessageFields, "messageRoute" | "message" | "messageTime"> }) {
  const policy = delivery.policy;
  return (
    <Fieldset legend="What the applicant is told" legendSize="m">
      {policy.kind === "controlled" ? (
        <>
          <p className="govuk-body">The applicant is told only these words, whatever the outcome. They never say whether a disclosure was made to someone else or whether the person has a record.</p>
          <InsetText><span className="app-preserve-lines" data-testid="applicant-wording">{delivery.applicantWording}</span></InsetText>
          <p className="govuk-body">
            {delivery.safeTimes ? `Safe times: ${delivery.safeTimes}. ` : ""}
            {delivery.leaveMessages ? "Messages may be left." : "Do not leave messages."}
          </p>
          <RadiosField field={fields.messageRoute} />
          <DateField field={fields.message} legendSize="s" />
          <TextField field={fields.messageTime} className="govuk-input--width-5" />
        </>
      ) : policy.kind === "none" ? (
        <InsetText>No outcome message under the scheme. {policy.reason}</InsetText>
      ) : policy.kind === "is_recipient" ? (
        <InsetText>The applicant is the person best placed: the disclosure itself is what they are told.</InsetText>
      ) : (
        <InsetText>There is no applicant to tell (a case started by the police).</InsetText>
      )}
    </Fieldset>
  );
}

function DisclosurePage({ caseHeader, blocked, lastResult, delivery, routes, defaults, draft }: PageProps) {
  // The disclosure record is typed at the meeting with the recipient: it can be kept as a draft.
  const { fields, errors, formError } = useFormKit(disclosureDeliveryForm(routes), lastResult, draft ? { ...defaults, ...draft.values } : defaults);
  const decision = delivery.decision;
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record the disclosure" submitText="Save the disclosure record"
      formError={formError} errors={errors} draft={draft}
      before={
        decision ? (
          <>
            <InsetText>Decision: {RECOMMENDATIONS.disclose}. Disclosure is made in person to the person best placed to protect the child, in the words approved.</InsetText>
            <SummaryList card={{ title: "Approved in the decision" }} rows={[
              { key: "Recipient", value: decision.recipientName ?? "" },
              { key: "Why best placed", value: <span className="app-preserve-lines">{decision.recipientReason ?? ""}</span> },
              { key: "Wording to disclose", value: <span className="app-preserve-lines">{decision.wording ?? ""}</span> },
            ]} />
            <p className="govuk-body">A disclosure to anyone else, or in other words, needs a new decision.</p>
          </>
        ) : null
      }>
      <input type="hidden" name="decisionId" value={decision?.id ?? ""} />
      <DateField field={fields.delivered} legendSize="s" />
      <TextField field={fields.deliveredTime} />
      <TextField field={fields.place} />
      <TextField field={fields.officers} />
      <TextareaField field={fields.warningsGiven} rows={3} />
      <RadiosField field={fields.undertaking} conditional={{
        refused: (
          <>
            <RadiosField field={fields.refusedProceeded} inline />
            <TextField field={fields.refusedDecidedBy} />
          </>
        ),
      }} />
      <TextareaField field={fields.safetyAdvice} rows={3} />
      <TextareaField field={fields.referrals} rows={3} />
      <ApplicantMessageSection delivery={delivery} fields={fields} />
    </CaseFormPage>
  );
}

function OutcomePage({ caseHeader, blocked, lastResult, delivery, routes, defaults }: PageProps) {
  const { fields, errors, formError } = useFormKit(outcomeDeliveryForm(routes), lastResult, defaults);
  const decided = delivery.decision?.outcome ? RECOMMENDATIONS[delivery.decision.outcome] : "No decision";
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record the outcome" submitText="Save"
      formError={formError} errors={errors} before={<InsetText>Decision: {decided}.</InsetText>}>
      <input type="hidden" name="decisionId" value={delivery.decision?.id ?? ""} />
      <ApplicantMessageSection delivery={delivery} fields={fields} />
      <TextareaField field={fields.notes} rows={3} />
    </CaseFormPage>
  );
}
