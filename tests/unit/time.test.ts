// The one time module over the clock changes: in 2026 the UK goes to BST at 01:00 UTC on Sunday
// 29 March and back to GMT at 01:00 UTC on Sunday 25 October.
import { describe, expect, it } from "vitest";
import { isoFromParts } from "~/domain/dates";
import {
  ageOn,
  clockTime,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatLongIsoDate,
  formatMonth,
  fromLondonWallClock,
  londonOffset,
  londonParts,
  MONTH_NAMES,
  nowTime,
  parseTime,
  toIsoDate,
  todayParts,
  ukDateTime,
  ukDayEnd,
  ukDayStart,
  weekdayOf,
} from "~/domain/time";

const utc = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe("London wall-clock time", () => {
  it("is UTC in winter and an hour ahead in summer, changing at 01:00 UTC", () => {
    expect(londonOffset(utc("2026-03-29T00:59:59Z").getTime())).toBe(0);
    expect(londonOffset(utc("2026-03-29T01:00:00Z").getTime())).toBe(HOUR);
    expect(londonOffset(utc("2026-10-25T00:59:59Z").getTime())).toBe(HOUR);
    expect(londonOffset(utc("2026-10-25T01:00:00Z").getTime())).toBe(0);
  });

  it("gives the UK date and time of an instant", () => {
    expect(londonParts(utc("2026-06-30T23:30:00.250Z"))).toEqual({ year: 2026, month: 7, day: 1, hour: 0, minute: 30, second: 0, millisecond: 250 });
    expect(londonParts(utc("2026-12-31T23:30:00Z"))).toMatchObject({ year: 2026, month: 12, day: 31, hour: 23 });
    expect(londonParts(utc("2026-01-01T00:00:00Z"))).toMatchObject({ day: 1, hour: 0 });
  });

  it("finds the instant of a wall-clock time, through the gap and the doubled hour", () => {
    expect(fromLondonWallClock(2026, 3, 29, 0, 30).toISOString()).toBe("2026-03-29T00:30:00.000Z");
    // 01:30 does not exist on 29 March: read with the offset before the change (02:30 BST).
    expect(fromLondonWallClock(2026, 3, 29, 1, 30).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(fromLondonWallClock(2026, 3, 29, 2, 30).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 01:30 happens twice on 25 October: the first (BST) one.
    expect(fromLondonWallClock(2026, 10, 25, 1, 30).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fromLondonWallClock(2026, 10, 25, 2, 30).toISOString()).toBe("2026-10-25T02:30:00.000Z");
    // Days past the end of a month roll over.
    expect(fromLondonWallClock(2026, 6, 31).toISOString()).toBe("2026-06-30T23:00:00.000Z");
  });

  it("turns a date and a typed time into an instant", () => {
    expect(ukDateTime("2026-01-15", "14:30").toISOString()).toBe("2026-01-15T14:30:00.000Z");
    expect(ukDateTime("2026-07-15", "2.30pm").toISOString()).toBe("2026-07-15T13:30:00.000Z");
    expect(ukDateTime("2026-07-15").toISOString()).toBe("2026-07-14T23:00:00.000Z");
    expect(ukDateTime("2026-07-15", "not a time").toISOString()).toBe("2026-07-14T23:00:00.000Z");
  });

  it("starts and ends UK days of 24, 23 and 25 hours", () => {
    expect(ukDayStart("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(ukDayStart("2026-07-15").toISOString()).toBe("2026-07-14T23:00:00.000Z");
    expect(ukDayEnd("2026-01-15").toISOString()).toBe("2026-01-15T23:59:59.999Z");
    expect(ukDayEnd("2026-03-29").getTime() + 1 - ukDayStart("2026-03-29").getTime()).toBe(23 * HOUR);
    expect(ukDayEnd("2026-10-25").getTime() + 1 - ukDayStart("2026-10-25").getTime()).toBe(25 * HOUR);
    expect(ukDayEnd("2026-12-31").toISOString()).toBe("2026-12-31T23:59:59.999Z");
  });

  it("gives the UK calendar date, today's date-input parts and the time of day", () => {
    expect(toIsoDate(utc("2026-03-31T23:30:00Z"))).toBe("2026-04-01");
    expect(toIsoDate(utc("2026-11-30T23:30:00Z"))).toBe("2026-11-30");
    expect(todayParts(utc("2026-08-31T23:15:00Z"))).toEqual({ day: "1", month: "9", year: "2026" });
    expect(todayParts(utc("2026-12-31T23:15:00Z"))).toEqual({ day: "31", month: "12", year: "2026" });
    expect(nowTime(utc("2026-03-29T00:59:00Z"))).toBe("00:59");
    expect(nowTime(utc("2026-03-29T01:00:00Z"))).toBe("02:00");
    expect(nowTime(utc("2026-10-25T01:05:00Z"))).toBe("01:05");
  });
});

describe("dates and times in words", () => {
  it("writes times GOV.UK style", () => {
    expect([clockTime(0, 0), clockTime(9, 5), clockTime(12, 0), clockTime(12, 30), clockTime(23, 59)]).toEqual([
      "12:00am",
      "9:05am",
      "12:00pm",
      "12:30pm",
      "11:59pm",
    ]);
  });

  it("writes an instant in UK time on both sides of each change", () => {
    expect(formatDateTime(utc("2026-03-29T00:30:00Z"))).toBe("29 March 2026 at 12:30am");
    expect(formatDateTime(utc("2026-03-29T01:30:00Z"))).toBe("29 March 2026 at 2:30am");
    expect(formatDateTime(utc("2026-10-25T00:30:00Z"))).toBe("25 October 2026 at 1:30am");
    expect(formatDateTime(utc("2026-10-25T01:30:00Z"))).toBe("25 October 2026 at 1:30am");
    expect(formatDateTime("2026-11-23T14:05:00Z")).toBe("23 November 2026 at 2:05pm");
    expect(formatDateTime(utc("2026-06-30T23:00:00Z").getTime())).toBe("1 July 2026 at 12:00am");
  });

  it("writes the UK date of an instant, which in summer can be the next UTC day", () => {
    expect(formatDate(utc("2026-06-30T23:30:00Z"))).toBe("1 July 2026");
    expect(formatDate(utc("2026-12-31T23:30:00Z"))).toBe("31 December 2026");
  });

  it("writes calendar dates, months and weekdays from one list of names", () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect(formatIsoDate("2014-03-07")).toBe("7 March 2014");
    expect(formatLongIsoDate("2026-04-03")).toBe("Friday 3 April 2026");
    expect(formatLongIsoDate("2026-12-25")).toBe("Friday 25 December 2026");
    expect(formatMonth("2026-03")).toBe("March 2026");
    expect(weekdayOf("2026-03-29")).toBe("Sunday");
    expect(MONTH_NAMES.map((_, i) => formatMonth(`2026-${String(i + 1).padStart(2, "0")}`))).toEqual(MONTH_NAMES.map((m) => `${m} 2026`));
  });
});

describe("ages and typed dates", () => {
  it("counts an age in UK dates: a birthday starts at midnight in London", () => {
    // 23:30 UTC on 22 July is already 23 July in London.
    expect(ageOn("2010-07-23", utc("2026-07-22T23:30:00Z"))).toBe(16);
    expect(ageOn("2010-07-23", utc("2026-07-22T22:30:00Z"))).toBe(15);
    expect(ageOn("2012-02-29", utc("2026-02-28T12:00:00Z"))).toBe(13);
  });

  it("reads typed times and months", () => {
    expect([parseTime("14:30"), parseTime("2.30pm"), parseTime("9am"), parseTime("12am"), parseTime("24:00"), parseTime("9")]).toEqual([
      870,
      870,
      540,
      0,
      null,
      null,
    ]);
    expect(isoFromParts("7", "March", "2026")).toBe("2026-03-07");
    expect(isoFromParts(" 7", "sept", "2026")).toBe("2026-09-07");
    expect(isoFromParts("17", "12", "2026")).toBe("2026-12-17");
  });
});
