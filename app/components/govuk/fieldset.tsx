import type { ReactNode } from "react";
import { cx } from "./utils";

export type LegendSize = "xl" | "l" | "m" | "s";

export interface FieldsetProps {
  legend: ReactNode;
  /** Wraps the legend text in `<h1>`; the legend defaults to size "l". */
  legendIsPageHeading?: boolean;
  legendSize?: LegendSize;
  describedBy?: string;
  /** "group" for text inputs (date input), so JAWS reads the description. */
  role?: "group";
  children?: ReactNode;
}

export function Fieldset({
  legend,
  legendIsPageHeading,
  legendSize,
  describedBy,
  role,
  children,
}: FieldsetProps) {
  const size = legendSize ?? (legendIsPageHeading ? "l" : undefined);
  return (
    <fieldset className="govuk-fieldset" role={role} aria-describedby={describedBy}>
      <legend className={cx("govuk-fieldset__legend", size && `govuk-fieldset__legend--${size}`)}>
        {legendIsPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  );
}
