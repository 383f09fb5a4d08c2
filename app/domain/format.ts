// Dates and times as GOV.UK writes them, in UK time: "23 November 2026 at 2:05pm".
const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  // "h12" writes noon as 12:00pm; en-GB's own 12-hour cycle would write 0:00pm.
  hourCycle: "h12",
});

export function formatDateTime(value: Date | string | number): string {
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${String(parts.dayPeriod).toLowerCase()}`;
}

const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

/** "23 November 2026", in UK time. */
export function formatDate(value: Date | string | number): string {
  return dateOnly.format(new Date(value));
}
