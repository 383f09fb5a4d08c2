// The one time module: UK (Europe/London) wall-clock time, and dates and times as GOV.UK writes
// them ("23 November 2026 at 2:05pm"). Pure: nothing here reads the clock. Whoever needs "now"
// passes it in, and services take it from the app clock (services/app-clock.server.ts), so tests
// and the staff test clock move every date on the page together.

export const LONDON = "Europe/London";

export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

const DAY_MS = 24 * 3_600_000;

// ---------------------------------------------------------------------------------------------
// London wall-clock time
// ---------------------------------------------------------------------------------------------

export type LondonParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
};

// Made once: building an Intl formatter is slow, and some pages format hundreds of dates.
const londonFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

/** The UK wall-clock date and time of an instant. */
export function londonParts(date: Date): LondonParts {
  const parts: Record<string, number> = {};
  for (const part of londonFormat.formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: ((date.getTime() % 1000) + 1000) % 1000,
  };
}

/** How far London is ahead of UTC at an instant, in ms (0 in GMT, one hour in BST). */
export function londonOffset(utcMs: number): number {
  const p = londonParts(new Date(utcMs));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - utcMs;
}

/**
 * The instant at which London clocks show this date and time. A time skipped when the clocks go
 * forward is read with the offset before the change (01:30 becomes 02:30 BST); a time shown
 * twice when they go back gives the first (BST) occurrence.
 */
export function fromLondonWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Try both offsets in force around the date, earliest instant first.
  const candidates = [...new Set([londonOffset(asUtc - DAY_MS), londonOffset(asUtc + DAY_MS)])]
    .map((offset) => asUtc - offset)
    .sort((a, b) => a - b);
  for (const instant of candidates) {
    if (instant + londonOffset(instant) === asUtc) return new Date(instant);
  }
  // In a gap: use the offset in force before the change.
  return new Date(asUtc - londonOffset(asUtc - DAY_MS));
}

/** "14:30", "2.30pm", "9am" → minutes after midnight, or null. */
export function parseTime(input: string | undefined): number | null {
  const text = (input ?? "").trim().toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(text);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? 0);
  if (minutes > 59) return null;
  if (m[3]) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (m[3] === "pm" ? 12 : 0);
  } else if (hours > 23 || m[2] === undefined) return null;
  return hours * 60 + minutes;
}

/** "2026-11-23" + "14:30" (London wall clock; no or an unreadable time is midnight) → the instant. */
export function ukDateTime(isoDate: string, time?: string): Date {
  const minutes = parseTime(time) ?? 0;
  const [y, m, d] = isoDate.split("-").map(Number);
  return fromLondonWallClock(y, m, d, Math.floor(minutes / 60), minutes % 60);
}

/** The instant a UK calendar date begins: midnight in London (23:00 UTC the day before in BST). */
export function ukDayStart(isoDate: string): Date {
  return ukDateTime(isoDate);
}

/** The last millisecond of a UK calendar date (a day of 23 or 25 hours when the clocks change). */
export function ukDayEnd(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(fromLondonWallClock(y, m, d + 1).getTime() - 1);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date in the UK, as YYYY-MM-DD. */
export function toIsoDate(date: Date): string {
  const p = londonParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Today's parts for pre-filling a GOV.UK date input, in UK time ("7", "3", "2026"). */
export function todayParts(at: Date): { day: string; month: string; year: string } {
  const p = londonParts(at);
  return { day: String(p.day), month: String(p.month), year: String(p.year) };
}

/** The UK time of day as "14:30", for pre-filling a time field. */
export function nowTime(at: Date): string {
  const p = londonParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

// ---------------------------------------------------------------------------------------------
// Words: GOV.UK style, UK time
// ---------------------------------------------------------------------------------------------

/** "2:05pm", "12:00am", "12:30pm". */
export function clockTime(hour: number, minute: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}:${pad(minute)}${hour < 12 ? "am" : "pm"}`;
}

/** "23 November 2026 at 2:05pm", in UK time. */
export function formatDateTime(value: Date | string | number): string {
  const p = londonParts(new Date(value));
  return `${p.day} ${MONTH_NAMES[p.month - 1]} ${p.year} at ${clockTime(p.hour, p.minute)}`;
}

/** "23 November 2026", in UK time. */
export function formatDate(value: Date | string | number): string {
  return formatIsoDate(toIsoDate(new Date(value)));
}

/** A calendar date: "2014-03-07" → "7 March 2014". */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** "2026-04-03" → "Friday 3 April 2026". */
export function formatLongIsoDate(iso: string): string {
  return `${weekdayOf(iso)} ${formatIsoDate(iso)}`;
}

/** "2026-03" → "March 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** The day of the week of a calendar date ("2026-04-03" → "Friday"). */
export function weekdayOf(iso: string): (typeof WEEKDAY_NAMES)[number] {
  const [y, m, d] = iso.split("-").map(Number);
  return WEEKDAY_NAMES[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** Whole years between an ISO date of birth and `today`, counted in UK calendar dates. */
export function ageOn(isoDateOfBirth: string, today: Date): number {
  const [y, m, d] = isoDateOfBirth.split("-").map(Number);
  const [ty, tm, td] = toIsoDate(today).split("-").map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
