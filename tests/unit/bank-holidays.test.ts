import { describe, expect, it } from "vitest";
import { bankHolidayForm, NO_LATEST_DATE } from "~/domain/bank-holidays";

const check = (day: string, month: string, year: string, name = "Coronation Day") =>
  bankHolidayForm.schema(NO_LATEST_DATE).safeParse({ dateDay: day, dateMonth: month, dateYear: year, name });
const errorsOf = (result: ReturnType<typeof check>) =>
  result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));

describe("bankHolidayForm", () => {
  it("takes a date in the future (no 'must be in the past' rule) and a name", () => {
    const result = check("25", "12", "2099");
    expect(result.success).toBe(true);
  });

  it("refuses a real date outside 2000 to 2100, highlighting the whole date", () => {
    expect(errorsOf(check("1", "1", "1990"))).toEqual({
      date: "The date of the bank holiday must be between 2000 and 2100",
      dateDay: "The date of the bank holiday must be between 2000 and 2100",
      dateMonth: "The date of the bank holiday must be between 2000 and 2100",
      dateYear: "The date of the bank holiday must be between 2000 and 2100",
    });
  });

  it("gives a wrong date one message (not also the years), and a missing name its own", () => {
    const errors = errorsOf(check("32", "1", "1990", ""));
    expect(errors.date).toBe("The date of the bank holiday must be a real date");
    expect(errors.dateDay).toBe("The date of the bank holiday must be a real date");
    expect(errors.dateMonth).toBeUndefined();
    expect(errors.name).toBe("Enter the name of the bank holiday");
  });
});
