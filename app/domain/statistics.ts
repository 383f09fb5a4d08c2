// Scheme statistics (csods.md §6): the Annual Data Requirement, timeliness, outcome mix and the
// disclosure rate. Pure helpers and types only; the SQL is in app/services/statistics.server.ts.
//
// Definitions (the page and the CSV say the same):
//   - A case belongs to a period by T0 (`received_at`) and the UK calendar date (Europe/London)
//     on which it was received. A range is whole UK days, `from` and `to` both included.
//   - Periods are financial years (1 April to 31 March, UK dates) by default: the page opens on the
//     current financial year to date. Any other range of whole UK days can be chosen; a financial
//     year the range only partly covers is counted for the part inside it.
//   - Two routes, counted apart and never added together in the return: the RIGHT TO ASK (an
//     application: online, phone, at a station) and the RIGHT TO BE TOLD (a proactive case started
//     by the police, channel "proactive").
//   - Applications received: every right-to-ask case received in the period, whatever its stage,
//     erased cases included (erasure removes the personal data, the statistical columns stay).
//   - Registered sex offender: `subject_is_rso = 1` (set at assessment).
//   - Led to disclosure: `disclosure_made = 1` (set when delivery is recorded; the disclosure
//     outcomes are derived from the same record, app/domain/outcome-rules.ts).
//   - Disclosure rate (per route): decided cases that led to disclosure ÷ decided cases.
//   - Referrals: every referral (`case_referrals`) on a case received in the period, by agency.
//     The referral clock is the case's (`referral_due_at`, set when abuse is suspected); the
//     referral that met it (`referral_made_at`) is on time at or before the due moment, else late,
//     and is counted under its agency. A clock not met is overdue (open, past due), not yet due, or
//     closed without a referral.
//   - Every total is a sum of the same month-and-channel rows (financial years are whole months),
//     so months, years, channels and routes cannot disagree; `contradictions` lists any figure
//     that does (tests run it on every result).
//   - Timeliness: days from T0 to each stage, over the cases that reached it. Median and 90th
//     percentile by linear interpolation between closest ranks (the "R-7" or Excel PERCENTILE.INC
//     rule; see `percentile`). "Within clock" is the share of clock results that were met at or
//     before the due moment, where a clock result is the stage reached (on time or late) or the
//     case still open with the due moment passed (overdue now). A case that closed without
//     reaching a stage (scoped out, withdrawn, …) has no result for that clock.
//   - Today: open cases (`closed_at` not set), open urgent cases, and open cases with a clock
//     overdue (`next_due_at` before now), whenever they were received: the same rules as the queues.
import { z } from "zod";
import { parseDateParts, type DatePart } from "./dates";
import { toIsoDate, ukDayStart as ukDayStartAt } from "./time";
import { SCHEME_ROUTES, type SchemeRoute } from "./urgency";
import { OUTCOMES } from "./workflow";
import type { CsvCell } from "./csv";

export const DAY_MS = 86_400_000;

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

/** The two routes into the scheme (app/domain/urgency.ts `schemeRoute`), counted apart. */
export const ROUTES = Object.keys(SCHEME_ROUTES) as SchemeRoute[];
export type Route = SchemeRoute;
export const ROUTE_NAMES: Record<Route, string> = {
  right_to_ask: `${SCHEME_ROUTES.right_to_ask} (applications)`,
  right_to_be_told: `${SCHEME_ROUTES.right_to_be_told} (proactive)`,
};

/** The figures of a period, for each route. */
export type RouteFigures = Record<Route, AdrFigures>;

/** A financial year (by the calendar year it starts in) and the part of it a range covers. */
export type FinancialYearRow = { year: number; from: string; to: string; wholeYear: boolean } & RouteFigures;

export type AgencyReferrals = {
  agency: string;
  referrals: number;
  /** Of them, referrals of suspected abuse. */
  suspectedAbuse: number;
  /** Referrals through this agency that met a case's referral clock at or before the due moment. */
  onTime: number;
  /** … and after it. */
  late: number;
};

/** The referral clock of the cases received in the range (each case is in exactly one part). */
export type ReferralClockFigures = { cases: number; onTime: number; late: number; overdue: number; notYetDue: number; closedWithout: number };

export type ReferralStatistics = { byAgency: AgencyReferrals[]; total: number; clock: ReferralClockFigures };

export type Statistics = {
  range: DateRange;
  total: RouteFigures;
  byFinancialYear: FinancialYearRow[];
  byMonth: ({ month: string } & RouteFigures)[];
  byChannel: ({ channel: Channel } & AdrFigures)[];
  timeliness: TimelinessRow[];
  outcomes: OutcomeRow[];
  /** Per route: decidedDisclosures ÷ decided as a percentage to one decimal place; null when nothing was decided. */
  disclosureRate: Record<Route, number | null>;
  referrals: ReferralStatistics;
  /**
   * Cases received in the range whose decision departed from the presumption to disclose and was
   * signed by a second manager (app/domain/assessment-rules.ts `presumptionDeparture`, ADR 020).
   */
  presumptionDepartures: number;
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

export function emptyRouteFigures(): RouteFigures {
  return { right_to_ask: { ...EMPTY_FIGURES }, right_to_be_told: { ...EMPTY_FIGURES } };
}

export function addRouteFigures(a: RouteFigures, b: RouteFigures): RouteFigures {
  return { right_to_ask: addFigures(a.right_to_ask, b.right_to_ask), right_to_be_told: addFigures(a.right_to_be_told, b.right_to_be_told) };
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
  return ukDayStartAt(iso).getTime();
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

// Financial years run from 1 April to 31 March (UK dates) and are named by both calendar years:
// the year starting on 1 April 2025 is "2025 to 2026" (GOV.UK style). They are whole months, so a
// financial year's figures are the sum of its months.

/** The financial year (by the year it starts in) of a UK calendar date. */
export function financialYearOfDate(iso: string): number {
  const [y, m] = isoParts(iso);
  return m >= 4 ? y : y - 1;
}

/** The financial year of an instant, by its UK date: 23:30 UTC on 31 March in BST is 1 April. */
export function financialYearOf(at: Date): number {
  return financialYearOfDate(toIsoDate(at));
}

/** "2025 to 2026". */
export function financialYearLabel(year: number): string {
  return `${year} to ${year + 1}`;
}

/** The whole financial year: 1 April to 31 March. */
export function financialYearDates(year: number): DateRange {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/** A financial year up to today at the latest (the current year is "to date"). */
export function financialYearRange(year: number, today: Date): DateRange {
  const whole = financialYearDates(year);
  const todayIso = toIsoDate(today);
  return { from: whole.from, to: whole.to < todayIso ? whole.to : todayIso };
}

/** The default range: the current financial year to date. */
export function defaultRange(today: Date): DateRange {
  return financialYearRange(financialYearOf(today), today);
}

/** The single financial year a range is (whole, or the current one to date), or null. */
export function financialYearOfRange(range: DateRange, today: Date): number | null {
  const year = financialYearOfDate(range.from);
  const fy = financialYearRange(year, today);
  return fy.from === range.from && fy.to === range.to ? year : null;
}

/** The months (as from `monthBuckets`) summed into the financial years they belong to. */
export function financialYearsOf(range: DateRange, months: ({ month: string } & RouteFigures)[]): FinancialYearRow[] {
  const years = new Map<number, FinancialYearRow>();
  for (const row of months) {
    const year = financialYearOfDate(`${row.month}-01`);
    let entry = years.get(year);
    if (!entry) {
      const whole = financialYearDates(year);
      const from = whole.from < range.from ? range.from : whole.from;
      const to = whole.to > range.to ? range.to : whole.to;
      entry = { year, from, to, wholeYear: from === whole.from && to === whole.to, ...emptyRouteFigures() };
      years.set(year, entry);
    }
    const sum = addRouteFigures(entry, row);
    entry.right_to_ask = sum.right_to_ask;
    entry.right_to_be_told = sum.right_to_be_told;
  }
  return [...years.values()];
}

// The page's words for months and dates come from the one time module.
export { formatMonth, formatIsoDate as formatUkDate } from "./time";

// ---------------------------------------------------------------------------------------------
// The date range, from the page's GOV.UK date inputs or the export's query string
// ---------------------------------------------------------------------------------------------

export const RANGE_FIELDS = ["from-day", "from-month", "from-year", "to-day", "to-month", "to-year"] as const;

export type RangeFieldError = { field: "from" | "to" | "year"; message: string; parts: DatePart[] };
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
  | { ok: true; range: DateRange; values: RangeValues; defaulted: boolean; financialYear: number | null }
  | { ok: false; errors: RangeFieldError[]; values: RangeValues };

/** The oldest financial year that can be asked for. */
export const FIRST_FINANCIAL_YEAR = 1990;

/** `?year=2025` (the financial year 2025 to 2026): a year from FIRST_FINANCIAL_YEAR to the current one. */
export function parseFinancialYear(value: string, today: Date): number | null {
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= FIRST_FINANCIAL_YEAR && year <= financialYearOf(today) ? year : null;
}

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

/**
 * The page's query string: the six date fields give a range of dates; otherwise `year` gives a
 * financial year; nothing gives the current financial year to date.
 */
export function parseRangeForm(params: URLSearchParams, today: Date): RangeFormResult {
  if (!RANGE_FIELDS.some((f) => params.has(f))) {
    const asked = params.get("year");
    const year = asked === null ? financialYearOf(today) : parseFinancialYear(asked, today);
    if (year === null) {
      const range = defaultRange(today);
      return { ok: false, errors: [{ field: "year", message: "Choose a financial year from the list", parts: [] }], values: valuesOf(range) };
    }
    const range = financialYearRange(year, today);
    return { ok: true, range, values: valuesOf(range), defaulted: asked === null, financialYear: year };
  }
  const raw = Object.fromEntries(RANGE_FIELDS.map((f) => [f, params.get(f) ?? ""])) as RangeValues;
  const parsed = rangeFormSchema(today).safeParse(raw);
  if (parsed.success) return { ok: true, range: parsed.data, values: raw, defaulted: false, financialYear: financialYearOfRange(parsed.data, today) };
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

/** The three figures of the return for each route, as the Home Office asks for them. */
export const RETURN_FIGURES: Record<Route, { key: keyof AdrFigures; name: string }[]> = {
  right_to_ask: [
    { key: "applications", name: "Applications received (right to ask)" },
    { key: "rso", name: "Applications that concerned a registered sex offender" },
    { key: "disclosures", name: "Applications that led to a disclosure" },
  ],
  right_to_be_told: [
    { key: "applications", name: "Right to be told cases (proactive)" },
    { key: "rso", name: "Right to be told cases that concerned a registered sex offender" },
    { key: "disclosures", name: "Right to be told cases that led to a disclosure" },
  ],
};

/** "2025-05-01 to 2026-04-30": the period of a whole-range figure. */
export function periodOf(range: DateRange): string {
  return `${range.from} to ${range.to}`;
}

/** The label of an outcome code; a code we do not know is shown as it is stored. */
export function outcomeLabel(code: string): string {
  return Object.hasOwn(OUTCOMES, code) ? OUTCOMES[code as keyof typeof OUTCOMES] : code;
}

/** A financial year row's period in the long CSV: "2025 to 2026", or "2025 to 2026 (2025-04-01 to 2025-11-28)" for part of one. */
function yearPeriod(y: FinancialYearRow): string {
  return y.wholeYear ? financialYearLabel(y.year) : `${financialYearLabel(y.year)} (${y.from} to ${y.to})`;
}

/**
 * Every figure of the page as CSV rows. Values are numbers (or null for "no cases"), so the
 * CSV writer never prefixes them; text comes only from the labels here, agency names (a
 * setting) and outcome codes, which the writer escapes.
 */
export function statisticsCsvRows(stats: Statistics): CsvCell[][] {
  const whole = periodOf(stats.range);
  const rows: CsvCell[][] = [CSV_HEADER];
  for (const route of ROUTES) {
    const section = `Annual Data Requirement: ${ROUTE_NAMES[route]}`;
    for (const { key, name } of ADR_METRICS) {
      rows.push([section, name, whole, stats.total[route][key]]);
      for (const y of stats.byFinancialYear) rows.push([section, name, yearPeriod(y), y[route][key]]);
      for (const m of stats.byMonth) rows.push([section, name, m.month, m[route][key]]);
    }
    rows.push([section, "Disclosure rate (% of decided cases)", whole, stats.disclosureRate[route]]);
  }
  rows.push(["Decisions", "Departures from the presumption to disclose (signed by a second manager)", whole, stats.presumptionDepartures]);
  for (const c of stats.byChannel) {
    for (const { key, name } of ADR_METRICS.slice(0, 3)) {
      rows.push(["By channel", `${name}: ${CHANNEL_NAMES[c.channel] ?? c.channel}`, whole, c[key]]);
    }
  }
  for (const a of stats.referrals.byAgency) {
    rows.push(["Referrals", `Referrals: ${a.agency}`, whole, a.referrals]);
    rows.push(["Referrals", `Referrals of suspected abuse: ${a.agency}`, whole, a.suspectedAbuse]);
    rows.push(["Referrals", `Met the referral clock on time: ${a.agency}`, whole, a.onTime]);
    rows.push(["Referrals", `Met the referral clock late: ${a.agency}`, whole, a.late]);
  }
  rows.push(["Referrals", "Referrals: all agencies", whole, stats.referrals.total]);
  const clock = stats.referrals.clock;
  for (const [key, name] of REFERRAL_CLOCK_PARTS) rows.push(["Referral clock", name, whole, clock[key]]);
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
  rows.push(["Today", "Open cases", stats.today.date, stats.today.open]);
  rows.push(["Today", "Open urgent cases", stats.today.date, stats.today.urgent]);
  rows.push(["Today", "Overdue cases", stats.today.date, stats.today.overdue]);
  return rows;
}

/** The parts of the referral clock, in the order the page and the CSV give them. */
export const REFERRAL_CLOCK_PARTS: [keyof ReferralClockFigures, string][] = [
  ["cases", "Cases with a referral clock (abuse suspected)"],
  ["onTime", "Referral made on time"],
  ["late", "Referral made late"],
  ["overdue", "No referral yet, overdue"],
  ["notYetDue", "No referral yet, not yet due"],
  ["closedWithout", "Closed without a referral to children's social care"],
];

// ---------------------------------------------------------------------------------------------
// The return: one row per financial year, one column per figure
// ---------------------------------------------------------------------------------------------

export const RETURN_HEADER: CsvCell[] = [
  "Financial year",
  "From",
  "To",
  "Whole year",
  ...RETURN_FIGURES.right_to_ask.map((f) => f.name),
  ...RETURN_FIGURES.right_to_be_told.map((f) => f.name),
];

/** The Annual Data Requirement return: a header, then one row per financial year, oldest first. */
export function returnCsvRows(years: readonly FinancialYearRow[]): CsvCell[][] {
  return [
    RETURN_HEADER,
    ...years.map((y) => [
      financialYearLabel(y.year),
      y.from,
      y.to,
      y.wholeYear ? "Yes" : "No (to date)",
      ...RETURN_FIGURES.right_to_ask.map((f) => y.right_to_ask[f.key]),
      ...RETURN_FIGURES.right_to_be_told.map((f) => y.right_to_be_told[f.key]),
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Figures that must agree
// ---------------------------------------------------------------------------------------------

function sameFigures(a: AdrFigures, b: AdrFigures): boolean {
  return (Object.keys(EMPTY_FIGURES) as (keyof AdrFigures)[]).every((k) => a[k] === b[k]);
}

/**
 * Every way the figures could disagree with each other, in words; empty when they agree. The
 * service builds every total from the same rows so this is empty by construction; the tests run
 * it on every result so a change that breaks that is caught.
 */
export function contradictions(stats: Statistics): string[] {
  const found: string[] = [];
  const sum = <T>(rows: readonly T[], pick: (row: T) => RouteFigures) => rows.reduce((acc, r) => addRouteFigures(acc, pick(r)), emptyRouteFigures());
  for (const route of ROUTES) {
    const total = stats.total[route];
    const name = ROUTE_NAMES[route];
    if (!sameFigures(sum(stats.byMonth, (m) => m)[route], total)) found.push(`${name}: the months do not add up to the total`);
    if (!sameFigures(sum(stats.byFinancialYear, (y) => y)[route], total)) found.push(`${name}: the financial years do not add up to the total`);
    const parts: [keyof AdrFigures, keyof AdrFigures][] = [
      ["rso", "applications"],
      ["disclosures", "applications"],
      ["decided", "applications"],
      ["decidedDisclosures", "decided"],
      ["decidedDisclosures", "disclosures"],
    ];
    for (const [part, whole] of parts) if (total[part] > total[whole]) found.push(`${name}: ${part} is more than ${whole}`);
    if (stats.disclosureRate[route] !== percentOf(total.decidedDisclosures, total.decided)) found.push(`${name}: the disclosure rate is not the decided disclosures`);
  }
  const channels = stats.byChannel.reduce((acc, c) => addFigures(acc, c), { ...EMPTY_FIGURES });
  if (!sameFigures(channels, addFigures(stats.total.right_to_ask, stats.total.right_to_be_told))) found.push("the channels do not add up to both routes");
  const proactive = stats.byChannel.find((c) => c.channel === "proactive") ?? EMPTY_FIGURES;
  if (!sameFigures(figuresOf(proactive), stats.total.right_to_be_told)) found.push("the proactive channel is not the right to be told");
  const cases = stats.total.right_to_ask.applications + stats.total.right_to_be_told.applications;
  for (const t of stats.timeliness) if (t.reached > cases) found.push(`more cases reached ${t.stage} than were received`);
  for (const o of stats.outcomes) if (o.cases > cases) found.push(`more cases have the outcome ${o.code} than were received`);
  const disclosureOutcomes = stats.outcomes.filter((o) => o.code === "disclosure_cso" || o.code === "disclosure_other").reduce((n, o) => n + o.cases, 0);
  if (disclosureOutcomes > stats.total.right_to_ask.disclosures + stats.total.right_to_be_told.disclosures) found.push("more disclosure outcomes than cases that led to disclosure");
  const { referrals } = stats;
  if (referrals.byAgency.reduce((n, a) => n + a.referrals, 0) !== referrals.total) found.push("the agencies do not add up to the referrals");
  for (const a of referrals.byAgency) {
    if (a.suspectedAbuse > a.referrals || a.onTime + a.late > a.referrals) found.push(`${a.agency}: more referrals in a part than in all`);
  }
  const clock = referrals.clock;
  if (clock.onTime + clock.late + clock.overdue + clock.notYetDue + clock.closedWithout !== clock.cases) found.push("the referral clock's parts do not add up");
  if (referrals.byAgency.reduce((n, a) => n + a.onTime, 0) !== clock.onTime || referrals.byAgency.reduce((n, a) => n + a.late, 0) !== clock.late) {
    found.push("the agencies' referrals on time and late are not the referral clock's");
  }
  if (clock.cases > cases) found.push("more referral clocks than cases");
  if (stats.today.urgent > stats.today.open || stats.today.overdue > stats.today.open) found.push("more urgent or overdue cases than open ones");
  return found;
}
