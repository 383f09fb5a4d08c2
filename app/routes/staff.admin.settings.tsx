import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { Fieldset } from "~/components/govuk";
import { NoticeBanner } from "~/components/notice-banner";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { linesOf, RETENTION_FIELDS, settingsForm } from "~/domain/settings-form";
import { workDomainsOf } from "~/domain/staff-schemas";
import { ADMINS } from "~/domain/roles";
import { loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { redirectWithNotice, takeNotice } from "~/services/notice.server";
import { getSetting, updateSettings } from "~/services/settings.server";

const FORM_KEY = "admin-settings";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Settings", data?.hasErrors);

function currentValues(): Record<string, string> {
  const years = getSetting("retention.reviewYears");
  return {
    riskCheckHours: String(getSetting("clocks.riskCheckHours")),
    urgentRiskCheckHours: String(getSetting("clocks.urgentRiskCheckHours")),
    referralClockHours: String(getSetting("referrals.clockHours")),
    workingStart: getSetting("workingHours.start"),
    workingEnd: getSetting("workingHours.end"),
    dutyAddress: getSetting("alerts.dutyAddress"),
    agencies: getSetting("referrals.agencies").join("\n"),
    interviewDays: String(getSetting("clocks.interviewDays")),
    decisionDays: String(getSetting("clocks.decisionDays")),
    dayCounting: getSetting("clocks.dayCounting"),
    idleMinutes: String(getSetting("session.idleMinutes")),
    absoluteHours: String(getSetting("session.absoluteHours")),
    checkTypes: getSetting("checks.types").join("\n"),
    workEmailDomains: getSetting("staff.workEmailDomains").join("\n"),
    backupIntervalMinutes: String(getSetting("backup.intervalMinutes")),
    backupKeep: String(getSetting("backup.keep")),
    ...Object.fromEntries(RETENTION_FIELDS.map(({ code, field }) => [field, String(years[code] ?? 3)])),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session } = await requireStaff(request, context, ADMINS);
  return { ...(await loadFormResult(request, FORM_KEY)), values: currentValues(), notice: takeNotice(request, session) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, ADMINS);
  const formSchema = settingsForm.schema();
  const submission = parseWithZod(await request.formData(), { schema: formSchema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: formSchema });
  const v = submission.value;
  updateSettings(
    {
      "clocks.riskCheckHours": v.riskCheckHours,
      "clocks.urgentRiskCheckHours": v.urgentRiskCheckHours,
      "referrals.clockHours": v.referralClockHours,
      "workingHours.start": v.workingStart,
      "workingHours.end": v.workingEnd,
      "alerts.dutyAddress": v.dutyAddress ?? "",
      "referrals.agencies": linesOf(v.agencies),
      "clocks.interviewDays": v.interviewDays,
      "clocks.decisionDays": v.decisionDays,
      "clocks.dayCounting": v.dayCounting,
      "session.idleMinutes": v.idleMinutes,
      "session.absoluteHours": v.absoluteHours,
      "checks.types": linesOf(v.checkTypes),
      "staff.workEmailDomains": workDomainsOf(v.workEmailDomains),
      "backup.intervalMinutes": v.backupIntervalMinutes,
      "backup.keep": v.backupKeep,
      "retention.reviewYears": Object.fromEntries(RETENTION_FIELDS.map(({ code, field }) => [code, v[field]])),
    },
    user.id,
    context.requestId,
  );
  return redirectWithNotice(request, "/staff/admin/settings", "Settings saved");
}

export default function SettingsPage() {
  const { lastResult, values, notice } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(settingsForm, lastResult, values);
  const number = "govuk-input--width-4";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NoticeBanner notice={notice} />
        <h1 className="govuk-heading-l">Settings</h1>
        <p className="govuk-body">These apply to this force. New clock settings apply to cases received from now on.</p>
        <StaffForm submitText="Save settings" errors={errors}>
          <Fieldset legend="Clocks (from when the application is received)" legendSize="m">
            <TextField field={fields.riskCheckHours} className={number} />
            <TextField field={fields.urgentRiskCheckHours} className={number} />
            <TextField field={fields.interviewDays} className={number} />
            <TextField field={fields.decisionDays} className={number} />
            <RadiosField field={fields.dayCounting} legendSize="s"
              itemHints={{ working: "Monday to Friday, not England and Wales bank holidays" }} />
          </Fieldset>
          <Fieldset legend="Urgent alerts" legendSize="m">
            <TextField field={fields.dutyAddress} type="email" spellCheck={false} />
          </Fieldset>
          <Fieldset legend="Joint working with partner agencies" legendSize="m">
            <TextField field={fields.referralClockHours} className={number} />
            <TextField field={fields.workingStart} className="govuk-input--width-5" />
            <TextField field={fields.workingEnd} className="govuk-input--width-5" />
            <TextareaField field={fields.agencies} rows={8} />
          </Fieldset>
          <Fieldset legend="Staff sessions" legendSize="m">
            <TextField field={fields.idleMinutes} className={number} />
            <TextField field={fields.absoluteHours} className={number} />
          </Fieldset>
          <TextareaField field={fields.checkTypes} rows={9} />
          <TextareaField field={fields.workEmailDomains} rows={3} />
          <Fieldset legend="Retention: years after closure until review, by outcome" legendSize="m">
            <p className="govuk-body">When a case has several outcomes, the longest period applies.</p>
            {RETENTION_FIELDS.map(({ field }) => (
              <TextField key={field} field={fields[field]} className={number} />
            ))}
          </Fieldset>
          <Fieldset legend="Backups" legendSize="m">
            <TextField field={fields.backupIntervalMinutes} className={number} />
            <TextField field={fields.backupKeep} className={number} />
          </Fieldset>
        </StaffForm>
      </div>
    </div>
  );
}
