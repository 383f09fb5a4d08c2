// Admins keep the England and Wales bank holidays that working-day clocks skip, and can see how
// the clocks are set. Each change is audited (app/services/bank-holidays.server.ts).
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, DateInput, ErrorSummary, Input, SummaryList, Table } from "~/components/govuk";
import { NoticeBanner } from "~/components/notice-banner";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { parseDateParts, type DatePart, type DateParts } from "~/domain/dates";
import { formatLongIsoDate, toIsoDate } from "~/domain/time";
import { datePartFields, optionalText } from "~/domain/fields";
import { ADMINS } from "~/domain/roles";
import {
  addBankHoliday,
  BANK_HOLIDAY_NAME_MAX,
  BANK_HOLIDAY_YEARS,
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
const DATE_LABEL = "The date of the bank holiday";
/** Bank holidays are in the future as often as the past: no "must be in the past" rule. */
const NO_LATEST_DATE = new Date(Date.UTC(9999, 11, 31));

function dateOf(parts: DateParts) {
  return parseDateParts(parts, DATE_LABEL, NO_LATEST_DATE);
}

function bankHolidaySchema() {
  return z
    .discriminatedUnion("intent", [
      z.object({
        intent: z.literal("add"),
        dateDay: datePartFields.day,
        dateMonth: datePartFields.month,
        dateYear: datePartFields.year,
        // Optional here and required below, so a missing name and a wrong date show together
        // (a missing required field would stop the check of the date).
        name: optionalText(BANK_HOLIDAY_NAME_MAX, "The name"),
      }),
      z.object({ intent: z.literal("remove"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent !== "add") return;
      const result = dateOf({ day: value.dateDay, month: value.dateMonth, year: value.dateYear });
      const message = !result.ok
        ? result.message
        : Number(result.iso.slice(0, 4)) < BANK_HOLIDAY_YEARS.min || Number(result.iso.slice(0, 4)) > BANK_HOLIDAY_YEARS.max
          ? `${DATE_LABEL} must be between ${BANK_HOLIDAY_YEARS.min} and ${BANK_HOLIDAY_YEARS.max}`
          : null;
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["date"], message });
      if (!value.name) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name"], message: "Enter the name of the bank holiday" });
      }
    });
}

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
  const formSchema = bankHolidaySchema();
  const submission = parseWithZod(await request.formData(), { schema: formSchema });
  const url = new URL(request.url);
  const back = { to: url.pathname + url.search };
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { ...back, schema: formSchema });
  const actor = { kind: "staff" as const, id: user.id };
  const value = submission.value;

  if (value.intent === "remove") {
    const removed = removeBankHoliday(value.date, actor, context.requestId);
    return done(request, removed ? `Bank holiday on ${formatLongIsoDate(value.date)} removed` : null, value.date);
  }

  const date = dateOf({ day: value.dateDay, month: value.dateMonth, year: value.dateYear });
  if (!date.ok) return redirectWithErrors(request, FORM_KEY, errorResult({ date: date.message }, submission.payload), { ...back, schema: formSchema });
  try {
    const added = addBankHoliday({ date: date.iso, name: value.name ?? "" }, actor, context.requestId);
    return done(request, `${added.name} added on ${formatLongIsoDate(added.date)}`, added.date);
  } catch (error) {
    if (!(error instanceof BankHolidayError)) throw error;
    return redirectWithErrors(request, FORM_KEY, errorResult({ [error.field]: error.message }, submission.payload), { ...back, schema: formSchema });
  }
}

/** Back to the list, showing the year of the holiday changed and a one-off confirmation. */
async function done(request: Request, notice: string | null, isoDate: string) {
  const to = `${PATH}?year=${isoDate.slice(0, 4)}`;
  return notice ? redirectWithNotice(request, to, notice) : redirect(to, { status: 303 });
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

function datePartsInError(parts: DateParts): DatePart[] {
  const result = dateOf(parts);
  return result.ok ? ["day", "month", "year"] : result.parts;
}

export default function BankHolidaysPage() {
  const { lastResult, notice, year, years, holidays, settings } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  const parts = { day: valueOf("dateDay"), month: valueOf("dateMonth"), year: valueOf("dateYear") };
  const errors = [
    { text: errorOf("date"), href: "#date-day" },
    { text: errorOf("name"), href: "#name" },
  ].filter((e): e is { text: string; href: string } => Boolean(e.text));
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
          <ul className="govuk-list">
            {years.map((y) => (
              <li key={y} className="govuk-!-display-inline-block govuk-!-margin-right-3">
                {y === year ? (
                  <strong aria-current="page">{y}</strong>
                ) : (
                  <Link className="govuk-link" to={`${PATH}?year=${y}`}>
                    {y}
                  </Link>
                )}
              </li>
            ))}
          </ul>
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
            <DateInput
              idPrefix="date"
              legend="Date"
              legendSize="s"
              hint="For example, 24 12 2027"
              names={{ day: "dateDay", month: "dateMonth", year: "dateYear" }}
              values={parts}
              error={errorOf("date")}
              errorParts={errorOf("date") ? datePartsInError(parts) : undefined}
            />
            <Input
              id="name"
              name="name"
              label="Name"
              hint="As GOV.UK names it, for example Christmas Day"
              error={errorOf("name")}
              defaultValue={valueOf("name")}
            />
            <Button preventDoubleClick>Add bank holiday</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
