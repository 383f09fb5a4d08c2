import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateInput, Input, InsetText, Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { datePartsInError, useStepForm } from "~/components/step-form";
import { CONTACT_METHODS } from "~/domain/application";
import { disclosureDeliverySchema, outcomeDeliverySchema, RECOMMENDATIONS } from "~/domain/case-forms";
import { isoFromParts, ukDateTime } from "~/domain/moments";
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
    return handleCaseForm(request, context, params, FORM_KEY, disclosureDeliverySchema(now()), (v) => ({
      action: "record_delivery",
      disclosed: v.undertaking === "signed" || v.refusedProceeded === "yes",
      recipient: v.recipientName,
      data: {
        kind: "disclosure",
        deliveredAt: ukDateTime(isoFromParts(v.deliveredDay, v.deliveredMonth, v.deliveredYear), v.deliveredTime).toISOString(),
        place: v.place,
        officers: v.officers,
        recipientName: v.recipientName,
        wordingUsed: v.wordingUsed,
        warningsGiven: v.warningsGiven,
        undertaking: v.undertaking,
        refusedProceeded: v.refusedProceeded ?? null,
        refusedDecidedBy: v.refusedDecidedBy ?? null,
        safetyAdvice: v.safetyAdvice ?? null,
        referrals: v.referrals ?? null,
      },
    }));
  }
  return handleCaseForm(request, context, params, FORM_KEY, outcomeDeliverySchema(now(), delivery.safeRoutes), (v) => ({
    action: "record_delivery",
    disclosed: false,
    recipient: null,
    data: { kind: "outcome", givenOn: isoFromParts(v.givenDay, v.givenMonth, v.givenYear), route: v.route, notes: v.notes ?? null },
  }));
};

export default function DeliveryPage() {
  const { caseHeader, blocked, lastResult, delivery } = useLoaderData<typeof loader>();
  const disclosing = delivery.outcome === "disclose";
  const { errorOf, valueOf } = useStepForm(lastResult, disclosing ? { recipientName: delivery.recipientName, wordingUsed: delivery.proposedWording } : undefined);
  const date = (p: string) => ({ day: valueOf(`${p}Day`), month: valueOf(`${p}Month`), year: valueOf(`${p}Year`) });
  const decided = delivery.outcome ? RECOMMENDATIONS[delivery.outcome] : "No decision";
  if (disclosing) {
    const fields = ["place", "officers", "recipientName", "wordingUsed", "warningsGiven", "undertaking", "refusedProceeded", "refusedDecidedBy", "safetyAdvice", "referrals"];
    return (
      <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record the disclosure" submitText="Save the disclosure record"
        formError={errorOf("form")}
        before={<InsetText>Decision: {decided}. Disclosure is made in person to the person best placed to protect the child.</InsetText>}
        errors={[{ text: errorOf("delivered"), href: "#delivered-day" }, { text: errorOf("deliveredTime"), href: "#deliveredTime" }, ...fields.map((f) => ({ text: errorOf(f), href: `#${f}` }))]}>
        <DateInput idPrefix="delivered" legend="Date" legendSize="s" names={{ day: "deliveredDay", month: "deliveredMonth", year: "deliveredYear" }}
          values={date("delivered")} error={errorOf("delivered")}
          errorParts={errorOf("delivered") ? datePartsInError(date("delivered"), "The date of the disclosure") : undefined} />
        <Input id="deliveredTime" name="deliveredTime" label="Time" hint="For example, 14:30" className="govuk-input--width-5" error={errorOf("deliveredTime")} defaultValue={valueOf("deliveredTime")} />
        <Input id="place" name="place" label="Place" error={errorOf("place")} defaultValue={valueOf("place")} />
        <Input id="officers" name="officers" label="Officers present" error={errorOf("officers")} defaultValue={valueOf("officers")} />
        <Input id="recipientName" name="recipientName" label="Recipient" error={errorOf("recipientName")} defaultValue={valueOf("recipientName")} />
        <Textarea id="wordingUsed" name="wordingUsed" label="Exact wording disclosed" rows={6} error={errorOf("wordingUsed")} defaultValue={valueOf("wordingUsed")} />
        <Textarea id="warningsGiven" name="warningsGiven" label="Warnings given" rows={3} error={errorOf("warningsGiven")} defaultValue={valueOf("warningsGiven")} />
        <Radios name="undertaking" legend="Confidentiality undertaking" legendSize="s" error={errorOf("undertaking")} defaultValue={valueOf("undertaking")}
          items={[
            { value: "signed", text: "Signed" },
            {
              value: "refused",
              text: "Refused",
              conditional: (
                <>
                  <Radios name="refusedProceeded" legend="Did the disclosure go ahead?" legendSize="s" inline error={errorOf("refusedProceeded")} defaultValue={valueOf("refusedProceeded")}
                    items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
                  <Input id="refusedDecidedBy" name="refusedDecidedBy" label="Decided by" error={errorOf("refusedDecidedBy")} defaultValue={valueOf("refusedDecidedBy")} />
                </>
              ),
            },
          ]} />
        <Textarea id="safetyAdvice" name="safetyAdvice" label="Safety advice or plan (optional)" rows={3} error={errorOf("safetyAdvice")} defaultValue={valueOf("safetyAdvice")} />
        <Textarea id="referrals" name="referrals" label="Referrals made (optional)" rows={3} error={errorOf("referrals")} defaultValue={valueOf("referrals")} />
      </CaseFormPage>
    );
  }
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record how the outcome was given" submitText="Save"
      formError={errorOf("form")}
      before={
        <InsetText>
          Decision: {decided}. Tell the applicant only by a route they said is safe
          {delivery.safeTimes ? `, at a safe time (${delivery.safeTimes})` : ""}.{" "}
          {delivery.leaveMessages ? "Messages may be left." : "Do not leave messages."}
        </InsetText>
      }
      errors={[{ text: errorOf("given"), href: "#given-day" }, { text: errorOf("route"), href: "#route" }, { text: errorOf("notes"), href: "#notes" }]}>
      <DateInput idPrefix="given" legend="Date the outcome was given" legendSize="s" names={{ day: "givenDay", month: "givenMonth", year: "givenYear" }}
        values={date("given")} error={errorOf("given")}
        errorParts={errorOf("given") ? datePartsInError(date("given"), "The date the outcome was given") : undefined} />
      <Radios name="route" legend="How it was given" legendSize="s" hint="Only the applicant's safe routes are offered" error={errorOf("route")} defaultValue={valueOf("route")}
        items={delivery.safeRoutes.map((r) => ({ value: r, text: r === "no_applicant" ? "There is no applicant to tell" : (CONTACT_METHODS[r as keyof typeof CONTACT_METHODS] ?? r) }))} />
      <Textarea id="notes" name="notes" label="Notes (optional)" rows={3} error={errorOf("notes")} defaultValue={valueOf("notes")} />
    </CaseFormPage>
  );
}
