// Urgent cases and the referral clock (csods.md §8): the short immediate-risk clock, the order of
// every queue, and when a referral of suspected abuse to children's social care is due.
import { describe, expect, it } from "vitest";
import {
  computeDueDates,
  DEFAULT_CLOCKS,
  DEFAULT_WORKING_HOURS,
  nextDueAt,
  referralDueAt,
} from "~/domain/clocks";
import { queuePriority, urgentReasonText } from "~/domain/urgency";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
// 25 December 2026 (Friday) and 28 December 2026 (Monday, substitute Boxing Day) are bank holidays.
const holidays = new Set(["2026-12-25", "2026-12-28"]);

describe("the urgent immediate-risk clock", () => {
  it("is 1 hour by default for an urgent case and 24 hours otherwise", () => {
    const t0 = at("2026-11-28T09:00:00Z");
    expect(computeDueDates(t0, DEFAULT_CLOCKS, new Set(), { urgent: true }).riskCheckDueAt).toEqual(new Date(t0.getTime() + HOUR));
    expect(computeDueDates(t0, DEFAULT_CLOCKS, new Set()).riskCheckDueAt).toEqual(new Date(t0.getTime() + 24 * HOUR));
  });

  it("follows its own setting and leaves the other clocks alone", () => {
    const t0 = at("2026-11-28T09:00:00Z");
    const settings = { ...DEFAULT_CLOCKS, urgentRiskCheckHours: 3 };
    const urgent = computeDueDates(t0, settings, new Set(), { urgent: true });
    const normal = computeDueDates(t0, settings, new Set());
    expect(urgent.riskCheckDueAt.getTime() - t0.getTime()).toBe(3 * HOUR);
    expect(urgent.interviewDueAt).toEqual(normal.interviewDueAt);
    expect(urgent.decisionDueAt).toEqual(normal.decisionDueAt);
  });
});

describe("queue priority", () => {
  const now = at("2026-11-28T12:00:00Z");
  const past = new Date(now.getTime() - 1);
  const future = new Date(now.getTime() + HOUR);
  it("orders overdue urgent, urgent, overdue, then the rest", () => {
    expect(queuePriority({ urgent: true, nextDueAt: past }, now)).toBe(0);
    expect(queuePriority({ urgent: true, nextDueAt: future }, now)).toBe(1);
    expect(queuePriority({ urgent: true, nextDueAt: null }, now)).toBe(1);
    expect(queuePriority({ urgent: false, nextDueAt: past }, now)).toBe(2);
    expect(queuePriority({ urgent: false, nextDueAt: future }, now)).toBe(3);
    expect(queuePriority({ urgent: false, nextDueAt: null }, now)).toBe(3);
  });

  it("counts a clock due exactly now as not yet overdue", () => {
    expect(queuePriority({ urgent: true, nextDueAt: now }, now)).toBe(1);
  });

  it("says why a case is urgent in words", () => {
    expect(urgentReasonText("applicant_danger_now")).toBe("The applicant said a child is in danger now");
    expect(urgentReasonText("staff_danger_now")).toBe("Staff recorded that a child may be in danger now");
    expect(urgentReasonText(null)).toBe("Marked urgent");
    expect(urgentReasonText("<script>")).toBe("Marked urgent");
  });
});

describe("the referral clock", () => {
  const due = (iso: string, hours = 0) => referralDueAt(at(iso), hours, DEFAULT_WORKING_HOURS, holidays).toISOString();

  it("is due at the end of the same working day when abuse is suspected during it", () => {
    expect(due("2026-11-27T10:15:00Z")).toBe("2026-11-27T17:00:00.000Z"); // Friday, GMT
    expect(due("2026-07-01T08:30:00Z")).toBe("2026-07-01T16:00:00.000Z"); // 09:30 BST → 17:00 BST
    expect(due("2026-11-27T07:00:00Z")).toBe("2026-11-27T17:00:00.000Z"); // before the day starts
  });

  it("moves to the end of the next working day when suspected after hours, at the weekend or on a bank holiday", () => {
    expect(due("2026-11-27T17:00:00Z")).toBe("2026-11-30T17:00:00.000Z"); // Friday 17:00 → Monday
    expect(due("2026-11-28T11:00:00Z")).toBe("2026-11-30T17:00:00.000Z"); // Saturday → Monday
    expect(due("2026-12-24T18:00:00Z")).toBe("2026-12-29T17:00:00.000Z"); // Christmas Eve evening → Tuesday 29th
  });

  it("counts N working hours inside the working day when set", () => {
    expect(due("2026-11-27T10:00:00Z", 4)).toBe("2026-11-27T14:00:00.000Z");
    expect(due("2026-11-27T15:00:00Z", 4)).toBe("2026-11-30T11:00:00.000Z"); // 2 h Friday, 2 h Monday
    expect(due("2026-11-28T15:00:00Z", 2)).toBe("2026-11-30T11:00:00.000Z"); // Saturday: from Monday 09:00
    expect(due("2026-11-27T07:00:00Z", 8)).toBe("2026-11-27T17:00:00.000Z"); // a whole day, exactly
  });

  it("refuses working hours that are not a day", () => {
    expect(() => referralDueAt(at("2026-11-27T10:00:00Z"), 0, { start: "17:00", end: "09:00" }, holidays)).toThrow(RangeError);
    expect(() => referralDueAt(at("2026-11-27T10:00:00Z"), 0, { start: "9", end: "17:00" }, holidays)).toThrow(RangeError);
  });

  it("joins the case's next due moment until the referral is made", () => {
    const base = {
      riskCheckDueAt: at("2026-11-28T10:00:00Z"),
      riskCheckedAt: at("2026-11-27T10:00:00Z"),
      interviewDueAt: at("2026-12-07T10:00:00Z"),
      interviewedAt: null,
      decisionDueAt: at("2026-12-25T10:00:00Z"),
      decidedAt: null,
      closedAt: null,
    };
    const referralDue = at("2026-11-27T17:00:00Z");
    expect(nextDueAt({ ...base, referralDueAt: referralDue, referralMadeAt: null })).toEqual(referralDue);
    expect(nextDueAt({ ...base, referralDueAt: referralDue, referralMadeAt: at("2026-11-27T16:00:00Z") })).toEqual(base.interviewDueAt);
    expect(nextDueAt(base)).toEqual(base.interviewDueAt);
  });
});
