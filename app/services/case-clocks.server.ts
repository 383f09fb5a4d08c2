// The case clocks (risk check, interview, decision deadlines) with this force's settings and bank
// holidays; the current time itself is app-clock.server.ts. The rules are in app/domain/clocks.ts.
// Case creation calls `dueDatesFor(receivedAt)`; every transition recomputes `nextDueAt` (domain).
import {
  addDays,
  computeDueDates,
  DEFAULT_CLOCKS,
  DEFAULT_WORKING_HOURS,
  referralDueAt,
  type ClockOptions,
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
    urgentRiskCheckHours: whole(getSetting("clocks.urgentRiskCheckHours"), DEFAULT_CLOCKS.urgentRiskCheckHours),
    interviewDays: whole(getSetting("clocks.interviewDays"), DEFAULT_CLOCKS.interviewDays),
    decisionDays: whole(getSetting("clocks.decisionDays"), DEFAULT_CLOCKS.decisionDays),
    dayCounting: counting === "working" || counting === "calendar" ? counting : DEFAULT_CLOCKS.dayCounting,
  };
}

/** When each clock of a case received at `t0` is due, with the current settings and bank holidays. */
export function dueDatesFor(t0: Date, options: ClockOptions = {}): DueDates {
  const settings = clockSettings();
  return computeDueDates(t0, settings, settings.dayCounting === "working" ? holidaySet() : new Set(), options);
}

/** When a referral of suspected abuse that arose at `from` is due (settings referrals.clockHours, workingHours.*). */
export function referralDueFor(from: Date): Date {
  const hours = getSetting("referrals.clockHours");
  const start = getSetting("workingHours.start");
  const end = getSetting("workingHours.end");
  const valid = /^\d{2}:\d{2}$/;
  const working = valid.test(start) && valid.test(end) && start < end ? { start, end } : DEFAULT_WORKING_HOURS;
  return referralDueAt(from, Number.isSafeInteger(hours) && hours >= 0 ? hours : 0, working, holidaySet());
}

/** A due date moved by an extension of `days`, counted as the current settings count days. */
export function extendDueDate(dueAt: Date, days: number): Date {
  const { dayCounting } = clockSettings();
  return addDays(dueAt, days, dayCounting, dayCounting === "working" ? holidaySet() : new Set());
}
