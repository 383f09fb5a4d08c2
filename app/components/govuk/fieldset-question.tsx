import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message";
import { Fieldset, type FieldsetProps } from "./fieldset";
import { Hint } from "./hint";
import { cx, describedBy, hasContent } from "./utils";

export interface FieldsetQuestionProps extends Omit<FieldsetProps, "describedBy"> {
  /** The hint and error get `${idPrefix}-hint` and `${idPrefix}-error`. */
  idPrefix: string;
  hint?: ReactNode;
  error?: ReactNode;
}

/**
 * @internal A question asked with a fieldset (radios, checkboxes, a date): the form group, the
 * legend, and the hint and error message the fieldset is described by; the inputs are `children`.
 */
export function FieldsetQuestion({ idPrefix, hint, error, children, ...fieldset }: FieldsetQuestionProps) {
  const hasHint = hasContent(hint);
  const hasError = hasContent(error);
  return (
    <div className={cx("govuk-form-group", hasError && "govuk-form-group--error")}>
      <Fieldset {...fieldset} describedBy={describedBy(hasHint && `${idPrefix}-hint`, hasError && `${idPrefix}-error`)}>
        {hasHint && <Hint id={`${idPrefix}-hint`}>{hint}</Hint>}
        {hasError && <ErrorMessage id={`${idPrefix}-error`}>{error}</ErrorMessage>}
        {children}
      </Fieldset>
    </div>
  );
}
