import type { ReactNode } from "react";
import { hasContent } from "./utils";

export interface PanelProps {
  title: ReactNode;
  children?: ReactNode;
}

/** Confirmation panel; its title is the page's `<h1>`. */
export function Panel({ title, children }: PanelProps) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {hasContent(children) && <div className="govuk-panel__body">{children}</div>}
    </div>
  );
}
