import type { HTMLAttributes, ReactNode, RefObject } from "react";
import { FieldHeading, type TextFieldProps } from "./field-heading";
import { cx, describedBy, hasContent } from "./utils";

export interface TextareaProps extends TextFieldProps {
  rows?: number;
}

export function Textarea(props: TextareaProps) {
  return <TextareaField {...props} />;
}

/** Extra hooks the character count needs around the same markup. */
interface TextareaFieldProps extends TextareaProps {
  groupRef?: RefObject<HTMLDivElement>;
  groupClassName?: string;
  groupData?: Record<`data-${string}`, string>;
  textareaClassName?: string;
  /** Described-by id placed before the hint and error ids. */
  describedByFirst?: string;
  afterTextarea?: ReactNode;
}

/** @internal Shared by Textarea and CharacterCount. */
export function TextareaField({
  id,
  name,
  label,
  labelIsPageHeading,
  hint,
  error,
  defaultValue,
  rows = 5,
  autoComplete,
  groupRef,
  groupClassName,
  groupData,
  textareaClassName,
  describedByFirst,
  afterTextarea,
}: TextareaFieldProps) {
  const hasHint = hasContent(hint);
  const hasError = hasContent(error);
  const groupAttributes: HTMLAttributes<HTMLDivElement> = { ...groupData };
  return (
    <div
      ref={groupRef}
      className={cx("govuk-form-group", hasError && "govuk-form-group--error", groupClassName)}
      {...groupAttributes}
    >
      <FieldHeading id={id} label={label} labelIsPageHeading={labelIsPageHeading} hint={hint} error={error} />
      <textarea
        className={cx("govuk-textarea", hasError && "govuk-textarea--error", textareaClassName)}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(
          describedByFirst,
          hasHint && `${id}-hint`,
          hasError && `${id}-error`,
        )}
        autoComplete={autoComplete}
      />
      {afterTextarea}
    </div>
  );
}
