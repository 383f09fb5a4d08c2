// Retention review dates: MoPI-style, per outcome, set by each force.
import { parseDateParts } from "./dates";
import { datePartsOf, defineForm } from "./form-spec";

export const DEFAULT_REVIEW_YEARS = 3;

/** Closure date plus the longest review period among the outcomes (or the default). */
export function reviewDueDate(closedAt: Date, outcomes: readonly string[], years: Record<string, number>): Date {
  const longest = Math.max(...outcomes.map((o) => years[o] ?? DEFAULT_REVIEW_YEARS), outcomes.length ? 0 : DEFAULT_REVIEW_YEARS);
  const due = new Date(closedAt);
  due.setUTCFullYear(due.getUTCFullYear() + longest);
  return due;
}

/** A review date lies ahead: any real date up to this one is allowed. */
export const ANY_REVIEW_DATE = new Date(Date.UTC(2200, 0, 1));

/**
 * Reviewing a closed case: keep it until a next review date, or propose erasing its personal data.
 * `now` (the app clock, on the server) checks that the next review date is in the future; its
 * schema takes `ANY_REVIEW_DATE` as the latest date allowed.
 */
export const retentionReviewForm = (now?: Date) =>
  defineForm(
    {
      proposal: {
        kind: "radios",
        label: "Keep or erase?",
        options: { keep: "Keep the case", erase: "Propose erasing its personal data" },
        required: "Select keep or erase",
      },
      review: { kind: "date", label: "Next review date", errorLabel: "The next review date", when: (v) => v.proposal === "keep" },
      reason: { kind: "textarea", label: "Reason", max: 2000, required: "Enter the reason", noun: "The reason" },
    },
    (v, ctx) => {
      if (!now || v.proposal !== "keep") return;
      const date = parseDateParts(datePartsOf(v, "review"), "The next review date", ANY_REVIEW_DATE);
      if (date.ok && reviewDateOf(date.iso) <= now) ctx.issue("review", "The next review date must be in the future");
    },
  );

/** The instant a next review date stands for (midnight UTC, as stored). */
export const reviewDateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A manager's decision on a proposed erasure. */
export const erasureDecisionForm = defineForm({
  decision: {
    kind: "radios",
    label: "Your decision",
    options: { approve: "Approve: erase the personal data now", reject: "Reject: keep the case" },
    required: "Select approve or reject",
  },
  decisionReason: { kind: "textarea", label: "Reason", max: 2000, required: "Enter the reason for your decision", noun: "The reason" },
});
