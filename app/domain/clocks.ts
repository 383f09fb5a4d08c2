// The scheme's clocks (csods.md §2), as pure functions: no database, no HTTP, no "now" of their own.
//
// Three clocks run from T0, the moment the application was received:
//   - immediate-risk check: T0 + riskCheckHours (default 24), always counted in elapsed hours;
//   - interview / verification: T0 + interviewDays (default 10);
//   - decision: T0 + decisionDays (default 28).
//
// THE DUE-DATE RULE for the day clocks (and for extensions, which move a due date by N days):
//   - "calendar" counting: T0 + N × 24 hours of elapsed time. Across a change between GMT and
//     BST the UK wall-clock time of the due moment therefore moves by one hour (10 days after
//     09:00 on 25 March 2026 is 10:00 on 4 April 2026 BST: 240 hours either way).
//   - "working" counting: take T0's calendar date in the UK (Europe/London), step forward one
//     date at a time, and count only working days (Monday to Friday that are not a bank
//     holiday in `holidays`). The due moment is the Nth working day counted, at the SAME UK
//     wall-clock time as T0. T0's own date never counts, even when T0 is on a working day, so
//     an application received at 2:05pm on Friday with 1 working day is due at 2:05pm on
//     Monday (Tuesday if Monday is a bank holiday); one received at the weekend with 1 working
//     day is due on the Monday at the time it was received. The wall-clock time is worked out
//     in London time, so it is kept across the BST changes (a due moment is never on the
//     Sunday of a change, so the kept time always exists and is never ambiguous; should a
//     holiday list ever make that possible, a time that does not exist moves an hour later and
//     an ambiguous one takes its first, BST, occurrence).
//   - N = 0 gives T0 itself; a negative N counts back the same way (the Nth working day before).
//
// Bank holidays are ISO dates (YYYY-MM-DD) in England and Wales; see
// app/services/bank-holidays.server.ts and db/seed/bank-holidays-england-and-wales.json.
import { clockTime, fromLondonWallClock, londonParts, MONTH_NAMES, WEEKDAY_NAMES } from "./time";

export type DayCounting = "calendar" | "working";

export type ClockSettings = {
  riskCheckHours: number;
  /** The immediate-risk clock of an urgent case ("a child is in danger now"), in elapsed hours. */
  urgentRiskCheckHours: number;
  interviewDays: number;
  decisionDays: number;
  dayCounting: DayCounting;
};

/** The defaults in csods.md §2 (the same as SETTING_DEFAULTS in settings.server.ts). */
export const DEFAULT_CLOCKS: Readonly<ClockSettings> = Object.freeze({
  riskCheckHours: 24,
  urgentRiskCheckHours: 1,
  interviewDays: 10,
  decisionDays: 28,
  dayCounting: "calendar",
});

export type DueDates = { riskCheckDueAt: Date; interviewDueAt: Date; decisionDueAt: Date };

/** What a case's clocks depend on besides T0: an urgent case has the short immediate-risk clock. */
export type ClockOptions = { urgent?: boolean };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** When each clock started at `t0` is due. */
export function computeDueDates(
  t0: Date,
  settings: ClockSettings,
  holidays: ReadonlySet<string>,
  options: ClockOptions = {},
): DueDates {
  assertDate(t0, "t0");
  const riskHours = options.urgent ? settings.urgentRiskCheckHours : settings.riskCheckHours;
  assertWhole(riskHours, "riskCheckHours");
  return {
    riskCheckDueAt: new Date(t0.getTime() + riskHours * HOUR_MS),
    interviewDueAt: addDays(t0, settings.interviewDays, settings.dayCounting, holidays),
    decisionDueAt: addDays(t0, settings.decisionDays, settings.dayCounting, holidays),
  };
}

/**
 * `from` moved by `days` calendar or working days, by the rule at the top of this file.
 * Extensions use it too: the new due date is the old one moved by the days granted.
 */
export function addDays(
  from: Date,
  days: number,
  counting: DayCounting,
  holidays: ReadonlySet<string>,
): Date {
  assertDate(from, "from");
  assertWhole(days, "days");
  if (counting === "calendar") return new Date(from.getTime() + days * DAY_MS);
  if (counting !== "working") throw new RangeError(`unknown day counting: ${String(counting)}`);
  if (days === 0) return new Date(from.getTime());

  const local = londonParts(from);
  const step = days > 0 ? 1 : -1;
  let date = Date.UTC(local.year, local.month - 1, local.day);
  let counted = 0;
  while (counted < Math.abs(days)) {
    date += step * DAY_MS;
    if (isWorkingDay(isoOfUtcDate(date), holidays)) counted++;
  }
  const target = new Date(date);
  return fromLondonWallClock(
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    target.getUTCDate(),
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
}

/** Monday to Friday and not a bank holiday. `isoDate` is YYYY-MM-DD. */
export function isWorkingDay(isoDate: string, holidays: ReadonlySet<string>): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`not an ISO date: ${isoDate}`);
  const weekday = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDate);
}

// ---------------------------------------------------------------------------------------------
// The referral clock (csods.md §8, joint working)
// ---------------------------------------------------------------------------------------------

/** The force's working day, as UK wall-clock times "HH:MM". */
export type WorkingHours = { start: string; end: string };

export const DEFAULT_WORKING_HOURS: Readonly<WorkingHours> = Object.freeze({ start: "09:00", end: "17:00" });

/**
 * When a referral of suspected abuse to children's social care is due, for a suspicion that arose
 * at `from`. Police tell children's social care "as soon as possible (but in any event before the
 * end of that working day)":
 *   - `hours` = 0 (the default): before the end of the working day, counted in the force's working
 *     hours. Arising on a working day before its end: that day's end. Otherwise (evening, weekend,
 *     bank holiday; the out-of-hours service is used meanwhile) the end of the next working day.
 *   - `hours` > 0: that many working hours, counted only inside working hours on working days.
 */
export function referralDueAt(
  from: Date,
  hours: number,
  working: WorkingHours,
  holidays: ReadonlySet<string>,
): Date {
  assertDate(from, "from");
  assertWhole(hours, "hours");
  const startMin = minutesOf(working.start);
  const endMin = minutesOf(working.end);
  if (startMin === null || endMin === null || endMin <= startMin) throw new RangeError("working hours must be HH:MM, start before end");
  const local = londonParts(from);
  let date = Date.UTC(local.year, local.month - 1, local.day);
  const nowMin = local.hour * 60 + local.minute;
  const at = (utcDate: number, minutes: number) => {
    const d = new Date(utcDate);
    return fromLondonWallClock(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(minutes / 60), minutes % 60, 0, 0);
  };
  const isWorking = (utcDate: number) => isWorkingDay(isoOfUtcDate(utcDate), holidays);
  if (hours === 0) {
    if (isWorking(date) && nowMin < endMin) return at(date, endMin);
    do date += DAY_MS; while (!isWorking(date));
    return at(date, endMin);
  }
  // Working hours left to count, in minutes, starting inside today's window if we are in it.
  let left = hours * 60;
  let cursor = isWorking(date) && nowMin < endMin ? Math.max(nowMin, startMin) : null;
  for (;;) {
    if (cursor === null) {
      do date += DAY_MS; while (!isWorking(date));
      cursor = startMin;
    }
    const available = endMin - cursor;
    if (left <= available) return at(date, cursor + left);
    left -= available;
    cursor = null;
  }
}

function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

// ---------------------------------------------------------------------------------------------
// State of a clock
// ---------------------------------------------------------------------------------------------

export type ClockState = "met" | "met_late" | "on_time" | "due_soon" | "overdue" | "none";

/** A clock due within this long (and not yet met) is "due soon". */
export const DUE_SOON_MS = DAY_MS;

/**
 * - none: no due date (the clock does not run for this case);
 * - met / met_late: met at or before the due moment / after it;
 * - overdue: not met and the due moment has passed (met exactly at the due moment is on time,
 *   so a clock becomes overdue only after it);
 * - due_soon: not met and due within the next 24 hours (24 hours to go counts);
 * - on_time: not met and due later than that.
 */
export function clockState(dueAt: Date | null, metAt: Date | null, now: Date): ClockState {
  if (!dueAt) return "none";
  if (metAt) return metAt.getTime() <= dueAt.getTime() ? "met" : "met_late";
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return "overdue";
  if (left <= DUE_SOON_MS) return "due_soon";
  return "on_time";
}

export function isOverdue(dueAt: Date | null, metAt: Date | null, now: Date): boolean {
  return clockState(dueAt, metAt, now) === "overdue";
}

/** The clock columns of a case (a `Case` row fits). */
export type CaseClocks = {
  riskCheckDueAt: Date | null;
  riskCheckedAt: Date | null;
  interviewDueAt: Date | null;
  interviewedAt: Date | null;
  decisionDueAt: Date | null;
  decidedAt: Date | null;
  /** The referral of suspected abuse (optional: only cases where abuse is suspected have one). */
  referralDueAt?: Date | null;
  referralMadeAt?: Date | null;
  closedAt: Date | null;
};

/**
 * The earliest due moment of a clock not yet met: what `cases.nextDueAt` holds and queues sort
 * on. Null when the case is closed or every clock that runs has been met.
 */
export function nextDueAt(clocks: CaseClocks): Date | null {
  if (clocks.closedAt) return null;
  const open = [
    [clocks.riskCheckDueAt, clocks.riskCheckedAt],
    [clocks.interviewDueAt, clocks.interviewedAt],
    [clocks.decisionDueAt, clocks.decidedAt],
    [clocks.referralDueAt ?? null, clocks.referralMadeAt ?? null],
  ]
    .filter(([due, met]) => due && !met)
    .map(([due]) => due!.getTime());
  return open.length > 0 ? new Date(Math.min(...open)) : null;
}

// ---------------------------------------------------------------------------------------------
// Plain English
// ---------------------------------------------------------------------------------------------

/**
 * How long until (or since) a due moment, for the case page and queues. Times are UK times.
 *   overdue:          "Overdue by 5 minutes", "Overdue by 3 hours", "Overdue by 2 days"
 *   under a minute:   "Due now"
 *   under an hour:    "Due in 40 minutes"
 *   under 12 hours:   "Due in 3 hours" (whole hours, rounded down)
 *   later today:      "Due today at 11:30pm"
 *   tomorrow:         "Due tomorrow at 2:05pm"
 *   later:            "Due in 5 days (Friday 3 April at 2:05pm)", with the year when it is not this year's
 * Counts are rounded down, so a clock never looks further off than it is; an overdue clock is
 * shown by whole days once a day has passed.
 */
export function describeDue(dueAt: Date, now: Date): string {
  assertDate(dueAt, "dueAt");
  assertDate(now, "now");
  const diff = dueAt.getTime() - now.getTime();
  if (diff < 0) {
    const late = -diff;
    if (late < HOUR_MS) return `Overdue by ${plural(Math.max(1, Math.floor(late / MINUTE_MS)), "minute")}`;
    if (late < DAY_MS) return `Overdue by ${plural(Math.floor(late / HOUR_MS), "hour")}`;
    return `Overdue by ${plural(Math.floor(late / DAY_MS), "day")}`;
  }
  if (diff < MINUTE_MS) return "Due now";
  if (diff < HOUR_MS) return `Due in ${plural(Math.floor(diff / MINUTE_MS), "minute")}`;
  if (diff < 12 * HOUR_MS) return `Due in ${plural(Math.floor(diff / HOUR_MS), "hour")}`;

  const due = londonParts(dueAt);
  const today = londonParts(now);
  const days = Math.round(
    (Date.UTC(due.year, due.month - 1, due.day) - Date.UTC(today.year, today.month - 1, today.day)) / DAY_MS,
  );
  const time = clockTime(due.hour, due.minute);
  if (days === 0) return `Due today at ${time}`;
  if (days === 1) return `Due tomorrow at ${time}`;
  const weekday = WEEKDAY_NAMES[new Date(Date.UTC(due.year, due.month - 1, due.day)).getUTCDay()];
  const year = due.year === today.year ? "" : ` ${due.year}`;
  return `Due in ${days} days (${weekday} ${due.day} ${MONTH_NAMES[due.month - 1]}${year} at ${time})`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers (London time itself is in time.ts)
// ---------------------------------------------------------------------------------------------

function isoOfUtcDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function assertDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} must be a valid date`);
}

function assertWhole(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number`);
}
