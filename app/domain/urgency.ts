// Urgent cases (csods.md §8): why a case is urgent, and the order every queue puts cases in.
// Pure values: the queue SQL in queues.server.ts follows `queuePriority` exactly (tests check both).

export const URGENT_REASONS = {
  applicant_danger_now: "The applicant said a child is in danger now",
  staff_danger_now: "Staff recorded that a child may be in danger now",
} as const;
export type UrgentReason = keyof typeof URGENT_REASONS;

/** The reason in words; an urgent case without a recorded reason still says it is urgent. */
export function urgentReasonText(reason: string | null | undefined): string {
  return URGENT_REASONS[reason as UrgentReason] ?? "Marked urgent";
}

/**
 * The first sort key of every queue and every sort: 0 overdue urgent, 1 urgent, 2 overdue,
 * 3 the rest. Urgent means an open case marked urgent; overdue means its next due moment has passed.
 */
export function queuePriority(row: { urgent: boolean; nextDueAt: Date | null }, now: Date): 0 | 1 | 2 | 3 {
  const overdue = row.nextDueAt !== null && row.nextDueAt.getTime() < now.getTime();
  if (row.urgent) return overdue ? 0 : 1;
  return overdue ? 2 : 3;
}

// ---------------------------------------------------------------------------------------------
// Right to ask and right to be told (csods.md §8)
// ---------------------------------------------------------------------------------------------

export const SCHEME_ROUTES = { right_to_ask: "Right to ask", right_to_be_told: "Right to be told" } as const;
export type SchemeRoute = keyof typeof SCHEME_ROUTES;

/** A proactive (police-initiated) case is "right to be told"; every application is "right to ask". */
export function schemeRoute(channel: string): SchemeRoute {
  return channel === "proactive" ? "right_to_be_told" : "right_to_ask";
}

export const CHANNEL_WORDS: Record<string, string> = {
  online: "online",
  phone: "by phone",
  station: "at a police station",
  proactive: "started by the police",
};
