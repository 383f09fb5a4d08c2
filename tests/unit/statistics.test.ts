import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, describeChart } from "~/components/charts";
import { toCsv } from "~/domain/csv";
import {
  addIsoDays,
  contradictions,
  daysOf,
  defaultRange,
  EMPTY_FIGURES,
  financialYearDates,
  financialYearLabel,
  financialYearOf,
  financialYearOfRange,
  financialYearRange,
  financialYearsOf,
  formatDays,
  formatMonth,
  formatPercent,
  monthBuckets,
  outcomeLabel,
  parseRangeForm,
  parseRangeQuery,
  percentile,
  percentOf,
  rangeBounds,
  returnCsvRows,
  RETURN_HEADER,
  statisticsCsvRows,
  ukDayStart,
  type AdrFigures,
  type FinancialYearRow,
  type Statistics,
} from "~/domain/statistics";

const today = new Date("2026-11-23T12:00:00Z");

describe("percentile (linear interpolation between closest ranks)", () => {
  it("gives null for no values", () => {
    expect(percentile([], 0.5)).toBeNull();
  });

  it("gives the one value of a single-value list for every p", () => {
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
  });

  it("gives the middle value of an odd count and the mean of the middle two of an even count", () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20], 0.5)).toBe(15);
  });

  it("matches Excel PERCENTILE.INC / numpy's default", () => {
    const one_to_ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(one_to_ten, 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile(one_to_ten, 0.5)).toBe(5.5);
    expect(percentile([15, 20, 35, 40, 50], 0.9)).toBeCloseTo(46, 10);
    expect(percentile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 10);
  });

  it("gives the smallest at 0 and the largest at 1", () => {
    expect(percentile([3, 8, 9], 0)).toBe(3);
    expect(percentile([3, 8, 9], 1)).toBe(9);
  });

  it("takes typed arrays (the service sorts Float64Arrays)", () => {
    expect(percentile(Float64Array.from([4, 1, 3, 2]).sort(), 0.5)).toBe(2.5);
  });

  it("refuses p outside 0..1", () => {
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], -0.1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("numbers for people", () => {
  it("writes milliseconds as days to one decimal place", () => {
    expect(daysOf(null)).toBeNull();
    expect(daysOf(86_400_000)).toBe(1);
    expect(daysOf(1.5 * 86_400_000)).toBe(1.5);
    expect(daysOf(3_600_000)).toBe(0);
    expect(daysOf(0.26 * 86_400_000)).toBe(0.3);
  });

  it("gives a percentage to one decimal place, or null of nothing", () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 5)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
  });

  it("formats percentages, days and months", () => {
    expect(formatPercent(12.5)).toBe("12.5%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(null)).toBe("No cases");
    expect(formatDays(3)).toBe("3.0");
    expect(formatDays(null)).toBe("No cases");
    expect(formatMonth("2026-03")).toBe("March 2026");
  });

  it("labels known outcome codes and shows unknown ones as stored", () => {
    expect(outcomeLabel("no_disclosure")).toBe("No disclosure");
    expect(outcomeLabel("toString")).toBe("toString");
    expect(outcomeLabel("legacy_code")).toBe("legacy_code");
  });
});

describe("UK days and months", () => {
  it("starts a GMT day at midnight UTC and a BST day at 23:00 UTC the day before", () => {
    expect(new Date(ukDayStart("2026-01-15")).toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(new Date(ukDayStart("2026-07-15")).toISOString()).toBe("2026-07-14T23:00:00.000Z");
  });

  it("gets the days the clocks change right", () => {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026 and back at 01:00 UTC on 25 October.
    expect(new Date(ukDayStart("2026-03-29")).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(new Date(ukDayStart("2026-03-30")).toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(new Date(ukDayStart("2026-10-25")).toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(new Date(ukDayStart("2026-10-26")).toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });

  it("covers whole UK days, both ends included", () => {
    const { start, end } = rangeBounds({ from: "2026-06-01", to: "2026-06-30" });
    expect(new Date(start).toISOString()).toBe("2026-05-31T23:00:00.000Z");
    expect(new Date(end).toISOString()).toBe("2026-06-30T23:00:00.000Z");
  });

  it("adds days across months and years", () => {
    expect(addIsoDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addIsoDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addIsoDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("splits a range into calendar months, clipped to the range, across a year end", () => {
    const buckets = monthBuckets({ from: "2025-11-15", to: "2026-02-10" });
    expect(buckets.map((b) => b.month)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(buckets[0].start).toBe(ukDayStart("2025-11-15"));
    expect(buckets[0].end).toBe(ukDayStart("2025-12-01"));
    expect(buckets[3].start).toBe(ukDayStart("2026-02-01"));
    expect(buckets[3].end).toBe(ukDayStart("2026-02-11"));
    // Contiguous: each month ends where the next starts.
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].start).toBe(buckets[i - 1].end);
  });

  it("gives one bucket for a range inside one month, and BST months start at 23:00 UTC", () => {
    expect(monthBuckets({ from: "2026-07-03", to: "2026-07-03" })).toEqual([
      { month: "2026-07", start: Date.parse("2026-07-02T23:00:00Z"), end: Date.parse("2026-07-03T23:00:00Z") },
    ]);
  });

  it("defaults to the current financial year to date (UK date)", () => {
    expect(defaultRange(today)).toEqual({ from: "2026-04-01", to: "2026-11-23" });
    expect(defaultRange(new Date("2026-01-31T23:30:00Z"))).toEqual({ from: "2025-04-01", to: "2026-01-31" });
    // 23:30 UTC on 31 July is 00:30 on 1 August in the UK.
    expect(defaultRange(new Date("2026-07-31T23:30:00Z"))).toEqual({ from: "2026-04-01", to: "2026-08-01" });
    expect(monthBuckets(defaultRange(today))).toHaveLength(8);
  });
});

describe("financial years (1 April to 31 March, UK dates)", () => {
  it("puts 31 March 23:30 in the UK in the old year and 1 April 00:30 in the new one (BST)", () => {
    // 2026: clocks went forward on 29 March, so 31 March is BST (UTC+1).
    expect(financialYearOf(new Date("2026-03-31T22:30:00Z"))).toBe(2025); // 23:30 BST, 31 March
    expect(financialYearOf(new Date("2026-03-31T22:59:59.999Z"))).toBe(2025); // last instant of the year
    expect(financialYearOf(new Date("2026-03-31T23:00:00Z"))).toBe(2026); // 00:00 BST, 1 April
    expect(financialYearOf(new Date("2026-03-31T23:30:00Z"))).toBe(2026); // 00:30 BST, 1 April, still 31 March in UTC
    expect(new Date(ukDayStart(financialYearDates(2026).from)).toISOString()).toBe("2026-03-31T23:00:00.000Z");
  });

  it("uses GMT when the clocks have not yet gone forward (31 March 2024 was the change day)", () => {
    // 2024: clocks went forward on Sunday 31 March at 01:00 UTC.
    expect(financialYearOf(new Date("2024-03-31T00:30:00Z"))).toBe(2023); // 00:30 GMT, 31 March
    expect(financialYearOf(new Date("2024-03-31T22:59:00Z"))).toBe(2023); // 23:59 BST, 31 March
    expect(financialYearOf(new Date("2024-03-31T23:00:00Z"))).toBe(2024); // 00:00 BST, 1 April
  });

  it("covers a leap year's 29 February and its 366 days", () => {
    expect(financialYearOf(new Date("2024-02-29T12:00:00Z"))).toBe(2023);
    const { start, end } = rangeBounds(financialYearDates(2023));
    expect((end - start) / 86_400_000).toBe(366);
    const plain = rangeBounds(financialYearDates(2024));
    expect((plain.end - plain.start) / 86_400_000).toBe(365);
    expect(monthBuckets(financialYearDates(2023)).map((b) => b.month)).toEqual([
      "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03",
    ]);
  });

  it("names a year by both calendar years and gives the current one to date", () => {
    expect(financialYearLabel(2025)).toBe("2025 to 2026");
    expect(financialYearDates(2025)).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    expect(financialYearRange(2025, today)).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    expect(financialYearRange(2026, today)).toEqual({ from: "2026-04-01", to: "2026-11-23" });
    expect(financialYearOfRange({ from: "2026-04-01", to: "2026-11-23" }, today)).toBe(2026);
    expect(financialYearOfRange({ from: "2025-04-01", to: "2026-03-31" }, today)).toBe(2025);
    expect(financialYearOfRange({ from: "2025-04-01", to: "2026-03-30" }, today)).toBeNull();
  });

  it("sums months into the financial years they belong to, clipped to the range", () => {
    const f = (applications: number, told = 0) => ({
      right_to_ask: { ...EMPTY_FIGURES, applications, rso: 1 },
      right_to_be_told: { ...EMPTY_FIGURES, applications: told },
    });
    const range = { from: "2025-02-10", to: "2025-05-20" };
    const months = [
      { month: "2025-02", ...f(2) },
      { month: "2025-03", ...f(3, 1) },
      { month: "2025-04", ...f(4) },
      { month: "2025-05", ...f(5, 2) },
    ];
    expect(financialYearsOf(range, months)).toEqual([
      { year: 2024, from: "2025-02-10", to: "2025-03-31", wholeYear: false, right_to_ask: { ...EMPTY_FIGURES, applications: 5, rso: 2 }, right_to_be_told: { ...EMPTY_FIGURES, applications: 1 } },
      { year: 2025, from: "2025-04-01", to: "2025-05-20", wholeYear: false, right_to_ask: { ...EMPTY_FIGURES, applications: 9, rso: 2 }, right_to_be_told: { ...EMPTY_FIGURES, applications: 2 } },
    ]);
    const whole = financialYearsOf(financialYearDates(2024), monthBuckets(financialYearDates(2024)).map((b) => ({ month: b.month, ...f(1) })));
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ year: 2024, wholeYear: true });
    expect(whole[0].right_to_ask.applications).toBe(12);
  });
});

describe("the date range form", () => {
  const params = (o: Record<string, string>) => new URLSearchParams(o);
  const full = { "from-day": "1", "from-month": "4", "from-year": "2025", "to-day": "31", "to-month": "3", "to-year": "2026" };

  it("uses the current financial year to date, filled into the inputs, when no date is given", () => {
    expect(parseRangeForm(params({}), today)).toEqual({
      ok: true,
      range: { from: "2026-04-01", to: "2026-11-23" },
      values: { "from-day": "1", "from-month": "4", "from-year": "2026", "to-day": "23", "to-month": "11", "to-year": "2026" },
      defaulted: true,
      financialYear: 2026,
    });
  });

  it("gives a financial year by ?year=, whole for a past year, and refuses one not on the list", () => {
    expect(parseRangeForm(params({ year: "2024" }), today)).toMatchObject({ ok: true, range: { from: "2024-04-01", to: "2025-03-31" }, financialYear: 2024, defaulted: false });
    expect(parseRangeForm(params({ year: "2026" }), today)).toMatchObject({ ok: true, range: { from: "2026-04-01", to: "2026-11-23" }, financialYear: 2026 });
    for (const bad of ["2027", "25", "1800", "2024-25", ""]) {
      expect(parseRangeForm(params({ year: bad }), today), bad).toMatchObject({ ok: false, errors: [{ field: "year", message: "Choose a financial year from the list" }] });
    }
  });

  it("recognises typed dates that are exactly a financial year", () => {
    expect(parseRangeForm(params(full), today)).toMatchObject({ ok: true, financialYear: 2025 });
    expect(parseRangeForm(params({ ...full, "to-day": "30" }), today)).toMatchObject({ ok: true, financialYear: null });
  });

  it("accepts two real dates in order, month names included", () => {
    expect(parseRangeForm(params(full), today)).toMatchObject({ ok: true, range: { from: "2025-04-01", to: "2026-03-31" } });
    expect(parseRangeForm(params({ ...full, "from-month": "April" }), today)).toMatchObject({ ok: true, range: { from: "2025-04-01" } });
    expect(parseRangeForm(params({ ...full, "to-day": "1", "to-month": "4", "to-year": "2025" }), today)).toMatchObject({ ok: true });
  });

  it("asks for an empty date, naming which", () => {
    const result = parseRangeForm(params({ ...full, "from-day": "", "from-month": "", "from-year": "" }), today);
    expect(result).toMatchObject({ ok: false, errors: [{ field: "from", message: "Enter the start date", parts: ["day", "month", "year"] }] });
  });

  it("names the missing part and the impossible date", () => {
    expect(parseRangeForm(params({ ...full, "to-month": "" }), today)).toMatchObject({
      ok: false,
      errors: [{ field: "to", message: "The end date must include a month", parts: ["month"] }],
    });
    expect(parseRangeForm(params({ ...full, "to-day": "31", "to-month": "2" }), today)).toMatchObject({
      ok: false,
      errors: [{ field: "to", message: "The end date must be a real date" }],
    });
  });

  it("says which date's year is wrong", () => {
    expect(parseRangeForm(params({ ...full, "from-year": "25" }), today)).toMatchObject({
      ok: false,
      errors: [{ field: "from", message: "The year of the start date must include 4 numbers", parts: ["year"] }],
    });
  });

  it("refuses an end before the start, and dates in the future", () => {
    expect(parseRangeForm(params({ ...full, "from-year": "2026", "to-year": "2025" }), today)).toMatchObject({
      ok: false,
      errors: [{ field: "to", message: "The end date must be the same as or after the start date" }],
    });
    expect(parseRangeForm(params({ ...full, "to-year": "2027" }), today)).toMatchObject({
      ok: false,
      errors: [{ field: "to", message: "The end date must be today or in the past" }],
    });
  });

  it("reports both dates when both are wrong, and keeps what was typed", () => {
    const result = parseRangeForm(params({ ...full, "from-day": "x", "to-day": "99" }), today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(["from", "to"]);
    expect(result.values["from-day"]).toBe("x");
  });
});

describe("the export's query string", () => {
  const q = (s: string) => parseRangeQuery(new URLSearchParams(s), today);

  it("uses the default range when neither date is given", () => {
    expect(q("")).toEqual({ ok: true, range: { from: "2026-04-01", to: "2026-11-23" } });
  });

  it("accepts two ISO dates in order", () => {
    expect(q("from=2024-01-01&to=2025-12-31")).toEqual({ ok: true, range: { from: "2024-01-01", to: "2025-12-31" } });
  });

  it.each([
    ["from=2024-01-01", /both/],
    ["from=01/01/2024&to=2025-12-31", /YYYY-MM-DD/],
    ["from=2024-02-30&to=2025-12-31", /real date/],
    ["from=2025-12-31&to=2024-01-01", /same as or after/],
    ["from=2024-01-01&to=2099-01-01", /today or in the past/],
    ["from=1800-01-01&to=2024-01-01", /after 1900/],
  ])("refuses %s with a plain message", (query, message) => {
    const result = q(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

const fig = (applications: number, rso: number, disclosures: number, decided: number, decidedDisclosures: number): AdrFigures => ({
  applications,
  rso,
  disclosures,
  decided,
  decidedDisclosures,
});

/** Two months of the financial year 2024 to 2025, every figure agreeing with every other. */
function sampleStats(): Statistics {
  return {
    range: { from: "2025-02-01", to: "2025-03-31" },
    presumptionDepartures: 1,
    total: { right_to_ask: fig(5, 2, 1, 3, 1), right_to_be_told: fig(2, 2, 1, 1, 1) },
    byFinancialYear: [{ year: 2024, from: "2025-02-01", to: "2025-03-31", wholeYear: false, right_to_ask: fig(5, 2, 1, 3, 1), right_to_be_told: fig(2, 2, 1, 1, 1) }],
    byMonth: [
      { month: "2025-02", right_to_ask: fig(3, 1, 1, 2, 1), right_to_be_told: fig(2, 2, 1, 1, 1) },
      { month: "2025-03", right_to_ask: fig(2, 1, 0, 1, 0), right_to_be_told: fig(0, 0, 0, 0, 0) },
    ],
    byChannel: [
      { channel: "online", ...fig(4, 2, 1, 2, 1) },
      { channel: "phone", ...fig(1, 0, 0, 1, 0) },
      { channel: "station", ...fig(0, 0, 0, 0, 0) },
      { channel: "proactive", ...fig(2, 2, 1, 1, 1) },
    ],
    timeliness: [
      { stage: "risk_check", reached: 5, medianMs: 43_200_000, p90Ms: 86_400_000, clockResults: 5, withinClock: 4 },
      { stage: "closure", reached: 0, medianMs: null, p90Ms: null, clockResults: null, withinClock: null },
    ],
    outcomes: [
      { code: "disclosure_cso", label: "Disclosure (child sexual offence convictions)", cases: 2 },
      { code: "no_disclosure", label: "No disclosure", cases: 2 },
      { code: "=HYPERLINK(1)", label: "=HYPERLINK(1)", cases: 1 },
    ],
    disclosureRate: { right_to_ask: 33.3, right_to_be_told: 100 },
    referrals: {
      byAgency: [
        { agency: "Children's social care", referrals: 3, suspectedAbuse: 2, onTime: 1, late: 1 },
        { agency: "Health", referrals: 1, suspectedAbuse: 0, onTime: 0, late: 0 },
      ],
      total: 4,
      clock: { cases: 4, onTime: 1, late: 1, overdue: 1, notYetDue: 0, closedWithout: 1 },
    },
    today: { date: "2026-11-23", open: 4, urgent: 1, overdue: 0 },
  };
}

describe("statisticsCsvRows", () => {
  const stats = sampleStats();
  const rows = statisticsCsvRows(stats);
  const whole = "2025-02-01 to 2025-03-31";
  const ask = "Annual Data Requirement: Right to ask (applications)";
  const told = "Annual Data Requirement: Right to be told (proactive)";
  const find = (section: string, metric: string, period: string) =>
    rows.find((r) => r[0] === section && r[1] === metric && r[2] === period)?.[3];

  it("starts with the header and writes (section, metric, period, value) rows", () => {
    expect(rows[0]).toEqual(["Section", "Metric", "Period", "Value"]);
    expect(rows.every((r) => r.length === 4)).toBe(true);
  });

  it("has the ADR figures of each route for the range, each financial year and each month", () => {
    expect(find(ask, "Applications", whole)).toBe(5);
    expect(find(told, "Applications", whole)).toBe(2);
    expect(find(ask, "Concerned a registered sex offender", "2024 to 2025 (2025-02-01 to 2025-03-31)")).toBe(2);
    expect(find(ask, "Led to disclosure", "2025-03")).toBe(0);
    expect(find(told, "Led to disclosure", "2025-02")).toBe(1);
    expect(find("By channel", "Applications: Online", whole)).toBe(4);
    expect(find(ask, "Disclosure rate (% of decided cases)", whole)).toBe(33.3);
    expect(find(told, "Disclosure rate (% of decided cases)", whole)).toBe(100);
  });

  it("has the referrals by agency and the referral clock", () => {
    expect(find("Referrals", "Referrals: Children's social care", whole)).toBe(3);
    expect(find("Referrals", "Met the referral clock late: Children's social care", whole)).toBe(1);
    expect(find("Referrals", "Referrals: all agencies", whole)).toBe(4);
    expect(find("Referral clock", "No referral yet, overdue", whole)).toBe(1);
  });

  it("writes days, percentages and 'no cases' as numbers or empty", () => {
    expect(find("Timeliness", "Immediate-risk check: median days from receipt", whole)).toBe(0.5);
    expect(find("Timeliness", "Immediate-risk check: within clock (%)", whole)).toBe(80);
    expect(find("Timeliness", "Closure: median days from receipt", whole)).toBeNull();
    expect(rows.some((r) => r[1] === "Closure: within clock (%)")).toBe(false);
    expect(find("Today", "Open cases", "2026-11-23")).toBe(4);
  });

  it("only ever puts numbers or null in the value column", () => {
    expect(rows.slice(1).every((r) => r[3] === null || typeof r[3] === "number")).toBe(true);
  });

  it("escapes an outcome label that looks like a formula when written", () => {
    const csv = toCsv(rows);
    expect(csv).toContain(`Outcomes,'=HYPERLINK(1),${whole},1\r\n`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe("the return (one row per financial year)", () => {
  const years: FinancialYearRow[] = [
    { year: 2024, from: "2024-04-01", to: "2025-03-31", wholeYear: true, right_to_ask: fig(40, 12, 9, 30, 9), right_to_be_told: fig(3, 3, 2, 3, 2) },
    { year: 2025, from: "2025-04-01", to: "2025-11-23", wholeYear: false, right_to_ask: fig(25, 6, 4, 10, 4), right_to_be_told: fig(1, 0, 0, 0, 0) },
  ];
  const rows = returnCsvRows(years);

  it("has a header naming each figure as asked, and one row per year with one column per figure", () => {
    expect(rows[0]).toEqual(RETURN_HEADER);
    expect(rows[0]).toEqual([
      "Financial year",
      "From",
      "To",
      "Whole year",
      "Applications received (right to ask)",
      "Applications that concerned a registered sex offender",
      "Applications that led to a disclosure",
      "Right to be told cases (proactive)",
      "Right to be told cases that concerned a registered sex offender",
      "Right to be told cases that led to a disclosure",
    ]);
    expect(rows.slice(1)).toEqual([
      ["2024 to 2025", "2024-04-01", "2025-03-31", "Yes", 40, 12, 9, 3, 3, 2],
      ["2025 to 2026", "2025-04-01", "2025-11-23", "No (to date)", 25, 6, 4, 1, 0, 0],
    ]);
  });

  it("writes a header alone when there are no years", () => {
    expect(returnCsvRows([])).toEqual([RETURN_HEADER]);
  });
});

describe("contradictions", () => {
  it("finds none when every figure agrees", () => {
    expect(contradictions(sampleStats())).toEqual([]);
  });

  it.each<[string, (s: Statistics) => void, RegExp]>([
    ["a month that does not add up", (s) => void (s.byMonth[0].right_to_ask.applications += 1), /months do not add up/],
    ["a financial year that does not add up", (s) => void (s.byFinancialYear[0].right_to_be_told.rso -= 1), /financial years do not add up/],
    ["more RSO cases than applications", (s) => void (s.total.right_to_ask.rso = 6), /rso is more than applications/],
    ["a channel that disagrees", (s) => void (s.byChannel[1].applications = 2), /channels do not add up/],
    ["proactive cases counted as applications", (s) => {
      s.byChannel[0].applications += 2;
      s.byChannel[3].applications -= 2;
    }, /proactive channel is not the right to be told/],
    ["a wrong disclosure rate", (s) => void (s.disclosureRate.right_to_ask = 50), /disclosure rate/],
    ["more disclosure outcomes than disclosures", (s) => void (s.outcomes[0].cases = 3), /disclosure outcomes/],
    ["agencies that do not add up", (s) => void (s.referrals.total = 5), /agencies do not add up/],
    ["a referral clock whose parts do not add up", (s) => void (s.referrals.clock.overdue = 2), /referral clock's parts/],
    ["agencies' on-time referrals that are not the clock's", (s) => {
      s.referrals.byAgency[1].onTime = 1;
    }, /on time and late are not the referral clock's/],
    ["more urgent cases than open ones", (s) => void (s.today.urgent = 5), /urgent or overdue/],
  ])("finds %s", (_name, tamper, message) => {
    const stats = sampleStats();
    tamper(stats);
    const found = contradictions(stats);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("; ")).toMatch(message);
  });
});

describe("BarChart", () => {
  const data = [
    { label: "January 2026", value: 4 },
    { label: "February 2026", value: 10 },
    { label: "March 2026", value: 0 },
  ];
  const html = renderToStaticMarkup(
    createElement(BarChart, { id: "chart-test", title: "Applications by month", description: "Bar chart of applications.", data }),
  );

  it("is an image named by its title and description", () => {
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="chart-test-title chart-test-desc"');
    expect(html).toContain('<title id="chart-test-title">Applications by month</title>');
    expect(html).toContain('<desc id="chart-test-desc">Bar chart of applications. The largest is February 2026: 10. The table that follows gives every figure.</desc>');
  });

  it("has no inline style (the CSP forbids it) and uses GOV.UK colours as attributes", () => {
    expect(html).not.toMatch(/style=/i);
    expect(html).toContain('fill="#1d70b8"');
    expect(html).toContain('fill="#0b0c0c"');
  });

  it("draws one bar per value, the longest for the largest, and a zero-length bar for 0, each labelled", () => {
    const widths = [...html.matchAll(/<rect x="\d+(?:\.\d+)?" y="[\d.]+" width="([\d.]+)" height="18"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[1]).toBeGreaterThan(widths[0]);
    expect(widths[2]).toBe(0);
    for (const v of ["4", "10", "0"]) expect(html).toContain(`>${v}</text>`);
  });

  it("describes an empty or all-zero chart", () => {
    expect(describeChart("Outcomes.", [])).toBe("Outcomes. There is nothing to show.");
    expect(describeChart("Outcomes.", [{ label: "A", value: 0 }])).toBe("Outcomes. Every value is 0. The table that follows gives every figure.");
  });

  it("escapes text in labels (React), so a label cannot inject markup", () => {
    const out = renderToStaticMarkup(
      createElement(BarChart, { id: "x", title: "T", description: "D.", data: [{ label: "<script>alert(1)</script>", value: 1 }] }),
    );
    expect(out).not.toContain("<script>");
  });
});

describe("range limit", () => {
  it("refuses a range longer than ten years, with a clear message", async () => {
    const { parseRangeQuery, MAX_RANGE_YEARS } = await import("~/domain/statistics");
    const today = new Date("2026-11-23T12:00:00Z");
    expect(parseRangeQuery(new URLSearchParams({ from: "2010-01-01", to: "2026-01-01" }), today)).toEqual({
      ok: false,
      message: `Choose a range of ${MAX_RANGE_YEARS} years or less`,
    });
    expect(parseRangeQuery(new URLSearchParams({ from: "2016-01-01", to: "2026-01-01" }), today)).toMatchObject({ ok: true });
  });
});
