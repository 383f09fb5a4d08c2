// Joining a GOV.UK date input and a time field into one instant, in UK time.

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

/** "2026-11-23" + "14:30" (Europe/London wall clock) → the UTC instant. */
export function ukDateTime(isoDate: string, time: string | undefined): Date {
  const minutes = parseTime(time) ?? 0;
  const [y, m, d] = isoDate.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  // Europe/London is UTC or UTC+1: find the offset at that wall-clock time.
  const offset = londonOffsetMinutes(new Date(guess));
  return new Date(guess - offset * 60_000);
}

function londonOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-]\d+)?/.exec(name);
  return match?.[1] ? Number(match[1]) * 60 : 0;
}

/** Today's parts for pre-filling a date input, in UK time. */
export function todayParts(at: Date): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(at).split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export function nowTime(at: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hour12: false }).format(at);
}

/** The ISO date from the parts of a valid GOV.UK date input (already validated by the schema). */
export function isoFromParts(day: unknown, month: unknown, year: unknown): string {
  const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  const clean = (v: unknown) => String(v ?? "").replace(/\s+/g, "");
  const m = /^\d+$/.test(clean(month)) ? Number(clean(month)) : months.indexOf(clean(month).toLowerCase().slice(0, 3)) + 1;
  return `${clean(year)}-${String(m).padStart(2, "0")}-${clean(day).padStart(2, "0")}`;
}
