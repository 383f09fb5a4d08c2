import type { ReactNode } from "react";
import { cx } from "./utils";

export interface HintProps {
  id?: string;
  children: ReactNode;
  className?: string;
}

export function Hint({ id, children, className }: HintProps) {
  return (
    <div id={id} className={cx("govuk-hint", className)}>
      {children}
    </div>
  );
}
