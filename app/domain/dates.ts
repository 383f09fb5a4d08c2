// GOV.UK date input parsing: accept what people type, explain clearly what is wrong. Dates in
// words and UK time are in time.ts.
import { MONTH_NAMES, toIsoDate } from "./time";

export type DatePart = "day" | "month" | "year";
export type DateParts = { day?: string; month?: string; year?: string };
export type DateResult =
  | { ok: true; iso: string }
  | { ok: false; message: string; parts: DatePart[] };

function clean(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, "");
}

/** "3", "03", "March" and "mar" are all month 3. */
function parseMonth(value: string): number | null {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const lower = value.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(lower));
  return index >= 0 ? index + 1 : null;
}

function listParts(parts: DatePart[]): string {
  return parts.length === 1 ? `a ${parts[0]}` : `a ${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * @param label how the error names the date, e.g. "Your date of birth" (sentence case).
 * @param today the latest date allowed: the app clock's today, or a far date when any is allowed.
 */
export function parseDateParts(input: DateParts, label: string, today: Date): DateResult {
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

/** The ISO date from the parts of a valid GOV.UK date input (already validated by the schema). */
export function isoFromParts(day: unknown, month: unknown, year: unknown): string {
  const clean = (v: unknown) => String(v ?? "").replace(/\s+/g, "");
  return `${clean(year)}-${pad(parseMonth(clean(month)) ?? 0)}-${clean(day).padStart(2, "0")}`;
}
