import type { HTMLAttributes } from "react";
import { FieldHeading, type TextFieldProps } from "./field-heading";
import { cx, describedBy, hasContent } from "./utils";

export interface InputProps extends TextFieldProps {
  type?: "text" | "email" | "tel" | "url" | "search" | "password";
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  spellCheck?: boolean;
  /** Extra classes for the `<input>`, for example "govuk-input--width-10". */
  className?: string;
  prefix?: string;
  suffix?: string;
}

export function Input({
  id,
  name,
  label,
  labelIsPageHeading,
  hint,
  error,
  defaultValue,
  type = "text",
  autoComplete,
  inputMode,
  spellCheck,
  className,
  prefix,
  suffix,
}: InputProps) {
  const hasHint = hasContent(hint);
  const hasError = hasContent(error);
  const input = (
    <input
      className={cx("govuk-input", className, hasError && "govuk-input--error")}
      id={id}
      name={name}
      type={type}
      defaultValue={defaultValue}
      spellCheck={spellCheck}
      aria-describedby={describedBy(hasHint && `${id}-hint`, hasError && `${id}-error`)}
      autoComplete={autoComplete}
      inputMode={inputMode}
    />
  );
  return (
    <div className={cx("govuk-form-group", hasError && "govuk-form-group--error")}>
      <FieldHeading id={id} label={label} labelIsPageHeading={labelIsPageHeading} hint={hint} error={error} />
      {prefix || suffix ? (
        <div className="govuk-input__wrapper">
          {prefix && (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          )}
          {input}
          {suffix && (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          )}
        </div>
      ) : (
        input
      )}
    </div>
  );
}
