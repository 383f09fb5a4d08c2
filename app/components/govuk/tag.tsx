import type { ReactNode } from "react";
import { cx } from "./utils";

/** Tag colours available in govuk-frontend v6 (blue is the default). */
export type TagColour =
  | "grey"
  | "green"
  | "turquoise"
  | "teal"
  | "magenta"
  | "purple"
  | "pink"
  | "red"
  | "orange"
  | "yellow";

export interface TagProps {
  children: ReactNode;
  colour?: TagColour;
}

export function Tag({ children, colour }: TagProps) {
  return <strong className={cx("govuk-tag", colour && `govuk-tag--${colour}`)}>{children}</strong>;
}
