// Scheme statistics (csods.md §6): the Annual Data Requirement, timeliness, outcome mix and the
// disclosure rate. Pure helpers and types only; the SQL is in app/services/statistics.server.ts.
//
// Definitions (the page and the CSV say the same):
//   - A case belongs to a period by T0 (`received_at`) and the UK calendar date (Europe/London)
//     on which it was received. A range is whole UK days, `from` and `to` both included.
//   - Applications: every case received in the period, whatever its channel or stage, erased
//     cases included (erasure removes the personal data, the statistical columns stay).
//   - Registered sex offender: `subject_is_rso = 1` (set at assessment).
//   - Led to disclosure: `disclosure_made = 1` (set when delivery is recorded).
//   - Disclosure rate: decided cases that led to disclosure ÷ decided cases (`decided_at` set).
//   - Timeliness: days from T0 to each stage, over the cases that reached it. Median and 90th
//     percentile by linear interpolation between closest ranks (the "R-7" or Excel PERCENTILE.INC
//     rule; see `percentile`). "Within clock" is the share of clock results that were met at or
//     before the due moment, where a clock result is the stage reached (on time or late) or the
//     case still open with the due moment passed (overdue now). A case that closed without
//     reaching a stage (scoped out, withdrawn, …) has no result for that clock.
//   - Today: open cases (`closed_at` not set), open urgent cases, and open cases with a clock
//     overdue (`next_due_at` before now), whenever they were received: the same rules as the queues.
import { z } from "zod";
import { parseDateParts, toIsoDate, type DatePart } from "./dates";
import { OUTCOMES } from "./workflow";
import type { CsvCell } from "./csv";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A range of UK calendar dates (YYYY-MM-DD), both ends included. */
export type DateRange = { from: string; to: string };

/** The Annual Data Requirement figures (and the decided cases behind the disclosure rate). */
export type AdrFigures = {
  applications: number;
  /** Concerned a registered sex offender. */
  rso: number;
  /** Led to disclosure. */
  disclosures: number;
  /** A decision was made (the denominator of the disclosure rate). */
  decided: number;
  /** Decided and led to disclosure (the numerator of the disclosure rate). */
  decidedDisclosures: number;
};

export const CHANNELS = ["online", "phone", "station", "proactive"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = {
  online: "Online",
  phone: "Phone",
  station: "At a police station",
  proactive: "Proactive (started by the police)",
};

export const STAGES = ["risk_check", "interview", "decision", "closure"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_NAMES: Record<Stage, string> = {
  risk_check: "Immediate-risk check",
  interview: "Interview and verification",
  decision: "Decision",
  closure: "Closure",
};
/** Stages with a clock (closure has none). */
export const CLOCKED_STAGES: readonly Stage[] = ["risk_check", "interview", "decision"];

export type TimelinessRow = {
  stage: Stage;
  /** Cases received in the range that reached the stage. */
  reached: number;
  /** Milliseconds from T0, or null when no case reached the stage. */
  medianMs: number | null;
  p90Ms: number | null;
  /** Clock results (see the top of this file); null for a stage without a clock. */
  clockResults: number | null;
  /** Of those, met at or before the due moment; null for a stage without a clock. */
  withinClock: number | null;
};

export type OutcomeRow = { code: string; label: string; cases: number };

export type TodayFigures = { date: string; open: number; urgent: number; overdue: number };

export type Statistics = {
  range: DateRange;
  total: AdrFigures;
  byYear: ({ year: string } & AdrFigures)[];
  byMonth: ({ month: string } & AdrFigures)[];
  byChannel: ({ channel: Channel } & AdrFigures)[];
  timeliness: TimelinessRow[];
  outcomes: OutcomeRow[];
  /** decidedDisclosures ÷ decided as a percentage to one decimal place; null when nothing was decided. */
  disclosureRate: number | null;
  today: TodayFigures;
};

export const EMPTY_FIGURES: Readonly<AdrFigures> = Object.freeze({
  applications: 0,
  rso: 0,
  disclosures: 0,
  decided: 0,
  decidedDisclosures: 0,
});

export function addFigures(a: AdrFigures, b: AdrFigures): AdrFigures {
  return {
    applications: a.applications + b.applications,
    rso: a.rso + b.rso,
    disclosures: a.disclosures + b.disclosures,
    decided: a.decided + b.decided,
    decidedDisclosures: a.decidedDisclosures + b.decidedDisclosures,
  };
}

/** Just the figures of a row that carries more (a month, a channel). */
export function figuresOf(row: AdrFigures): AdrFigures {
  return {
    applications: row.applications,
    rso: row.rso,
    disclosures: row.disclosures,
    decided: row.decided,
    decidedDisclosures: row.decidedDisclosures,
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/**
 * The p-th quantile (0 ≤ p ≤ 1) of values sorted in ascending order, by linear interpolation
 * between closest ranks: h = (n − 1) × p, then x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]).
 * The median of an even count is the mean of the middle two. Null for no values. `sorted` may be
 * an array or a typed array (statistics.server.ts sorts durations as Float64Arrays).
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be between 0 and 1: ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo];
  const high = lo + 1 < n ? sorted[lo + 1] : low;
  return low + (h - lo) * (high - low);
}

/** Milliseconds as days, to one decimal place (null stays null). */
export function daysOf(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / DAY_MS) * 10) / 10;
}

/** part ÷ whole as a percentage to one decimal place; null when the whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-GB");
}

/** "12.5%", or "No cases" for null. */
export function formatPercent(value: number | null): string {
  return value === null ? "No cases" : `${value.toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`;
}

/** "1.5", or "No cases" for null. */
export function formatDays(value: number | null): string {
  return value === null ? "No cases" : value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

// ---------------------------------------------------------------------------------------------
// UK dates and periods
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoParts(iso: string): [number, number, number] {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The ISO date `days` after (or before) `iso`. */
export function addIsoDays(iso: string, days: number): string {
  const [y, m, d] = isoParts(iso);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The instant (epoch ms) at which a UK calendar date begins: midnight in London, which is
 * midnight UTC in GMT and 23:00 UTC the day before in BST. (Clocks change at 01:00 UTC, never
 * at midnight, so midnight always exists and is never doubled.)
 */
export function ukDayStart(iso: string): number {
  const [y, m, d] = isoParts(iso);
  const utcMidnight = Date.UTC(y, m - 1, d);
  return toIsoDate(new Date(utcMidnight - HOUR_MS)) === iso ? utcMidnight - HOUR_MS : utcMidnight;
}

/** The instants a range covers: [start, end), T0 ≥ start and T0 < end. */
export function rangeBounds(range: DateRange): { start: number; end: number } {
  return { start: ukDayStart(range.from), end: ukDayStart(addIsoDays(range.to, 1)) };
}

/** The calendar months (YYYY-MM) a range touches, each with its part of the range as instants. */
export function monthBuckets(range: DateRange): { month: string; start: number; end: number }[] {
  const [fy, fm] = isoParts(range.from);
  const [ty, tm] = isoParts(range.to);
  const dayAfter = addIsoDays(range.to, 1);
  const buckets: { month: string; start: number; end: number }[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? (y++, (m = 1)) : m++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
    const first = `${month}-01`;
    buckets.push({
      month,
      start: ukDayStart(first < range.from ? range.from : first),
      end: ukDayStart(next > dayAfter ? dayAfter : next),
    });
  }
  return buckets;
}

/** The default range: the last 12 months, from the 1st of the month 11 months ago to today. */
export function defaultRange(today: Date): DateRange {
  const to = toIsoDate(today);
  const [y, m] = isoParts(to);
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "2026-03" → "March 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** "2026-03-07" → "7 March 2026". */
export function formatUkDate(iso: string): string {
  const [y, m, d] = isoParts(iso);
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** Months summed into calendar years (only the part of each year inside the range). */
export function yearsOf(months: ({ month: string } & AdrFigures)[]): ({ year: string } & AdrFigures)[] {
  const years = new Map<string, AdrFigures>();
  for (const row of months) {
    const year = row.month.slice(0, 4);
    years.set(year, addFigures(years.get(year) ?? EMPTY_FIGURES, row));
  }
  return [...years].map(([year, figures]) => ({ year, ...figures }));
}

// ---------------------------------------------------------------------------------------------
// The date range, from the page's GOV.UK date inputs or the export's query string
// ---------------------------------------------------------------------------------------------

export const RANGE_FIELDS = ["from-day", "from-month", "from-year", "to-day", "to-month", "to-year"] as const;

export type RangeFieldError = { field: "from" | "to"; message: string; parts: DatePart[] };
export type RangeValues = Record<(typeof RANGE_FIELDS)[number], string>;

const LABELS = { from: "The start date", to: "The end date" } as const;

function dateMessage(result: { message: string }, field: "from" | "to"): string {
  return result.message === "Year must include 4 numbers"
    ? `The year of ${LABELS[field].charAt(0).toLowerCase()}${LABELS[field].slice(1)} must include 4 numbers`
    : result.message;
}

const optionalText = z.string().optional();

/** The page's form (six GOV.UK date parts) → a range; errors name the date and its parts. */
export const MAX_RANGE_YEARS = 10;

export function rangeFormSchema(today: Date) {
  return z
    .object(Object.fromEntries(RANGE_FIELDS.map((f) => [f, optionalText])) as Record<(typeof RANGE_FIELDS)[number], typeof optionalText>)
    .transform((v, ctx): DateRange => {
      const from = parseDateParts({ day: v["from-day"], month: v["from-month"], year: v["from-year"] }, LABELS.from, today);
      const to = parseDateParts({ day: v["to-day"], month: v["to-month"], year: v["to-year"] }, LABELS.to, today);
      if (!from.ok) ctx.addIssue({ code: "custom", path: ["from"], message: dateMessage(from, "from"), params: { parts: from.parts } });
      if (!to.ok) ctx.addIssue({ code: "custom", path: ["to"], message: dateMessage(to, "to"), params: { parts: to.parts } });
      if (!from.ok || !to.ok) return z.NEVER;
      if (from.iso > to.iso) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: "The end date must be the same as or after the start date",
          params: { parts: ["day", "month", "year"] },
        });
        return z.NEVER;
      }
      // A longer range on a decades-old database would block the server for seconds (the
      // database is synchronous): ten years covers every return the Home Office asks for.
      if (Number(to.iso.slice(0, 4)) - Number(from.iso.slice(0, 4)) > MAX_RANGE_YEARS) {
        ctx.addIssue({
          code: "custom",
          path: ["from"],
          message: `Choose a range of ${MAX_RANGE_YEARS} years or less`,
          params: { parts: ["year"] },
        });
        return z.NEVER;
      }
      return { from: from.iso, to: to.iso };
    });
}

export type RangeFormResult =
  | { ok: true; range: DateRange; values: RangeValues; defaulted: boolean }
  | { ok: false; errors: RangeFieldError[]; values: RangeValues };

/** The form's values for a range (what the date inputs show). */
export function valuesOf(range: DateRange): RangeValues {
  const [fy, fm, fd] = isoParts(range.from);
  const [ty, tm, td] = isoParts(range.to);
  return {
    "from-day": String(fd),
    "from-month": String(fm),
    "from-year": String(fy),
    "to-day": String(td),
    "to-month": String(tm),
    "to-year": String(ty),
  };
}

/** The page's query string: none of the six fields gives the default range (the last 12 months). */
export function parseRangeForm(params: URLSearchParams, today: Date): RangeFormResult {
  if (!RANGE_FIELDS.some((f) => params.has(f))) {
    const range = defaultRange(today);
    return { ok: true, range, values: valuesOf(range), defaulted: true };
  }
  const raw = Object.fromEntries(RANGE_FIELDS.map((f) => [f, params.get(f) ?? ""])) as RangeValues;
  const parsed = rangeFormSchema(today).safeParse(raw);
  if (parsed.success) return { ok: true, range: parsed.data, values: raw, defaulted: false };
  const errors = parsed.error.issues.map((issue) => ({
    field: issue.path[0] as "from" | "to",
    message: issue.message,
    parts: ((issue as { params?: { parts?: DatePart[] } }).params?.parts ?? ["day", "month", "year"]) as DatePart[],
  }));
  return { ok: false, errors, values: raw };
}

const isoQuerySchema = z.object({
  from: z.string({ required_error: "Give both from and to" }).regex(ISO_DATE, "Write dates as YYYY-MM-DD"),
  to: z.string({ required_error: "Give both from and to" }).regex(ISO_DATE, "Write dates as YYYY-MM-DD"),
});

/**
 * The export's query string (?from=YYYY-MM-DD&to=YYYY-MM-DD), checked by the same rules as the
 * form: real dates, from 1900 to today, from on or before to. Neither given: the default range.
 */
export function parseRangeQuery(params: URLSearchParams, today: Date): { ok: true; range: DateRange } | { ok: false; message: string } {
  if (!params.has("from") && !params.has("to")) return { ok: true, range: defaultRange(today) };
  const shape = isoQuerySchema.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  if (!shape.success) return { ok: false, message: `${shape.error.issues[0].message}: ?from=YYYY-MM-DD&to=YYYY-MM-DD` };
  const [fy, fm, fd] = shape.data.from.split("-");
  const [ty, tm, td] = shape.data.to.split("-");
  const parsed = rangeFormSchema(today).safeParse({
    "from-day": fd,
    "from-month": fm,
    "from-year": fy,
    "to-day": td,
    "to-month": tm,
    "to-year": ty,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(". ") };
  return { ok: true, range: parsed.data };
}

// ---------------------------------------------------------------------------------------------
// The CSV export: one table of (section, metric, period, value) rows
// ---------------------------------------------------------------------------------------------

export const CSV_HEADER: CsvCell[] = ["Section", "Metric", "Period", "Value"];

export const ADR_METRICS: { key: keyof AdrFigures; name: string }[] = [
  { key: "applications", name: "Applications" },
  { key: "rso", name: "Concerned a registered sex offender" },
  { key: "disclosures", name: "Led to disclosure" },
  { key: "decided", name: "Decided" },
];

/** "2025-05-01 to 2026-04-30": the period of a whole-range figure. */
export function periodOf(range: DateRange): string {
  return `${range.from} to ${range.to}`;
}

/** The label of an outcome code; a code we do not know is shown as it is stored. */
export function outcomeLabel(code: string): string {
  return Object.hasOwn(OUTCOMES, code) ? OUTCOMES[code as keyof typeof OUTCOMES] : code;
}

/**
 * Every figure of the page as CSV rows. Values are numbers (or null for "no cases"), so the
 * CSV writer never prefixes them; text comes only from the labels here and outcome codes.
 */
export function statisticsCsvRows(stats: Statistics): CsvCell[][] {
  const whole = periodOf(stats.range);
  const rows: CsvCell[][] = [CSV_HEADER];
  const adr = "Annual Data Requirement";
  for (const { key, name } of ADR_METRICS) {
    rows.push([adr, name, whole, stats.total[key]]);
    for (const y of stats.byYear) rows.push([adr, name, y.year, y[key]]);
    for (const m of stats.byMonth) rows.push([adr, name, m.month, m[key]]);
  }
  for (const c of stats.byChannel) {
    for (const { key, name } of ADR_METRICS.slice(0, 3)) {
      rows.push(["By channel", `${name}: ${CHANNEL_NAMES[c.channel] ?? c.channel}`, whole, c[key]]);
    }
  }
  for (const t of stats.timeliness) {
    const stage = STAGE_NAMES[t.stage];
    rows.push(["Timeliness", `${stage}: cases reaching this stage`, whole, t.reached]);
    rows.push(["Timeliness", `${stage}: median days from receipt`, whole, daysOf(t.medianMs)]);
    rows.push(["Timeliness", `${stage}: 90th percentile days from receipt`, whole, daysOf(t.p90Ms)]);
    if (t.clockResults !== null && t.withinClock !== null) {
      rows.push(["Timeliness", `${stage}: clock results`, whole, t.clockResults]);
      rows.push(["Timeliness", `${stage}: within clock (%)`, whole, percentOf(t.withinClock, t.clockResults)]);
    }
  }
  for (const o of stats.outcomes) rows.push(["Outcomes", o.label, whole, o.cases]);
  rows.push([
    "Outcomes",
    "Disclosure rate (% of decided cases)",
    whole,
    stats.disclosureRate,
  ]);
  rows.push(["Today", "Open cases", stats.today.date, stats.today.open]);
  rows.push(["Today", "Open urgent cases", stats.today.date, stats.today.urgent]);
  rows.push(["Today", "Overdue cases", stats.today.date, stats.today.overdue]);
  return rows;
}
