import { useRef } from "react";
import { Hint } from "./hint";
import { TextareaField, type TextareaProps } from "./textarea";
import { useGovukModule } from "./use-govuk-module";

export interface CharacterCountProps extends TextareaProps {
  maxLength: number;
}

/**
 * Textarea with the GOV.UK live character count. Deliberately no `maxlength`
 * attribute: the browser would silently truncate pasted text, so the limit is
 * enforced by server-side validation instead.
 */
export function CharacterCount({ maxLength, ...textarea }: CharacterCountProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "CharacterCount");
  const infoId = `${textarea.id}-info`;
  return (
    <TextareaField
      {...textarea}
      groupRef={ref}
      groupClassName="govuk-character-count"
      groupData={{ "data-module": "govuk-character-count", "data-maxlength": String(maxLength) }}
      textareaClassName="govuk-js-character-count"
      describedByFirst={infoId}
      afterTextarea={
        // Fallback shown without JavaScript; the script replaces it with a live count.
        <Hint id={infoId} className="govuk-character-count__message">
          You can enter up to {maxLength} characters
        </Hint>
      }
    />
  );
}
