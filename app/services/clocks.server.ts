// The clocks with this force's settings and bank holidays. The rules are in app/domain/clocks.ts.
// Case creation calls `dueDatesFor(receivedAt)`; every transition recomputes `nextDueAt` (domain).
import {
  addDays,
  computeDueDates,
  DEFAULT_CLOCKS,
  type ClockSettings,
  type DueDates,
} from "~/domain/clocks";
import { holidaySet } from "./bank-holidays.server";
import { getSetting } from "./settings.server";

export { clockState, describeDue, isOverdue, nextDueAt } from "~/domain/clocks";

/** The clock settings in force, each falling back to its default if a stored value is unusable. */
export function clockSettings(): ClockSettings {
  const whole = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : fallback;
  const counting = getSetting("clocks.dayCounting");
  return {
    riskCheckHours: whole(getSetting("clocks.riskCheckHours"), DEFAULT_CLOCKS.riskCheckHours),
    interviewDays: whole(getSetting("clocks.interviewDays"), DEFAULT_CLOCKS.interviewDays),
    decisionDays: whole(getSetting("clocks.decisionDays"), DEFAULT_CLOCKS.decisionDays),
    dayCounting: counting === "working" || counting === "calendar" ? counting : DEFAULT_CLOCKS.dayCounting,
  };
}

/** When each clock of a case received at `t0` is due, with the current settings and bank holidays. */
export function dueDatesFor(t0: Date): DueDates {
  const settings = clockSettings();
  return computeDueDates(t0, settings, settings.dayCounting === "working" ? holidaySet() : new Set());
}

/** A due date moved by an extension of `days`, counted as the current settings count days. */
export function extendDueDate(dueAt: Date, days: number): Date {
  const { dayCounting } = clockSettings();
  return addDays(dueAt, days, dayCounting, dayCounting === "working" ? holidaySet() : new Set());
}
