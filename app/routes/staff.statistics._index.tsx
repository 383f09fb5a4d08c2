// Scheme statistics for managers and admins: /staff/statistics opens on the current financial
// year to date; ?year=2025 shows the financial year 2025 to 2026; the six date fields
// (from-day=…&to-year=…) any range of dates.
// Figures only (counts, days, percentages): no personal data, so viewing them is not a
// consultation of anyone's data and writes no s.62 row (downloading a CSV does log, as a
// record of what left the system). Definitions: app/domain/statistics.ts.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { OVERSIGHT } from "~/domain/roles";
import { BarChart } from "~/components/charts";
import { Button, DateInput, Details, ErrorSummary, Table } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { PeriodLinks } from "~/components/period-links";
import {
  CHANNEL_NAMES,
  daysOf,
  financialYearLabel,
  formatDays,
  formatMonth,
  formatNumber,
  formatPercent,
  formatUkDate,
  parseRangeForm,
  percentOf,
  REFERRAL_CLOCK_PARTS,
  RETURN_FIGURES,
  ROUTE_NAMES,
  ROUTES,
  STAGE_NAMES,
  type AdrFigures,
  type RangeFieldError,
  type RangeValues,
  type Statistics,
} from "~/domain/statistics";
import { now } from "~/services/app-clock.server";
import { requireStaff } from "~/services/guard.server";
import { financialYearsOnRecord, getStatistics } from "~/services/statistics.server";

const PATH = "/staff/statistics";
/** The two dates of the "other dates" form. */
const RANGE_DATES = [
  { field: "from", legend: "From", hint: "For example, 1 4 2025" },
  { field: "to", legend: "To", hint: "For example, 31 3 2026" },
] as const;
/** Up to this many months, the chart and table go month by month; beyond it the chart shows years. */
const MONTHS_IN_CHART = 24;

type PageData = {
  ok: boolean;
  errors: RangeFieldError[];
  values: RangeValues;
  stats: Statistics | null;
  /** The financial year shown (whole, or the current one to date), or null for other dates. */
  financialYear: number | null;
  /** The financial years to choose from, newest first; the first is the current one. */
  years: number[];
  /** The dates were typed (the "other dates" form opens). */
  customDates: boolean;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Statistics", Boolean(data && !data.ok));

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, OVERSIGHT);
  const at = now();
  const params = new URL(request.url).searchParams;
  const form = parseRangeForm(params, at);
  const years = financialYearsOnRecord(at);
  const customDates = !params.has("year") && [...params.keys()].some((k) => k.startsWith("from-") || k.startsWith("to-"));
  const page: PageData = form.ok
    ? { ok: true, errors: [], values: form.values, stats: getStatistics(form.range, at), financialYear: form.financialYear, years, customDates }
    : { ok: false, errors: form.errors, values: form.values, stats: null, financialYear: null, years, customDates };
  return json(page, { status: form.ok ? 200 : 400 });
}

export default function StatisticsPage() {
  const { errors, values, stats, financialYear, years, customDates } = useLoaderData<typeof loader>();
  const dateForm = (
    <Form method="get" action={PATH} className="govuk-!-margin-bottom-6" noValidate>
      <div className="govuk-grid-row">
        {RANGE_DATES.map(({ field, legend, hint }) => {
          const error = errors.find((e) => e.field === field);
          return (
            <div key={field} className="govuk-grid-column-one-half">
              <DateInput
                idPrefix={field}
                legend={legend}
                legendSize="s"
                hint={hint}
                names={{ day: `${field}-day`, month: `${field}-month`, year: `${field}-year` }}
                values={{ day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] }}
                error={error?.message}
                errorParts={error?.parts}
              />
            </div>
          );
        })}
      </div>
      <Button variant="secondary">Show statistics</Button>
    </Form>
  );
  return (
    <>
      {errors.length > 0 ? (
        <ErrorSummary
          errors={errors.map((e) => ({ text: e.message, href: e.field === "year" ? "#financial-years" : `#${e.field}-${e.parts[0] ?? "day"}` }))}
        />
      ) : null}
      <h1 className="govuk-heading-l">Statistics</h1>
      <p className="govuk-body">
        Figures for cases received in a financial year (1 April to 31 March) or between two dates, by the date each was
        received (UK time), including cases whose personal data has since been erased. They contain no personal data.
      </p>

      <nav aria-labelledby="financial-years-heading" id="financial-years" className="govuk-!-margin-bottom-4">
        <h2 className="govuk-heading-s" id="financial-years-heading">
          Financial years
        </h2>
        <PeriodLinks
          links={years.map((year, i) => ({
            key: year,
            label: `${financialYearLabel(year)}${i === 0 ? " (to date)" : ""}`,
            href: `${PATH}?year=${year}`,
            current: year === financialYear,
          }))}
        />
      </nav>

      {customDates ? (
        <>
          <h2 className="govuk-heading-s">Other dates</h2>
          {dateForm}
        </>
      ) : (
        <Details summary="Choose other dates">{dateForm}</Details>
      )}

      {stats ? <StatisticsFigures stats={stats} financialYear={financialYear} /> : null}
    </>
  );
}

/** Every section of figures (exported so tests can render it without a router). */
export function StatisticsFigures({ stats, financialYear = null }: { stats: Statistics; financialYear?: number | null }) {
  const { range, total } = stats;
  const csvHref = `${PATH}/export.csv?${new URLSearchParams({ from: range.from, to: range.to })}`;
  const byMonthInChart = stats.byMonth.length <= MONTHS_IN_CHART;
  const dates = `${formatUkDate(range.from)} to ${formatUkDate(range.to)}`;
  const allCases = total.right_to_ask.applications + total.right_to_be_told.applications;
  const returnHead = (route: "right_to_ask" | "right_to_be_told") => RETURN_FIGURES[route].map((f) => f.name);
  const returnCells = (f: AdrFigures) => [formatNumber(f.applications), formatNumber(f.rso), formatNumber(f.disclosures)];
  const monthTable = (
    <Table
      caption="By month"
      captionClassName="govuk-table__caption--s"
      head={["Month", ...returnHead("right_to_ask"), RETURN_FIGURES.right_to_be_told[0].name]}
      firstCellIsHeader
      rows={stats.byMonth.map((m) => [formatMonth(m.month), ...returnCells(m.right_to_ask), formatNumber(m.right_to_be_told.applications)])}
    />
  );

  return (
    <>
      <h2 className="govuk-heading-m" id="period">
        {financialYear !== null ? `Financial year ${financialYearLabel(financialYear)}` : dates}
      </h2>
      {financialYear !== null ? (
        <p className="govuk-body">
          {dates}
          {range.to < `${financialYear + 1}-03-31` ? " (to date)" : null}.
        </p>
      ) : null}
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={csvHref} download>
            Download as CSV<span className="govuk-visually-hidden">: every figure from {dates}</span>
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${PATH}/return.csv`} download>
            Download the Annual Data Requirement return as CSV (one row per financial year)
          </a>
        </li>
      </ul>

      <section aria-labelledby="adr">
        <h2 className="govuk-heading-m" id="adr">
          Annual Data Requirement
        </h2>
        <Table
          caption={ROUTE_NAMES.right_to_ask}
          captionClassName="govuk-table__caption--s"
          head={["Figure", "Number"]}
          firstCellIsHeader
          rows={RETURN_FIGURES.right_to_ask.map((f) => [f.name, formatNumber(total.right_to_ask[f.key])])}
        />
        <Table
          caption={`${ROUTE_NAMES.right_to_be_told}: counted separately, not in the application figures`}
          captionClassName="govuk-table__caption--s"
          head={["Figure", "Number"]}
          firstCellIsHeader
          rows={RETURN_FIGURES.right_to_be_told.map((f) => [f.name, formatNumber(total.right_to_be_told[f.key])])}
        />
        {stats.byFinancialYear.length > 1 ? (
          <>
            <Table
              caption="By financial year"
              captionClassName="govuk-table__caption--s"
              head={["Financial year", ...returnHead("right_to_ask"), ...returnHead("right_to_be_told")]}
              firstCellIsHeader
              rows={stats.byFinancialYear.map((y) => [
                y.wholeYear ? financialYearLabel(y.year) : `${financialYearLabel(y.year)} (${formatUkDate(y.from)} to ${formatUkDate(y.to)})`,
                ...returnCells(y.right_to_ask),
                ...returnCells(y.right_to_be_told),
              ])}
            />
          </>
        ) : null}
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {byMonthInChart ? (
              <BarChart
                id="chart-applications"
                title="Applications received by month"
                description={`Bar chart of the number of applications (right to ask) received each month from ${dates}.`}
                data={stats.byMonth.map((m) => ({ label: formatMonth(m.month), value: m.right_to_ask.applications }))}
              />
            ) : (
              <BarChart
                id="chart-applications"
                title="Applications received by financial year"
                description={`Bar chart of the number of applications (right to ask) received each financial year from ${dates}.`}
                data={stats.byFinancialYear.map((y) => ({ label: financialYearLabel(y.year), value: y.right_to_ask.applications }))}
              />
            )}
          </div>
        </div>
        {byMonthInChart ? monthTable : <Details summary={`By month (${stats.byMonth.length} months)`}>{monthTable}</Details>}
        <Table
          caption="By channel"
          captionClassName="govuk-table__caption--s"
          head={["How the case began", "Cases received", "Concerned a registered sex offender", "Led to a disclosure"]}
          firstCellIsHeader
          rows={stats.byChannel.map((c) => [CHANNEL_NAMES[c.channel] ?? c.channel, ...returnCells(c)])}
        />
      </section>

      <section aria-labelledby="referrals">
        <h2 className="govuk-heading-m" id="referrals">
          Referrals to partner agencies
        </h2>
        <p className="govuk-body">
          Referrals and other sharing with partner agencies on the cases received in these dates. A referral meets the
          referral clock (children&apos;s social care, before the end of the working day, when abuse is suspected) on time when
          it was made at or before the due time.
        </p>
        <Table
          caption="By agency"
          captionClassName="govuk-table__caption--s"
          head={["Agency", "Referrals", "Of suspected abuse", "Met the referral clock on time", "Met it late"]}
          firstCellIsHeader
          rows={[
            ...stats.referrals.byAgency.map((a) => [a.agency, formatNumber(a.referrals), formatNumber(a.suspectedAbuse), formatNumber(a.onTime), formatNumber(a.late)]),
            [
              "All agencies",
              formatNumber(stats.referrals.total),
              ...(["suspectedAbuse", "onTime", "late"] as const).map((k) => formatNumber(stats.referrals.byAgency.reduce((n, a) => n + a[k], 0))),
            ],
          ]}
        />
        <Table
          caption="The referral clock"
          captionClassName="govuk-table__caption--s"
          head={["Cases", "Number"]}
          firstCellIsHeader
          rows={REFERRAL_CLOCK_PARTS.map(([key, name]) => [name, formatNumber(stats.referrals.clock[key])])}
        />
      </section>

      <section aria-labelledby="timeliness">
        <h2 className="govuk-heading-m" id="timeliness">
          Timeliness
        </h2>
        <p className="govuk-body">
          Days from the moment an application was received to each stage, for the cases that reached it. Within clock
          counts stages met at or before their due time, out of those met plus those still open and overdue.
        </p>
        <Table
          caption="Time to each stage"
          captionClassName="govuk-visually-hidden"
          head={["Stage", "Cases reaching it", "Median days", "90th percentile days", "Within clock"]}
          firstCellIsHeader
          rows={stats.timeliness.map((t) => [
            STAGE_NAMES[t.stage],
            formatNumber(t.reached),
            formatDays(daysOf(t.medianMs)),
            formatDays(daysOf(t.p90Ms)),
            t.clockResults === null || t.withinClock === null
              ? "No clock"
              : t.clockResults === 0
                ? "No cases"
                : `${formatPercent(percentOf(t.withinClock, t.clockResults))} (${formatNumber(t.withinClock)} of ${formatNumber(t.clockResults)})`,
          ])}
        />
      </section>

      <section aria-labelledby="outcomes">
        <h2 className="govuk-heading-m" id="outcomes">
          Outcomes
        </h2>
        {ROUTES.map((route) => {
          const f = total[route];
          return (
            <p className="govuk-body" key={route}>
              {ROUTE_NAMES[route]}, disclosure rate:{" "}
              {f.decided > 0 ? (
                <>
                  <strong>{formatPercent(stats.disclosureRate[route])}</strong> ({formatNumber(f.decidedDisclosures)} of {formatNumber(f.decided)}{" "}
                  decided {f.decided === 1 ? "case" : "cases"} led to a disclosure).
                </>
              ) : (
                <>none of these cases has been decided yet.</>
              )}
            </p>
          );
        })}
        <p className="govuk-body">
          Departures from the presumption to disclose, each signed by a second manager: <strong>{formatNumber(stats.presumptionDepartures)}</strong>.
        </p>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <BarChart
              id="chart-outcomes"
              title="Outcomes"
              description="Bar chart of the number of cases with each outcome. A case can have more than one outcome."
              data={stats.outcomes.map((o) => ({ label: o.label, value: o.cases }))}
            />
          </div>
        </div>
        <Table
          caption="Cases by outcome (a case can have more than one)"
          captionClassName="govuk-table__caption--s"
          head={["Outcome", "Cases", "Share of all cases"]}
          firstCellIsHeader
          rows={stats.outcomes.map((o) => [o.label, formatNumber(o.cases), formatPercent(percentOf(o.cases, allCases))])}
        />
      </section>

      <section aria-labelledby="today">
        <h2 className="govuk-heading-m" id="today">
          Today
        </h2>
        <p className="govuk-body">All open cases on {formatUkDate(stats.today.date)}, whenever they were received.</p>
        <Table
          caption="Open cases today"
          captionClassName="govuk-visually-hidden"
          head={["Cases", "Number"]}
          firstCellIsHeader
          rows={[
            ["Open", formatNumber(stats.today.open)],
            ["Open and urgent", formatNumber(stats.today.urgent)],
            ["Overdue", formatNumber(stats.today.overdue)],
          ]}
        />
      </section>
    </>
  );
}
