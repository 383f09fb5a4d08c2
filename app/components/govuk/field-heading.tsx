import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";
import { Label } from "./label";
import { hasContent } from "./utils";

/** The label, hint and error message above a text input or textarea, with GOV.UK's ids. */
export function FieldHeading({
  id,
  label,
  labelIsPageHeading,
  hint,
  error,
}: {
  id: string;
  label: ReactNode;
  labelIsPageHeading?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
}) {
  return (
    <>
      <Label htmlFor={id} isPageHeading={labelIsPageHeading} className={labelIsPageHeading ? "govuk-label--l" : undefined}>
        {label}
      </Label>
      {hasContent(hint) && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {hasContent(error) && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
    </>
  );
}
