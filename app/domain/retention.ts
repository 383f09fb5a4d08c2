// Retention review dates: MoPI-style, per outcome, set by each force.
export const DEFAULT_REVIEW_YEARS = 3;

/** Closure date plus the longest review period among the outcomes (or the default). */
export function reviewDueDate(closedAt: Date, outcomes: readonly string[], years: Record<string, number>): Date {
  const longest = Math.max(...outcomes.map((o) => years[o] ?? DEFAULT_REVIEW_YEARS), outcomes.length ? 0 : DEFAULT_REVIEW_YEARS);
  const due = new Date(closedAt);
  due.setUTCFullYear(due.getUTCFullYear() + longest);
  return due;
}
