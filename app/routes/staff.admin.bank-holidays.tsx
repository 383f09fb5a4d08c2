// Admins keep the England and Wales bank holidays that working-day clocks skip, and can see how
// the clocks are set. Each change is audited (app/services/bank-holidays.server.ts).
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateField, TextField, useFormKit } from "~/components/form-kit";
import { Button, ErrorSummary, SummaryList, Table } from "~/components/govuk";
import { NoticeBanner } from "~/components/notice-banner";
import { staffPageTitle } from "~/components/page-title";
import { PeriodLinks } from "~/components/period-links";
import { CsrfInput } from "~/components/staff-form";
import { bankHolidayForm, NO_LATEST_DATE } from "~/domain/bank-holidays";
import { isoDateOf } from "~/domain/form-spec";
import { formatLongIsoDate, toIsoDate } from "~/domain/time";
import { ADMINS } from "~/domain/roles";
import {
  addBankHoliday,
  BankHolidayError,
  bankHolidayYears,
  ensureBankHolidaysSeeded,
  listBankHolidays,
  removeBankHoliday,
} from "~/services/bank-holidays.server";
import { now } from "~/services/app-clock.server";
import { clockSettings } from "~/services/case-clocks.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { redirectWithNotice, takeNotice } from "~/services/notice.server";

const FORM_KEY = "staff-bank-holidays";
const PATH = "/staff/admin/bank-holidays";

/** The Remove button beside each holiday: its own small post. */
const removeSchema = z.object({ intent: z.literal("remove"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Bank holidays", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session } = await requireStaff(request, context, ADMINS);
  ensureBankHolidaysSeeded();
  const years = bankHolidayYears();
  const thisYear = Number(toIsoDate(now()).slice(0, 4));
  const asked = new URL(request.url).searchParams.get("year");
  const year =
    asked && /^\d{4}$/.test(asked) ? Number(asked) : years.includes(thisYear) ? thisYear : (years.at(-1) ?? thisYear);
  const settings = clockSettings();
  return {
    ...(await loadFormResult(request, FORM_KEY)),
    notice: takeNotice(request, session),
    year,
    years,
    holidays: listBankHolidays(year).map((h) => ({ date: h.date, name: h.name, label: formatLongIsoDate(h.date) })),
    settings,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, ADMINS);
  const formData = await request.formData();
  const url = new URL(request.url);
  const back = { to: url.pathname + url.search };
  const actor = { kind: "staff" as const, id: user.id };

  if (formData.get("intent") === "remove") {
    const removal = parseWithZod(formData, { schema: removeSchema });
    if (removal.status !== "success") return redirectWithErrors(request, FORM_KEY, removal.reply(), { ...back, schema: removeSchema });
    const { date } = removal.value;
    const removed = removeBankHoliday(date, actor, context.requestId);
    return done(request, removed ? `Bank holiday on ${formatLongIsoDate(date)} removed` : null, date);
  }

  const schema = bankHolidayForm.schema(NO_LATEST_DATE);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { ...back, schema });
  try {
    const added = addBankHoliday({ date: isoDateOf(submission.value, "date")!, name: submission.value.name }, actor, context.requestId);
    return done(request, `${added.name} added on ${formatLongIsoDate(added.date)}`, added.date);
  } catch (error) {
    if (!(error instanceof BankHolidayError)) throw error;
    return redirectWithErrors(request, FORM_KEY, errorResult({ [error.field]: error.message }, submission.payload), { ...back, schema });
  }
}

/** Back to the list, showing the year of the holiday changed and a one-off confirmation. */
async function done(request: Request, notice: string | null, isoDate: string) {
  const to = `${PATH}?year=${isoDate.slice(0, 4)}`;
  return notice ? redirectWithNotice(request, to, notice) : redirect(to, { status: 303 });
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

export default function BankHolidaysPage() {
  const { lastResult, notice, year, years, holidays, settings } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(bankHolidayForm, lastResult);
  const days = settings.dayCounting === "working" ? "working day" : "day";

  return (
    <>
      <ErrorSummary key={errors.map((e) => e.text).join("|")} errors={errors} />
      <NoticeBanner notice={notice} />
      <h1 className="govuk-heading-l">Bank holidays</h1>
      <p className="govuk-body">
        Clocks counted in working days skip Saturdays, Sundays and the bank holidays of England and Wales listed here.
        Add any new bank holiday as soon as it is announced. A change applies to cases received after it: due dates
        already set do not move.
      </p>

      <h2 className="govuk-heading-m">Clock settings</h2>
      <SummaryList
        rows={[
          { key: "Immediate-risk check", value: `${plural(settings.riskCheckHours, "hour")} after the application is received` },
          { key: "Interview and verification", value: `${plural(settings.interviewDays, days)} after the application is received` },
          { key: "Decision", value: `${plural(settings.decisionDays, days)} after the application is received` },
          {
            key: "Days are counted as",
            value:
              settings.dayCounting === "working"
                ? "Working days: Monday to Friday, not bank holidays. The due time is the time of day the application was received."
                : "Calendar days: every day counts, and bank holidays make no difference.",
          },
        ]}
      />

      <h2 className="govuk-heading-m">Bank holidays in {year}</h2>
      {years.length > 1 ? (
        <nav aria-label="Bank holidays by year">
          <PeriodLinks inline links={years.map((y) => ({ key: y, label: String(y), href: `${PATH}?year=${y}`, current: y === year }))} />
        </nav>
      ) : null}
      {holidays.length === 0 ? (
        <p className="govuk-body">There are no bank holidays for {year} in the list.</p>
      ) : (
        <Table
          caption={`Bank holidays in ${year}`}
          captionClassName="govuk-visually-hidden"
          head={["Date", "Name", "Action"]}
          rows={holidays.map((h) => [
            h.label,
            h.name,
            <Form key="remove" method="post" action={`${PATH}?year=${year}`}>
              <CsrfInput />
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="date" value={h.date} />
              <Button variant="secondary" className="govuk-!-margin-bottom-0">
                Remove<span className="govuk-visually-hidden"> {h.name}, {h.label}</span>
              </Button>
            </Form>,
          ])}
        />
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add a bank holiday</h2>
          <Form method="post" action={`${PATH}?year=${year}`} noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="add" />
            <DateField field={fields.date} legendSize="s" />
            <TextField field={fields.name} />
            <Button preventDoubleClick>Add bank holiday</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
