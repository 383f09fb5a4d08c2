import { Fragment, type ReactNode, type RefObject } from "react";
import { type LegendSize } from "./fieldset";
import { FieldsetQuestion } from "./fieldset-question";
import { Hint } from "./hint";
import { Label } from "./label";
import { cx, hasContent } from "./utils";

export interface ChoiceOption {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  /** Revealed when this option is selected (progressive disclosure). */
  conditional?: ReactNode;
}

export interface ChoiceDivider {
  divider: string;
}

export interface ChoiceGroupProps<Option extends ChoiceOption> {
  name: string;
  idPrefix?: string;
  legend: ReactNode;
  legendIsPageHeading?: boolean;
  legendSize?: LegendSize;
  hint?: ReactNode;
  error?: ReactNode;
  items: Array<Option | ChoiceDivider>;
}

interface ChoicesProps<Option extends ChoiceOption> extends ChoiceGroupProps<Option> {
  kind: "radios" | "checkboxes";
  moduleRef: RefObject<HTMLDivElement>;
  modifiers?: string;
  isChecked: (value: string) => boolean;
  isExclusive?: (option: Option) => boolean;
}

/** @internal Shared markup of Radios and Checkboxes (they differ only by prefix). */
export function Choices<Option extends ChoiceOption>({
  kind,
  moduleRef,
  modifiers,
  isChecked,
  isExclusive,
  name,
  idPrefix = name,
  legend,
  legendIsPageHeading,
  legendSize,
  hint,
  error,
  items,
}: ChoicesProps<Option>) {
  return (
    <FieldsetQuestion idPrefix={idPrefix} legend={legend} legendIsPageHeading={legendIsPageHeading} legendSize={legendSize} hint={hint} error={error}>
        <div ref={moduleRef} className={cx(`govuk-${kind}`, modifiers)} data-module={`govuk-${kind}`}>
          {items.map((item, index) => {
            // The first id has no suffix so an error summary can link to `#${idPrefix}`.
            // Dividers count towards the suffix, as in the Nunjucks macro.
            const id = index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
            if ("divider" in item) {
              return (
                <div key={id} className={`govuk-${kind}__divider`}>
                  {item.divider}
                </div>
              );
            }
            const checked = isChecked(item.value);
            const hasItemHint = hasContent(item.hint);
            const hasConditional = hasContent(item.conditional);
            return (
              <Fragment key={id}>
                <div className={`govuk-${kind}__item`}>
                  <input
                    className={`govuk-${kind}__input`}
                    id={id}
                    name={name}
                    type={kind === "radios" ? "radio" : "checkbox"}
                    value={item.value}
                    defaultChecked={checked}
                    data-aria-controls={hasConditional ? `conditional-${id}` : undefined}
                    data-behaviour={isExclusive?.(item) ? "exclusive" : undefined}
                    aria-describedby={hasItemHint ? `${id}-item-hint` : undefined}
                  />
                  <Label htmlFor={id} className={`govuk-${kind}__label`}>
                    {item.text}
                  </Label>
                  {hasItemHint && (
                    <Hint id={`${id}-item-hint`} className={`govuk-${kind}__hint`}>
                      {item.hint}
                    </Hint>
                  )}
                </div>
                {hasConditional && (
                  <div
                    className={cx(
                      `govuk-${kind}__conditional`,
                      !checked && `govuk-${kind}__conditional--hidden`,
                    )}
                    id={`conditional-${id}`}
                  >
                    {item.conditional}
                  </div>
                )}
              </Fragment>
            );
          })}
        </div>
    </FieldsetQuestion>
  );
}

