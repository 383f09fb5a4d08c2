// The bank holiday an admin adds at /staff/admin/bank-holidays: its questions and limits, once.
import { parseDateParts } from "./dates";
import { datePartsOf, defineForm } from "./form-spec";

export const BANK_HOLIDAY_NAME_MAX = 100;
/** Years an admin may add a holiday for. */
export const BANK_HOLIDAY_YEARS = { min: 2000, max: 2100 } as const;

const DATE_LABEL = "The date of the bank holiday";

/**
 * Bank holidays are in the future as often as the past: pass this to `bankHolidayForm.schema` as
 * the latest date allowed, so there is no "must be in the past" rule.
 */
export const NO_LATEST_DATE = new Date(Date.UTC(9999, 11, 31));

export const bankHolidayForm = defineForm(
  {
    date: { kind: "date", label: "Date", hint: "For example, 24 12 2027", errorLabel: DATE_LABEL },
    name: {
      kind: "text",
      label: "Name",
      hint: "As GOV.UK names it, for example Christmas Day",
      max: BANK_HOLIDAY_NAME_MAX,
      required: "Enter the name of the bank holiday",
      noun: "The name",
    },
  },
  (values, ctx) => {
    // Only a real date is checked against the years (a wrong one already has its message).
    const date = parseDateParts(datePartsOf(values, "date"), DATE_LABEL, NO_LATEST_DATE);
    if (!date.ok) return;
    const year = Number(date.iso.slice(0, 4));
    if (year < BANK_HOLIDAY_YEARS.min || year > BANK_HOLIDAY_YEARS.max) {
      ctx.issue("date", `${DATE_LABEL} must be between ${BANK_HOLIDAY_YEARS.min} and ${BANK_HOLIDAY_YEARS.max}`);
    }
  },
);
