import { useRef } from "react";
import { Choices, type ChoiceGroupProps, type ChoiceOption } from "./choices";
import { cx } from "./utils";
import { useGovukModule } from "./use-govuk-module";

export type RadioItem = ChoiceOption;

export interface RadiosProps extends ChoiceGroupProps<RadioItem> {
  /** Value of the pre-selected option. */
  defaultValue?: string;
  /** Side-by-side layout, for two short options such as Yes / No. */
  inline?: boolean;
  small?: boolean;
}

export function Radios({ defaultValue, inline, small, ...group }: RadiosProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "Radios");
  return (
    <Choices
      {...group}
      kind="radios"
      moduleRef={ref}
      modifiers={cx(inline && "govuk-radios--inline", small && "govuk-radios--small")}
      isChecked={(value) => value === defaultValue}
    />
  );
}
