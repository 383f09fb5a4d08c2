import type { ReactNode } from "react";
import { FieldHeading } from "./field-heading";
import { cx, describedBy, hasContent } from "./utils";

export interface SelectItem {
  value: string;
  text: string;
  disabled?: boolean;
}

export interface SelectProps {
  id: string;
  name: string;
  label: ReactNode;
  /** Renders the label inside `<h1>` at size "l". */
  labelIsPageHeading?: boolean;
  /** Extra classes for the label, for example "govuk-label--s". */
  labelClassName?: string;
  hint?: ReactNode;
  error?: ReactNode;
  items: SelectItem[];
  /** The value of the option selected at first. */
  defaultValue?: string;
  /** Extra classes for the `<select>`, for example "govuk-!-width-full". */
  className?: string;
  /** Extra classes for the form group, for example a margin override. */
  formGroupClassName?: string;
}

/** GOV.UK select. Prefer radios for a short list: GOV.UK advises selects only where radios do not fit. */
export function Select({ id, name, label, labelIsPageHeading, labelClassName, hint, error, items, defaultValue, className, formGroupClassName }: SelectProps) {
  const hasHint = hasContent(hint);
  const hasError = hasContent(error);
  return (
    <div className={cx("govuk-form-group", hasError && "govuk-form-group--error", formGroupClassName)}>
      <FieldHeading id={id} label={label} labelIsPageHeading={labelIsPageHeading} labelClassName={labelClassName} hint={hint} error={error} />
      <select
        className={cx("govuk-select", className, hasError && "govuk-select--error")}
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy(hasHint && `${id}-hint`, hasError && `${id}-error`)}
      >
        {items.map((item) => (
          <option key={item.value} value={item.value} disabled={item.disabled}>
            {item.text}
          </option>
        ))}
      </select>
    </div>
  );
}
