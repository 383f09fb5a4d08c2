import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fieldset, Input, Radios, Textarea } from "~/components/govuk";
import { NoticeBanner } from "~/components/notice-banner";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { RETENTION_FIELDS, settingsFormSchema, type SettingsForm } from "~/domain/settings-form";
import { OUTCOMES } from "~/domain/workflow";
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
  const formSchema = settingsFormSchema();
  const submission = parseWithZod(await request.formData(), { schema: formSchema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: formSchema });
  const v = submission.value as SettingsForm & Record<string, number>;
  updateSettings(
    {
      "clocks.riskCheckHours": v.riskCheckHours,
      "clocks.urgentRiskCheckHours": v.urgentRiskCheckHours,
      "referrals.clockHours": v.referralClockHours,
      "workingHours.start": v.workingStart,
      "workingHours.end": v.workingEnd,
      "alerts.dutyAddress": v.dutyAddress,
      "referrals.agencies": v.agencies,
      "clocks.interviewDays": v.interviewDays,
      "clocks.decisionDays": v.decisionDays,
      "clocks.dayCounting": v.dayCounting,
      "session.idleMinutes": v.idleMinutes,
      "session.absoluteHours": v.absoluteHours,
      "checks.types": v.checkTypes,
      "staff.workEmailDomains": v.workEmailDomains,
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
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  const number = (id: string, label: string, hint?: string) => (
    <Input id={id} name={id} label={label} hint={hint} inputMode="numeric" className="govuk-input--width-4" error={errorOf(id)} defaultValue={valueOf(id)} />
  );
  const fields = ["riskCheckHours", "urgentRiskCheckHours", "referralClockHours", "workingStart", "workingEnd", "dutyAddress", "agencies", "interviewDays", "decisionDays", "dayCounting", "idleMinutes", "absoluteHours", "checkTypes", "workEmailDomains", "backupIntervalMinutes", "backupKeep", ...RETENTION_FIELDS.map((r) => r.field)];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NoticeBanner notice={notice} />
        <h1 className="govuk-heading-l">Settings</h1>
        <p className="govuk-body">These apply to this force. New clock settings apply to cases received from now on.</p>
        <StaffForm submitText="Save settings" errors={fields.map((f) => ({ text: errorOf(f), href: `#${f}` }))}>
          <Fieldset legend="Clocks (from when the application is received)" legendSize="m">
            {number("riskCheckHours", "Immediate-risk check (hours)")}
            {number("urgentRiskCheckHours", "Immediate-risk check of an urgent case (hours)", "When someone says a child is in danger now")}
            {number("interviewDays", "Interview and verification (days)")}
            {number("decisionDays", "Decision (days)", "Older guidance used 45 days; current guidance 28")}
            <Radios name="dayCounting" legend="Count days as" legendSize="s" error={errorOf("dayCounting")} defaultValue={valueOf("dayCounting")}
              items={[
                { value: "calendar", text: "Calendar days" },
                { value: "working", text: "Working days", hint: "Monday to Friday, not England and Wales bank holidays" },
              ]} />
          </Fieldset>
          <Fieldset legend="Urgent alerts" legendSize="m">
            <Input id="dutyAddress" name="dutyAddress" type="email" label="Duty address (optional)" spellCheck={false}
              hint="For example the control room or the on-call sergeant. It gets urgent alerts when no reviewer is on duty, and every escalation."
              error={errorOf("dutyAddress")} defaultValue={valueOf("dutyAddress")} />
          </Fieldset>
          <Fieldset legend="Joint working with partner agencies" legendSize="m">
            {number("referralClockHours", "Referral of suspected abuse to children's social care (working hours)", "0 means before the end of the working day")}
            <Input id="workingStart" name="workingStart" label="The working day starts at" hint="24-hour time, like 09:00" className="govuk-input--width-5"
              error={errorOf("workingStart")} defaultValue={valueOf("workingStart")} />
            <Input id="workingEnd" name="workingEnd" label="The working day ends at" hint="24-hour time, like 17:00" className="govuk-input--width-5"
              error={errorOf("workingEnd")} defaultValue={valueOf("workingEnd")} />
            <Textarea id="agencies" name="agencies" label="Agencies a case can be referred to" hint="One per line" rows={8}
              error={errorOf("agencies")} defaultValue={valueOf("agencies")} />
          </Fieldset>
          <Fieldset legend="Staff sessions" legendSize="m">
            {number("idleMinutes", "Sign out after this many minutes without activity")}
            {number("absoluteHours", "Sign out this many hours after signing in")}
          </Fieldset>
          <Textarea id="checkTypes" name="checkTypes" label="Research checks offered on every case" hint="One per line" rows={9}
            error={errorOf("checkTypes")} defaultValue={valueOf("checkTypes")} />
          <Textarea id="workEmailDomains" name="workEmailDomains" label="Work email domains for staff accounts" rows={3}
            hint="One per line, like force.police.uk (its subdomains are allowed too). New accounts must use one of them. Leave empty to allow any address except personal email services such as gmail.com."
            error={errorOf("workEmailDomains")} defaultValue={valueOf("workEmailDomains")} />
          <Fieldset legend="Retention: years after closure until review, by outcome" legendSize="m">
            <p className="govuk-body">When a case has several outcomes, the longest period applies.</p>
            {RETENTION_FIELDS.map(({ code, field }) => number(field, OUTCOMES[code as keyof typeof OUTCOMES]))}
          </Fieldset>
          <Fieldset legend="Backups" legendSize="m">
            {number("backupIntervalMinutes", "Take a backup every (minutes)", "0 turns scheduled backups off")}
            {number("backupKeep", "Number of backups to keep")}
          </Fieldset>
        </StaffForm>
      </div>
    </div>
  );
}
