// Record a safeguarding referral or other sharing with a partner agency, from any open stage.
// Each one is logged as an s.62 disclosure naming the receiving agency (case-actions.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { staffPageTitle } from "~/components/page-title";
import { toRecord } from "~/domain/form-spec";
import { nowTime, todayParts } from "~/domain/time";
import { referralForm } from "~/domain/referrals";
import { now } from "~/services/app-clock.server";
import { getSetting } from "~/services/settings.server";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-referral";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Record a referral", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "add_referral");
  const today = todayParts(now());
  return {
    ...page,
    agencies: getSetting("referrals.agencies"),
    defaults: { madeDay: today.day, madeMonth: today.month, madeYear: today.year, madeTime: nowTime(now()), madeBy: user.displayName },
  };
}

export const action = ({ request, context, params }: ActionFunctionArgs) => {
  const form = referralForm(getSetting("referrals.agencies"));
  return handleCaseForm(request, context, params, FORM_KEY, form.schema(now()), (v) => {
    const record = toRecord(form, v);
    return {
      action: "add_referral",
      referral: {
        agency: v.agency,
        agencyName: v.agencyName,
        team: v.team ?? null,
        madeAt: new Date(String(record.madeAt)),
        madeBy: v.madeBy,
        method: v.method,
        theirReference: v.theirReference ?? null,
        sharedSummary: v.sharedSummary,
        suspectedAbuse: v.suspectedAbuse === "yes",
      },
    };
  });
};

export default function ReferralPage() {
  const { caseHeader, blocked, lastResult, defaults, agencies } = useLoaderData<typeof loader>();
  const { fields, errors, formError } = useFormKit(referralForm(agencies), lastResult, defaults);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Record a referral" submitText="Save the referral"
      formError={formError} errors={errors}>
      <RadiosField field={fields.agency} legendSize="m" />
      <TextField field={fields.agencyName} />
      <TextField field={fields.team} />
      <DateField field={fields.made} legendSize="s" />
      <TextField field={fields.madeTime} className="govuk-input--width-5" />
      <TextField field={fields.madeBy} />
      <RadiosField field={fields.method} legendSize="s" />
      <TextField field={fields.theirReference} />
      <TextareaField field={fields.sharedSummary} rows={5} />
      <RadiosField field={fields.suspectedAbuse} legendSize="s" inline />
    </CaseFormPage>
  );
}
