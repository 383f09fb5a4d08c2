import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, describeChart } from "~/components/charts";
import { toCsv } from "~/domain/csv";
import {
  addIsoDays,
  daysOf,
  defaultRange,
  EMPTY_FIGURES,
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
  statisticsCsvRows,
  ukDayStart,
  yearsOf,
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

  it("defaults to the last 12 months: the 1st of the month 11 months ago to today (UK date)", () => {
    expect(defaultRange(today)).toEqual({ from: "2025-12-01", to: "2026-11-23" });
    expect(defaultRange(new Date("2026-01-31T23:30:00Z"))).toEqual({ from: "2025-02-01", to: "2026-01-31" });
    // 23:30 UTC on 31 July is 00:30 on 1 August in the UK.
    expect(defaultRange(new Date("2026-07-31T23:30:00Z"))).toEqual({ from: "2025-09-01", to: "2026-08-01" });
    expect(monthBuckets(defaultRange(today))).toHaveLength(12);
  });

  it("sums months into calendar years", () => {
    const f = (applications: number) => ({ ...EMPTY_FIGURES, applications, rso: 1 });
    expect(yearsOf([{ month: "2025-11", ...f(2) }, { month: "2025-12", ...f(3) }, { month: "2026-01", ...f(4) }])).toEqual([
      { year: "2025", ...EMPTY_FIGURES, applications: 5, rso: 2 },
      { year: "2026", ...EMPTY_FIGURES, applications: 4, rso: 1 },
    ]);
  });
});

describe("the date range form", () => {
  const params = (o: Record<string, string>) => new URLSearchParams(o);
  const full = { "from-day": "1", "from-month": "4", "from-year": "2025", "to-day": "31", "to-month": "3", "to-year": "2026" };

  it("uses the default range, filled into the inputs, when no date is given", () => {
    expect(parseRangeForm(params({}), today)).toEqual({
      ok: true,
      range: { from: "2025-12-01", to: "2026-11-23" },
      values: { "from-day": "1", "from-month": "12", "from-year": "2025", "to-day": "23", "to-month": "11", "to-year": "2026" },
      defaulted: true,
    });
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
    expect(q("")).toEqual({ ok: true, range: { from: "2025-12-01", to: "2026-11-23" } });
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

describe("statisticsCsvRows", () => {
  const stats: Statistics = {
    range: { from: "2025-01-01", to: "2025-02-28" },
    total: { applications: 5, rso: 2, disclosures: 1, decided: 3, decidedDisclosures: 1 },
    byYear: [{ year: "2025", applications: 5, rso: 2, disclosures: 1, decided: 3, decidedDisclosures: 1 }],
    byMonth: [
      { month: "2025-01", applications: 3, rso: 1, disclosures: 1, decided: 2, decidedDisclosures: 1 },
      { month: "2025-02", applications: 2, rso: 1, disclosures: 0, decided: 1, decidedDisclosures: 0 },
    ],
    byChannel: [{ channel: "online", applications: 5, rso: 2, disclosures: 1, decided: 3, decidedDisclosures: 1 }],
    timeliness: [
      { stage: "risk_check", reached: 5, medianMs: 43_200_000, p90Ms: 86_400_000, clockResults: 5, withinClock: 4 },
      { stage: "closure", reached: 0, medianMs: null, p90Ms: null, clockResults: null, withinClock: null },
    ],
    outcomes: [
      { code: "no_disclosure", label: "No disclosure", cases: 2 },
      { code: "=HYPERLINK(1)", label: "=HYPERLINK(1)", cases: 1 },
    ],
    disclosureRate: 33.3,
    today: { date: "2026-11-23", open: 4, urgent: 1, overdue: 0 },
  };
  const rows = statisticsCsvRows(stats);
  const find = (section: string, metric: string, period: string) =>
    rows.find((r) => r[0] === section && r[1] === metric && r[2] === period)?.[3];

  it("starts with the header and writes (section, metric, period, value) rows", () => {
    expect(rows[0]).toEqual(["Section", "Metric", "Period", "Value"]);
    expect(rows.every((r) => r.length === 4)).toBe(true);
  });

  it("has the ADR figures for the range, each year and each month", () => {
    expect(find("Annual Data Requirement", "Applications", "2025-01-01 to 2025-02-28")).toBe(5);
    expect(find("Annual Data Requirement", "Concerned a registered sex offender", "2025")).toBe(2);
    expect(find("Annual Data Requirement", "Led to disclosure", "2025-02")).toBe(0);
    expect(find("By channel", "Applications: Online", "2025-01-01 to 2025-02-28")).toBe(5);
  });

  it("writes days, percentages and 'no cases' as numbers or empty", () => {
    expect(find("Timeliness", "Immediate-risk check: median days from receipt", "2025-01-01 to 2025-02-28")).toBe(0.5);
    expect(find("Timeliness", "Immediate-risk check: within clock (%)", "2025-01-01 to 2025-02-28")).toBe(80);
    expect(find("Timeliness", "Closure: median days from receipt", "2025-01-01 to 2025-02-28")).toBeNull();
    expect(rows.some((r) => r[1] === "Closure: within clock (%)")).toBe(false);
    expect(find("Outcomes", "Disclosure rate (% of decided cases)", "2025-01-01 to 2025-02-28")).toBe(33.3);
    expect(find("Today", "Open cases", "2026-11-23")).toBe(4);
  });

  it("only ever puts numbers or null in the value column", () => {
    expect(rows.slice(1).every((r) => r[3] === null || typeof r[3] === "number")).toBe(true);
  });

  it("escapes an outcome label that looks like a formula when written", () => {
    const csv = toCsv(rows);
    expect(csv).toContain("Outcomes,'=HYPERLINK(1),2025-01-01 to 2025-02-28,1\r\n");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
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
