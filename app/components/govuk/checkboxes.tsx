import { useRef } from "react";
import { Choices, type ChoiceGroupProps, type ChoiceOption } from "./choices";
import { useGovukModule } from "./use-govuk-module";

export interface CheckboxItem extends ChoiceOption {
  /** A "None of these" option that unticks every other box (and vice versa). */
  exclusive?: boolean;
}

export interface CheckboxesProps extends ChoiceGroupProps<CheckboxItem> {
  /** Values of the pre-ticked options. */
  defaultValue?: string[];
  small?: boolean;
}

export function Checkboxes({ defaultValue = [], small, ...group }: CheckboxesProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "Checkboxes");
  return (
    <Choices
      {...group}
      kind="checkboxes"
      moduleRef={ref}
      modifiers={small ? "govuk-checkboxes--small" : undefined}
      isChecked={(value) => defaultValue.includes(value)}
      isExclusive={(item) => item.exclusive === true}
    />
  );
}
