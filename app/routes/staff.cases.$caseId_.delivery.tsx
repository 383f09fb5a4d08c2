import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { InsetText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { disclosureDeliveryForm, OUTCOME_ROUTES, outcomeDeliveryForm, RECOMMENDATIONS } from "~/domain/case-forms";
import { toRecord } from "~/domain/form-spec";
import { deliveryContext, logConsultation } from "~/services/case-view.server";
import { now } from "~/services/app-clock.server";
import { caseIdOf, handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-delivery";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Disclosure or outcome delivered", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "record_delivery");
  const delivery = deliveryContext(page.caseHeader.id);
  logConsultation(page.caseHeader.id, user, context.requestId, "delivery page viewed");
  return { ...page, delivery };
}

export const action = async ({ request, context, params }: ActionFunctionArgs) => {
  const delivery = deliveryContext(caseIdOf(params));
  if (delivery.outcome === "disclose") {
    return handleCaseForm(request, context, params, FORM_KEY, disclosureDeliveryForm.schema(now()), (v) => ({
      action: "record_delivery",
      disclosed: v.undertaking === "signed" || v.refusedProceeded === "yes",
      recipient: v.recipientName,
      data: { kind: "disclosure", ...toRecord(disclosureDeliveryForm, v) },
    }));
  }
  const form = outcomeDeliveryForm(safeRouteOptions(delivery.safeRoutes));
  return handleCaseForm(request, context, params, FORM_KEY, form.schema(now()), (v) => ({
    action: "record_delivery",
    disclosed: false,
    recipient: null,
    data: { kind: "outcome", ...toRecord(form, v) },
  }));
};

/** The applicant's safe routes as options, in words. */
function safeRouteOptions(routes: readonly string[]) {
  return Object.fromEntries(routes.map((r) => [r, OUTCOME_ROUTES[r] ?? r]));
}

export default function DeliveryPage() {
  const { caseHeader, blocked, lastResult, delivery } = useLoaderData<typeof loader>();
  const decided = delivery.outcome ? RECOMMENDATIONS[delivery.outcome] : "No decision";
  if (delivery.outcome === "disclose") {
    return <DisclosurePage caseHeader={caseHeader} blocked={blocked} lastResult={lastResult} delivery={delivery} decided={decided} />;
  }
  return <OutcomePage caseHeader={caseHeader} blocked={blocked} lastResult={lastResult} delivery={delivery} decided={decided} />;
}

type PageProps = Pick<SerializeFrom<typeof loader>, "caseHeader" | "blocked" | "lastResult" | "delivery"> & { decided: string };

function DisclosurePage({ caseHeader, blocked, lastResult, delivery, decided }: PageProps) {
  const { fields, errors, formError } = useFormKit(disclosureDeliveryForm, lastResult, {
    recipientName: delivery.recipientName,
    wordingUsed: delivery.proposedWording,
  });
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record the disclosure" submitText="Save the disclosure record"
      formError={formError} errors={errors}
      before={<InsetText>Decision: {decided}. Disclosure is made in person to the person best placed to protect the child.</InsetText>}>
      <DateField field={fields.delivered} legendSize="s" />
      <TextField field={fields.deliveredTime} />
      <TextField field={fields.place} />
      <TextField field={fields.officers} />
      <TextField field={fields.recipientName} />
      <TextareaField field={fields.wordingUsed} rows={6} />
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
    </CaseFormPage>
  );
}

function OutcomePage({ caseHeader, blocked, lastResult, delivery, decided }: PageProps) {
  const { fields, errors, formError } = useFormKit(outcomeDeliveryForm(safeRouteOptions(delivery.safeRoutes)), lastResult);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record how the outcome was given" submitText="Save"
      formError={formError} errors={errors}
      before={
        <InsetText>
          Decision: {decided}. Tell the applicant only by a route they said is safe
          {delivery.safeTimes ? `, at a safe time (${delivery.safeTimes})` : ""}.{" "}
          {delivery.leaveMessages ? "Messages may be left." : "Do not leave messages."}
        </InsetText>
      }>
      <DateField field={fields.given} legendSize="s" />
      <RadiosField field={fields.route} />
      <TextareaField field={fields.notes} rows={3} />
    </CaseFormPage>
  );
}
