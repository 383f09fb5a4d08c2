// GOV.UK date input parsing: accept what people type, explain clearly what is wrong.
export type DatePart = "day" | "month" | "year";
export type DateParts = { day?: string; month?: string; year?: string };
export type DateResult =
  | { ok: true; iso: string }
  | { ok: false; message: string; parts: DatePart[] };

const MONTH_NAMES = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];

function clean(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, "");
}

/** "3", "03", "March" and "mar" are all month 3. */
function parseMonth(value: string): number | null {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const lower = value.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower));
  return index >= 0 ? index + 1 : null;
}

function listParts(parts: DatePart[]): string {
  return parts.length === 1 ? `a ${parts[0]}` : `a ${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * @param label how the error names the date, e.g. "Your date of birth" (sentence case).
 * @param today the current date, injectable for tests.
 */
export function parseDateParts(
  input: DateParts,
  label: string,
  today: Date = new Date(),
): DateResult {
  const values = { day: clean(input.day), month: clean(input.month), year: clean(input.year) };
  const missing = (["day", "month", "year"] as const).filter((p) => values[p] === "");
  if (missing.length === 3) return { ok: false, message: `Enter ${lowerFirst(label)}`, parts: ["day", "month", "year"] };
  if (missing.length > 0) return { ok: false, message: `${label} must include ${listParts(missing)}`, parts: missing };

  const invalid: DatePart[] = [];
  const day = /^\d{1,2}$/.test(values.day) ? Number(values.day) : NaN;
  const month = parseMonth(values.month);
  if (!/^\d{4}$/.test(values.year)) {
    return { ok: false, message: "Year must include 4 numbers", parts: ["year"] };
  }
  const year = Number(values.year);
  if (Number.isNaN(day) || day < 1 || day > 31) invalid.push("day");
  if (month === null || month < 1 || month > 12) invalid.push("month");
  if (invalid.length > 0 || !isRealDate(year, month!, day)) {
    return { ok: false, message: `${label} must be a real date`, parts: invalid.length ? invalid : ["day", "month", "year"] };
  }
  const iso = `${values.year}-${pad(month!)}-${pad(day)}`;
  if (iso > toIsoDate(today)) {
    return { ok: false, message: `${label} must be today or in the past`, parts: ["day", "month", "year"] };
  }
  if (year < 1900) {
    return { ok: false, message: `${label} must be after 1900`, parts: ["year"] };
  }
  return { ok: true, iso };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The calendar date in the UK (Europe/London), as YYYY-MM-DD. */
export function toIsoDate(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(date);
}

/** Whole years between an ISO date of birth and today. */
export function ageOn(isoDateOfBirth: string, today: Date = new Date()): number {
  const [y, m, d] = isoDateOfBirth.split("-").map(Number);
  const [ty, tm, td] = toIsoDate(today).split("-").map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** "2014-03-07" → "7 March 2014" (GOV.UK date style). */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const name = MONTH_NAMES[m - 1];
  return `${d} ${name.charAt(0).toUpperCase()}${name.slice(1)} ${y}`;
}
