import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";
import { Label } from "./label";
import { cx, hasContent } from "./utils";

/** What a text input and a textarea both take: the field, its heading and what it holds. */
export interface TextFieldProps {
  id: string;
  name: string;
  label: ReactNode;
  /** Renders the label inside `<h1>` at size "l". */
  labelIsPageHeading?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
  defaultValue?: string;
  autoComplete?: string;
}

/** The label, hint and error message above a text input or textarea, with GOV.UK's ids. */
export function FieldHeading({
  id,
  label,
  labelIsPageHeading,
  labelClassName,
  hint,
  error,
}: Pick<TextFieldProps, "id" | "label" | "labelIsPageHeading" | "hint" | "error"> & {
  /** Extra classes for the label, for example "govuk-label--s". */
  labelClassName?: string;
}) {
  return (
    <>
      <Label htmlFor={id} isPageHeading={labelIsPageHeading} className={cx(labelIsPageHeading && "govuk-label--l", labelClassName) || undefined}>
        {label}
      </Label>
      {hasContent(hint) && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {hasContent(error) && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
    </>
  );
}
