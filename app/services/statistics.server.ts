// Scheme statistics from aggregate SQL (definitions in app/domain/statistics.ts).
//
// Query budget: FOUR statements, whatever the range or the size of the table:
//   1. the Annual Data Requirement figures by month and channel (months and years and channels
//      and totals are sums of these few hundred rows at most);
//   2. timeliness: count, median, 90th percentile and clock results per stage;
//   3. the outcome mix;
//   4. today's open, urgent and overdue counts (index-only, like the queues).
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
  CHANNELS,
  CLOCKED_STAGES,
  EMPTY_FIGURES,
  figuresOf,
  monthBuckets,
  outcomeLabel,
  percentile,
  percentOf,
  rangeBounds,
  STAGES,
  yearsOf,
  type AdrFigures,
  type Channel,
  type DateRange,
  type OutcomeRow,
  type Stage,
  type Statistics,
  type TimelinessRow,
  type TodayFigures,
} from "~/domain/statistics";
import { toIsoDate } from "~/domain/dates";
import { OUTCOMES, STATUSES } from "~/domain/workflow";
import { now } from "./app-clock.server";
import { getSqlite } from "./db.server";

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

  const byMonth = new Map(buckets.map((b) => [b.month, { ...EMPTY_FIGURES }]));
  const byChannel = new Map(CHANNELS.map((c) => [c, { ...EMPTY_FIGURES }]));
  for (const row of rows) {
    const f = figures(row);
    byMonth.set(row.month, addFigures(byMonth.get(row.month) ?? EMPTY_FIGURES, f));
    byChannel.set(row.channel, addFigures(byChannel.get(row.channel) ?? EMPTY_FIGURES, f));
  }
  const months = [...byMonth].map(([month, f]) => ({ month, ...f }));
  return {
    byMonth: months,
    byYear: yearsOf(months),
    byChannel: [...byChannel].map(([channel, f]) => ({ channel, ...f })),
    total: months.reduce<AdrFigures>((sum, m) => addFigures(sum, figuresOf(m)), { ...EMPTY_FIGURES }),
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

/** 4. Today: open, open urgent and overdue cases (any T0), from the queues' indexes alone. */
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

/** Every figure for a range of T0 dates (UK, both ends included), as at `at`. Four SQL statements. */
export function getStatistics(range: DateRange, at: Date = now()): Statistics {
  const adr = adrByMonthAndChannel(range);
  return {
    range,
    total: adr.total,
    byYear: adr.byYear,
    byMonth: adr.byMonth,
    byChannel: adr.byChannel,
    timeliness: timeliness(range, at),
    outcomes: outcomes(range),
    disclosureRate: percentOf(adr.total.decidedDisclosures, adr.total.decided),
    today: today(at),
  };
}

/** EXPLAIN QUERY PLAN of the range search every figure starts from (for the benchmark and tests). */
export function explainRangeSearch(range: DateRange): string[] {
  return (
    getSqlite().prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE ${IN_RANGE}`).all(rangeBounds(range)) as { detail: string }[]
  ).map((r) => r.detail);
}
