import { describe, expect, it } from "vitest";
import { parseDateParts } from "~/domain/dates";
import { ageOn, formatIsoDate, toIsoDate } from "~/domain/time";

const today = new Date("2026-11-23T12:00:00Z");
const parse = (day: string, month: string, year: string) =>
  parseDateParts({ day, month, year }, "Your date of birth", today);

describe("parseDateParts", () => {
  it("accepts single digits and spaces", () => {
    expect(parse(" 7 ", " 3", "1985 ")).toEqual({ ok: true, iso: "1985-03-07" });
    expect(parse("0 7", "0 3", "19 85")).toEqual({ ok: true, iso: "1985-03-07" });
  });

  it("accepts month names and abbreviations", () => {
    expect(parse("7", "March", "1985")).toEqual({ ok: true, iso: "1985-03-07" });
    expect(parse("7", "sep", "1985")).toEqual({ ok: true, iso: "1985-09-07" });
  });

  it("asks for the date when nothing is entered", () => {
    expect(parse("", "", "")).toEqual({ ok: false, message: "Enter your date of birth", parts: ["day", "month", "year"] });
  });

  it("names the missing parts", () => {
    expect(parse("7", "", "1985")).toMatchObject({ ok: false, message: "Your date of birth must include a month", parts: ["month"] });
    expect(parse("", "", "1985")).toMatchObject({ message: "Your date of birth must include a day and month", parts: ["day", "month"] });
  });

  it("rejects impossible dates", () => {
    expect(parse("31", "2", "2020")).toMatchObject({ ok: false, message: "Your date of birth must be a real date" });
    expect(parse("29", "2", "2023")).toMatchObject({ ok: false });
    expect(parse("29", "2", "2024")).toEqual({ ok: true, iso: "2024-02-29" });
    expect(parse("12", "13", "2020")).toMatchObject({ ok: false, parts: ["month"] });
    expect(parse("x", "3", "2020")).toMatchObject({ ok: false, parts: ["day"] });
  });

  it("asks for a 4-digit year", () => {
    expect(parse("7", "3", "85")).toMatchObject({ ok: false, message: "Year must include 4 numbers", parts: ["year"] });
  });

  it("rejects dates in the future but allows today", () => {
    expect(parse("24", "11", "2026")).toMatchObject({ ok: false, message: "Your date of birth must be today or in the past" });
    expect(parse("23", "11", "2026")).toEqual({ ok: true, iso: "2026-11-23" });
  });

  it("rejects years before 1900", () => {
    expect(parse("1", "1", "1899")).toMatchObject({ ok: false, parts: ["year"] });
  });
});

describe("date helpers", () => {
  it("formats GOV.UK style", () => {
    expect(formatIsoDate("2014-03-07")).toBe("7 March 2014");
  });
  it("works out ages on the UK calendar date", () => {
    expect(ageOn("2010-11-23", today)).toBe(16);
    expect(ageOn("2010-11-24", today)).toBe(15);
    // 23:30 UTC on 31 March is already 1 April in London (BST).
    expect(toIsoDate(new Date("2026-03-31T23:30:00Z"))).toBe("2026-04-01");
  });
});
