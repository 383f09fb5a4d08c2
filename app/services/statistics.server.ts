// Scheme statistics from aggregate SQL (definitions in app/domain/statistics.ts).
//
// Query budget: FIVE statements (and the agency setting), whatever the range or the size of the table:
//   1. the Annual Data Requirement figures by month and channel (months, financial years, routes,
//      channels and totals are sums of these few hundred rows at most, so they cannot disagree);
//   2. timeliness: count, median, 90th percentile and clock results per stage;
//   3. the outcome mix;
//   4. referrals by agency and the referral clock;
//   5. today's open, urgent and overdue counts (index-only, like the queues).
// The return (one row per financial year) is statement 1 alone, over the years since the first case.
// Every ROW that reaches JS is an aggregate (a month and channel, an outcome code, a stage); the
// only per-case values are the bare durations of statement 2, which JS sorts (below).
//
// Percentiles: the choice is to FETCH THE DURATIONS, not to rank in SQL. The timeliness statement
// returns, per stage, one JSON array of the T0 → stage durations (integers, milliseconds, in no
// order, nothing else about a case); JS sorts each as a Float64Array and reads the ranks with
// `percentile` (app/domain/statistics.ts, unit-tested). The number fetched is bounded by the
// range: at most four per case received in it. Measured on 100,000 cases, SQL window functions
// (row_number() over each stage, sorted by SQLite's sorter) took 5–10× longer than this for the
// same exact answer (12 months: ~55 ms against ~10 ms; ten years: ~0.6–1.3 s against ~0.1–0.2 s).
//
// Index use: there is no index on received_at alone, but `cases_status_received_idx` is
// (status, received_at) and status is NOT NULL and one of nine values, so
// `status IN (every status) AND received_at >= @start AND received_at < @end` is answered by nine
// range searches of that index (EXPLAIN: "SEARCH cases USING INDEX cases_status_received_idx
// (status=? AND received_at>? AND received_at<?)"), reading only the cases in the range.
// Statistics do not filter on erased_at: an erased case is still an application.
import {
  addFigures,
  addRouteFigures,
  CHANNELS,
  CLOCKED_STAGES,
  EMPTY_FIGURES,
  emptyRouteFigures,
  financialYearOf,
  financialYearsOf,
  FIRST_FINANCIAL_YEAR,
  MAX_RANGE_YEARS,
  monthBuckets,
  outcomeLabel,
  percentile,
  percentOf,
  rangeBounds,
  STAGES,
  type AdrFigures,
  type AgencyReferrals,
  type Channel,
  type DateRange,
  type FinancialYearRow,
  type OutcomeRow,
  type ReferralStatistics,
  type RouteFigures,
  type Stage,
  type Statistics,
  type TimelinessRow,
  type TodayFigures,
} from "~/domain/statistics";
import { toIsoDate } from "~/domain/time";
import { schemeRoute } from "~/domain/urgency";
import { OUTCOMES, STATUSES } from "~/domain/workflow";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { getDb, getSqlite } from "./db.server";
import { getSetting } from "./settings.server";

/** Every status, as literals (constants, never input): the index-friendly "any status". */
const ANY_STATUS = `status IN (${STATUSES.map((s) => `'${s}'`).join(", ")})`;
const IN_RANGE = `${ANY_STATUS} AND received_at >= @start AND received_at < @end`;

/** The figures of a group of cases, as SQL aggregates (count(CASE …) is 0, never NULL, for none). */
const FIGURES = `
  count(*) AS applications,
  count(CASE WHEN subject_is_rso = 1 THEN 1 END) AS rso,
  count(CASE WHEN disclosure_made = 1 THEN 1 END) AS disclosures,
  count(CASE WHEN decided_at IS NOT NULL THEN 1 END) AS decided,
  count(CASE WHEN decided_at IS NOT NULL AND disclosure_made = 1 THEN 1 END) AS decided_disclosures`;

type RawFigures = { applications: number; rso: number; disclosures: number; decided: number; decided_disclosures: number };

function figures(raw: RawFigures): AdrFigures {
  return {
    applications: raw.applications,
    rso: raw.rso,
    disclosures: raw.disclosures,
    decided: raw.decided,
    decidedDisclosures: raw.decided_disclosures,
  };
}

/** 1. ADR figures per month (UK calendar months, from the month buckets) and channel. */
function adrByMonthAndChannel(range: DateRange) {
  const buckets = monthBuckets(range);
  const rows = getSqlite()
    .prepare(
      `WITH m AS (
         SELECT value ->> 0 AS month, value ->> 1 AS start_ms, value ->> 2 AS end_ms FROM json_each(@months)
       )
       SELECT m.month, c.channel, ${FIGURES}
       FROM m CROSS JOIN cases c
       WHERE c.${ANY_STATUS} AND c.received_at >= m.start_ms AND c.received_at < m.end_ms
       GROUP BY m.month, c.channel`,
    )
    .all({ months: JSON.stringify(buckets.map((b) => [b.month, b.start, b.end])) }) as ({
    month: string;
    channel: Channel;
  } & RawFigures)[];

  const byMonth = new Map<string, RouteFigures>(buckets.map((b) => [b.month, emptyRouteFigures()]));
  const byChannel = new Map(CHANNELS.map((c) => [c, { ...EMPTY_FIGURES }]));
  for (const row of rows) {
    const f = figures(row);
    const month = byMonth.get(row.month) ?? emptyRouteFigures();
    const route = schemeRoute(row.channel);
    byMonth.set(row.month, { ...month, [route]: addFigures(month[route], f) });
    byChannel.set(row.channel, addFigures(byChannel.get(row.channel) ?? EMPTY_FIGURES, f));
  }
  const months = [...byMonth].map(([month, f]) => ({ month, ...f }));
  return {
    byMonth: months,
    byFinancialYear: financialYearsOf(range, months),
    byChannel: [...byChannel].map(([channel, f]) => ({ channel, ...f })),
    total: months.reduce<RouteFigures>((sum, m) => addRouteFigures(sum, m), emptyRouteFigures()),
  };
}

/** The columns of each clocked stage: when it was met and when it was due. */
const STAGE_COLUMNS: Record<Stage, { met: string; due: string | null }> = {
  risk_check: { met: "risk_checked_at", due: "risk_check_due_at" },
  interview: { met: "interviewed_at", due: "interview_due_at" },
  decision: { met: "decided_at", due: "decision_due_at" },
  closure: { met: "closed_at", due: null },
};

/**
 * 2. Timeliness per stage. One statement reads the range once (materialised) and returns one row:
 * for each stage, the durations T0 → stage as ONE JSON array of integers (milliseconds: no ids,
 * no dates, nothing else about a case), and the clock counts. The arrays are sorted here as
 * Float64Arrays and `percentile` reads the median and 90th percentile.
 */
function timeliness(range: DateRange, at: Date): TimelinessRow[] {
  const columns = STAGES.flatMap((stage) => {
    const { met, due } = STAGE_COLUMNS[stage];
    const list = [`(SELECT json_group_array(${met} - received_at) FROM c WHERE ${met} IS NOT NULL) AS ${stage}_ms`];
    if (due) {
      list.push(
        `count(CASE WHEN ${due} IS NOT NULL AND (${met} IS NOT NULL OR (closed_at IS NULL AND ${due} < @now)) THEN 1 END) AS ${stage}_results`,
        `count(CASE WHEN ${due} IS NOT NULL AND ${met} IS NOT NULL AND ${met} <= ${due} THEN 1 END) AS ${stage}_within`,
      );
    }
    return list;
  });
  const row = getSqlite()
    .prepare(
      `WITH c AS MATERIALIZED (
         SELECT received_at, risk_checked_at, risk_check_due_at, interviewed_at, interview_due_at,
           decided_at, decision_due_at, closed_at
         FROM cases WHERE ${IN_RANGE}
       )
       SELECT ${columns.join(",\n         ")}
       FROM c`,
    )
    .get({ ...rangeBounds(range), now: at.getTime() }) as Record<string, string | number>;
  return STAGES.map((stage) => {
    const durations = Float64Array.from(JSON.parse(String(row[`${stage}_ms`])) as number[]).sort();
    const clocked = CLOCKED_STAGES.includes(stage);
    return {
      stage,
      reached: durations.length,
      medianMs: percentile(durations, 0.5),
      p90Ms: percentile(durations, 0.9),
      clockResults: clocked ? Number(row[`${stage}_results`]) : null,
      withinClock: clocked ? Number(row[`${stage}_within`]) : null,
    };
  });
}

/** 3. How many cases received in the range carry each outcome (a case may carry several). */
function outcomes(range: DateRange): OutcomeRow[] {
  const rows = getSqlite()
    .prepare(
      `SELECT o.code, count(*) AS cases
       FROM cases c JOIN case_outcomes o ON o.case_id = c.id
       WHERE c.${ANY_STATUS} AND c.received_at >= @start AND c.received_at < @end
       GROUP BY o.code`,
    )
    .all(rangeBounds(range)) as { code: string; cases: number }[];
  const counts = new Map(rows.map((r) => [r.code, r.cases]));
  // Every outcome of the scheme, in its order (0 when none); any other code found after them.
  const known = Object.keys(OUTCOMES).map((code) => ({ code, label: outcomeLabel(code), cases: counts.get(code) ?? 0 }));
  const other = rows
    .filter((r) => !Object.hasOwn(OUTCOMES, r.code))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => ({ code: r.code, label: outcomeLabel(r.code), cases: r.cases }));
  return [...known, ...other];
}

/**
 * 4. Referrals on the cases received in the range, by agency, and the referral clock. One
 * statement over the range (materialised): the agencies as one JSON array of aggregate rows, and
 * the clock's parts as counts. The referral that met a clock is the case's referral made at
 * `referral_made_at` (the lowest id if two were made at the same moment).
 */
function referrals(range: DateRange, at: Date, agencies: readonly string[]): ReferralStatistics {
  const row = getSqlite()
    .prepare(
      `WITH c AS MATERIALIZED (
         SELECT id, closed_at, referral_due_at, referral_made_at FROM cases WHERE ${IN_RANGE}
       ),
       answered AS (
         SELECT c.id AS case_id, c.referral_made_at <= c.referral_due_at AS on_time,
           (SELECT r.id FROM case_referrals r WHERE r.case_id = c.id AND r.made_at = c.referral_made_at ORDER BY r.id LIMIT 1) AS referral_id
         FROM c WHERE c.referral_due_at IS NOT NULL AND c.referral_made_at IS NOT NULL
       )
       SELECT
         (SELECT json_group_array(json_array(agency, referrals, suspected, on_time, late)) FROM (
            SELECT r.agency, count(*) AS referrals,
              count(CASE WHEN r.suspected_abuse = 1 THEN 1 END) AS suspected,
              count(CASE WHEN a.on_time = 1 THEN 1 END) AS on_time,
              count(CASE WHEN a.on_time = 0 THEN 1 END) AS late
            FROM c JOIN case_referrals r ON r.case_id = c.id
            LEFT JOIN answered a ON a.referral_id = r.id
            GROUP BY r.agency)) AS agencies,
         count(CASE WHEN referral_due_at IS NOT NULL THEN 1 END) AS cases,
         count(CASE WHEN referral_due_at IS NOT NULL AND referral_made_at <= referral_due_at THEN 1 END) AS on_time,
         count(CASE WHEN referral_due_at IS NOT NULL AND referral_made_at > referral_due_at THEN 1 END) AS late,
         count(CASE WHEN referral_due_at IS NOT NULL AND referral_made_at IS NULL AND closed_at IS NULL AND referral_due_at < @now THEN 1 END) AS overdue,
         count(CASE WHEN referral_due_at IS NOT NULL AND referral_made_at IS NULL AND closed_at IS NULL AND referral_due_at >= @now THEN 1 END) AS not_yet_due,
         count(CASE WHEN referral_due_at IS NOT NULL AND referral_made_at IS NULL AND closed_at IS NOT NULL THEN 1 END) AS closed_without
       FROM c`,
    )
    .get({ ...rangeBounds(range), now: at.getTime() }) as {
    agencies: string;
    cases: number;
    on_time: number;
    late: number;
    overdue: number;
    not_yet_due: number;
    closed_without: number;
  };
  const found = new Map(
    (JSON.parse(row.agencies) as [string, number, number, number, number][]).map(([agency, referrals, suspectedAbuse, onTime, late]) => [
      agency,
      { agency, referrals, suspectedAbuse, onTime, late },
    ]),
  );
  // The force's agencies in their order (0 when none), then any other name found (a renamed one).
  const byAgency: AgencyReferrals[] = [
    ...agencies.map((agency) => found.get(agency) ?? { agency, referrals: 0, suspectedAbuse: 0, onTime: 0, late: 0 }),
    ...[...found.values()].filter((a) => !agencies.includes(a.agency)).sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0)),
  ];
  return {
    byAgency,
    total: byAgency.reduce((n, a) => n + a.referrals, 0),
    clock: { cases: row.cases, onTime: row.on_time, late: row.late, overdue: row.overdue, notYetDue: row.not_yet_due, closedWithout: row.closed_without },
  };
}

/** Decisions against the presumption to disclose, second-signed, on cases received in the range. */
function presumptionDepartures(range: DateRange): number {
  const row = getSqlite()
    .prepare(`SELECT count(*) AS n FROM cases WHERE ${IN_RANGE} AND presumption_departure = 1`)
    .get(rangeBounds(range)) as { n: number };
  return row.n;
}

/** 5. Today: open, open urgent and overdue cases (any T0), from the queues' indexes alone. */
function today(at: Date): TodayFigures {
  const row = getSqlite()
    .prepare(
      `SELECT
         (SELECT count(*) FROM cases WHERE closed_at IS NULL) AS open,
         (SELECT count(*) FROM cases WHERE urgent = 1 AND closed_at IS NULL) AS urgent,
         (SELECT count(*) FROM cases WHERE closed_at IS NULL AND next_due_at < @now) AS overdue`,
    )
    .get({ now: at.getTime() }) as { open: number; urgent: number; overdue: number };
  return { date: toIsoDate(at), open: row.open, urgent: row.urgent, overdue: row.overdue };
}

/**
 * Logs a download of figures (s.62 consultation of "statistics"): no personal data leaves, but
 * there is a record of what left the system and who took it. `fields` names the sections.
 */
export function logStatisticsDownload(viewer: { id: number }, fields: string[], reason: string, requestId: string | undefined, at: Date): void {
  getDb().transaction((tx) => {
    recordAudit(tx, { action: "consultation", actor: { kind: "staff", id: viewer.id }, entityType: "statistics", fields, reason, requestId }, at);
  });
}

/**
 * Every figure for a range of T0 dates (UK, both ends included), as at `at`. Six SQL statements,
 * and one to read the force's agency list (setting "referrals.agencies").
 */
export function getStatistics(range: DateRange, at: Date = now()): Statistics {
  const adr = adrByMonthAndChannel(range);
  return {
    range,
    total: adr.total,
    byFinancialYear: adr.byFinancialYear,
    byMonth: adr.byMonth,
    byChannel: adr.byChannel,
    timeliness: timeliness(range, at),
    outcomes: outcomes(range),
    disclosureRate: {
      right_to_ask: percentOf(adr.total.right_to_ask.decidedDisclosures, adr.total.right_to_ask.decided),
      right_to_be_told: percentOf(adr.total.right_to_be_told.decidedDisclosures, adr.total.right_to_be_told.decided),
    },
    referrals: referrals(range, at, getSetting("referrals.agencies")),
    presumptionDepartures: presumptionDepartures(range),
    today: today(at),
  };
}

/**
 * The financial year of the first case received (any status; index seeks on
 * cases_status_received_idx, one per status), or null when there is none.
 */
export function firstFinancialYear(): number | null {
  const row = getSqlite()
    .prepare(`SELECT min(first) AS first FROM (${STATUSES.map((s) => `SELECT min(received_at) AS first FROM cases WHERE status = '${s}'`).join(" UNION ALL ")})`)
    .get() as { first: number | null };
  return row.first === null ? null : financialYearOf(new Date(row.first));
}

/**
 * The financial years the return can cover: from the first case's year (at most MAX_RANGE_YEARS
 * before the current one) to the current year, newest first.
 */
export function financialYearsOnRecord(at: Date = now()): number[] {
  const current = financialYearOf(at);
  const first = Math.max(firstFinancialYear() ?? current, current - MAX_RANGE_YEARS, FIRST_FINANCIAL_YEAR);
  return Array.from({ length: current - first + 1 }, (_, i) => current - i);
}

/** The return: the Annual Data Requirement figures for each financial year from `first` to today, oldest first. */
export function getReturn(first: number, at: Date = now()): FinancialYearRow[] {
  const current = financialYearOf(at);
  const range = { from: `${Math.min(first, current)}-04-01`, to: toIsoDate(at) };
  return adrByMonthAndChannel(range).byFinancialYear;
}

/** EXPLAIN QUERY PLAN of the range search every figure starts from (for the benchmark and tests). */
export function explainRangeSearch(range: DateRange): string[] {
  return (
    getSqlite().prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE ${IN_RANGE}`).all(rangeBounds(range)) as { detail: string }[]
  ).map((r) => r.detail);
}
