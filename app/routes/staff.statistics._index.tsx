// Scheme statistics for managers and admins: /staff/statistics?from-day=…&from-month=…&from-year=…&to-day=…
// Figures only (counts, days, percentages): no personal data, so viewing them is not a
// consultation of anyone's data and writes no s.62 row (downloading the CSV does log, as a
// record of what left the system). Definitions: app/domain/statistics.ts.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { OVERSIGHT } from "~/domain/roles";
import { BarChart } from "~/components/charts";
import { Button, DateInput, Details, ErrorSummary, Table } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import {
  CHANNEL_NAMES,
  daysOf,
  formatDays,
  formatMonth,
  formatNumber,
  formatPercent,
  formatUkDate,
  parseRangeForm,
  percentOf,
  STAGE_NAMES,
  type AdrFigures,
  type RangeFieldError,
  type RangeValues,
  type Statistics,
} from "~/domain/statistics";
import { now } from "~/services/app-clock.server";
import { requireStaff } from "~/services/guard.server";
import { getStatistics } from "~/services/statistics.server";

const PATH = "/staff/statistics";
/** Up to this many months, the chart and table go month by month; beyond it the chart shows years. */
const MONTHS_IN_CHART = 24;

type PageData = { ok: boolean; errors: RangeFieldError[]; values: RangeValues; stats: Statistics | null };

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Statistics", Boolean(data && !data.ok));

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, OVERSIGHT);
  const at = now();
  const form = parseRangeForm(new URL(request.url).searchParams, at);
  const page: PageData = form.ok
    ? { ok: true, errors: [], values: form.values, stats: getStatistics(form.range, at) }
    : { ok: false, errors: form.errors, values: form.values, stats: null };
  return json(page, { status: form.ok ? 200 : 400 });
}

export default function StatisticsPage() {
  const { errors, values, stats } = useLoaderData<typeof loader>();
  const errorFor = (field: "from" | "to") => errors.find((e) => e.field === field);
  const fromError = errorFor("from");
  const toError = errorFor("to");
  return (
    <>
      {errors.length > 0 ? (
        <ErrorSummary errors={errors.map((e) => ({ text: e.message, href: `#${e.field}-${e.parts[0] ?? "day"}` }))} />
      ) : null}
      <h1 className="govuk-heading-l">Statistics</h1>
      <p className="govuk-body">
        Figures for applications received between two dates (by the date each was received, UK time), including cases
        whose personal data has since been erased. They contain no personal data.
      </p>

      <Form method="get" action={PATH} className="govuk-!-margin-bottom-6" noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <DateInput
              idPrefix="from"
              legend="From"
              legendSize="s"
              hint="For example, 1 4 2025"
              names={{ day: "from-day", month: "from-month", year: "from-year" }}
              values={{ day: values["from-day"], month: values["from-month"], year: values["from-year"] }}
              error={fromError?.message}
              errorParts={fromError?.parts}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput
              idPrefix="to"
              legend="To"
              legendSize="s"
              hint="For example, 31 3 2026"
              names={{ day: "to-day", month: "to-month", year: "to-year" }}
              values={{ day: values["to-day"], month: values["to-month"], year: values["to-year"] }}
              error={toError?.message}
              errorParts={toError?.parts}
            />
          </div>
        </div>
        <Button variant="secondary">Show statistics</Button>
      </Form>

      {stats ? <StatisticsFigures stats={stats} /> : null}
    </>
  );
}

/** Every section of figures (exported so tests can render it without a router). */
export function StatisticsFigures({ stats }: { stats: Statistics }) {
  const { range, total } = stats;
  const csvHref = `${PATH}/export.csv?${new URLSearchParams({ from: range.from, to: range.to })}`;
  const byMonthInChart = stats.byMonth.length <= MONTHS_IN_CHART;
  const adrHead = ["Applications", "Concerned a registered sex offender", "Led to disclosure"];
  const adrCells = (f: AdrFigures) => [formatNumber(f.applications), formatNumber(f.rso), formatNumber(f.disclosures)];
  const monthTable = (
    <Table
      caption="Applications by month"
      captionClassName="govuk-table__caption--s"
      head={["Month", ...adrHead]}
      firstCellIsHeader
      rows={stats.byMonth.map((m) => [formatMonth(m.month), ...adrCells(m)])}
    />
  );

  return (
    <>
      <h2 className="govuk-heading-m">
        {formatUkDate(range.from)} to {formatUkDate(range.to)}
      </h2>
      <p className="govuk-body">
        <a className="govuk-link" href={csvHref} download>
          Download as CSV<span className="govuk-visually-hidden">: statistics from {formatUkDate(range.from)} to {formatUkDate(range.to)}</span>
        </a>
      </p>

      <section aria-labelledby="adr">
        <h2 className="govuk-heading-m" id="adr">
          Annual Data Requirement
        </h2>
        <Table
          caption="Totals for the dates chosen"
          captionClassName="govuk-table__caption--s"
          head={["Period", ...adrHead]}
          firstCellIsHeader
          rows={[
            ["All dates chosen", ...adrCells(total)],
            ...stats.byYear.map((y) => [y.year, ...adrCells(y)]),
          ]}
        />
        <p className="govuk-body-s">Years are calendar years, counting only the part of each year inside the dates chosen.</p>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {byMonthInChart ? (
              <BarChart
                id="chart-applications"
                title="Applications by month"
                description={`Bar chart of the number of applications received each month from ${formatUkDate(range.from)} to ${formatUkDate(range.to)}.`}
                data={stats.byMonth.map((m) => ({ label: formatMonth(m.month), value: m.applications }))}
              />
            ) : (
              <BarChart
                id="chart-applications"
                title="Applications by year"
                description={`Bar chart of the number of applications received each year from ${formatUkDate(range.from)} to ${formatUkDate(range.to)}.`}
                data={stats.byYear.map((y) => ({ label: y.year, value: y.applications }))}
              />
            )}
          </div>
        </div>
        {byMonthInChart ? monthTable : <Details summary={`Applications by month (${stats.byMonth.length} months)`}>{monthTable}</Details>}
        <Table
          caption="Applications by channel"
          captionClassName="govuk-table__caption--s"
          head={["How the application was made", ...adrHead]}
          firstCellIsHeader
          rows={stats.byChannel.map((c) => [CHANNEL_NAMES[c.channel] ?? c.channel, ...adrCells(c)])}
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
        <p className="govuk-body">
          {total.decided > 0 ? (
            <>
              Disclosure rate: <strong>{formatPercent(stats.disclosureRate)}</strong> ({formatNumber(total.decidedDisclosures)} of{" "}
              {formatNumber(total.decided)} decided {total.decided === 1 ? "case" : "cases"} led to disclosure).
            </>
          ) : (
            <>Disclosure rate: none of the cases received in these dates has been decided yet.</>
          )}
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
          head={["Outcome", "Cases", "Share of applications"]}
          firstCellIsHeader
          rows={stats.outcomes.map((o) => [o.label, formatNumber(o.cases), formatPercent(percentOf(o.cases, total.applications))])}
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
