import type { ReactNode } from "react";
import { type LegendSize } from "./fieldset";
import { FieldsetQuestion } from "./fieldset-question";
import { cx, hasContent } from "./utils";

export type DatePart = "day" | "month" | "year";

const PARTS: ReadonlyArray<{ part: DatePart; label: string; width: number }> = [
  { part: "day", label: "Day", width: 2 },
  { part: "month", label: "Month", width: 2 },
  { part: "year", label: "Year", width: 4 },
];

export interface DateInputProps {
  /** Inputs get `${idPrefix}-day` etc.; link error summaries to `#${idPrefix}-day`. */
  idPrefix: string;
  legend: ReactNode;
  legendIsPageHeading?: boolean;
  legendSize?: LegendSize;
  hint?: ReactNode;
  error?: ReactNode;
  names: Record<DatePart, string>;
  values?: Partial<Record<DatePart, string>>;
  /** Inputs to highlight when there is an error; defaults to all three. */
  errorParts?: DatePart[];
  /** "bday" adds bday-day / bday-month / bday-year autofill hints. */
  autoComplete?: "bday";
}

export function DateInput({
  idPrefix,
  legend,
  legendIsPageHeading,
  legendSize,
  hint,
  error,
  names,
  values,
  errorParts,
  autoComplete,
}: DateInputProps) {
  const highlighted = hasContent(error) ? (errorParts ?? PARTS.map(({ part }) => part)) : [];
  return (
    <FieldsetQuestion role="group" idPrefix={idPrefix} legend={legend} legendIsPageHeading={legendIsPageHeading} legendSize={legendSize} hint={hint} error={error}>
        <div className="govuk-date-input" id={idPrefix}>
          {PARTS.map(({ part, label, width }) => (
            <div key={part} className="govuk-date-input__item">
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${idPrefix}-${part}`}>
                  {label}
                </label>
                <input
                  className={cx(
                    "govuk-input govuk-date-input__input",
                    highlighted.includes(part) && "govuk-input--error",
                    `govuk-input--width-${width}`,
                  )}
                  id={`${idPrefix}-${part}`}
                  name={names[part]}
                  type="text"
                  defaultValue={values?.[part]}
                  autoComplete={autoComplete && `${autoComplete}-${part}`}
                  inputMode="numeric"
                />
              </div>
            </div>
          ))}
        </div>
    </FieldsetQuestion>
  );
}
