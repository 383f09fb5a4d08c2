import type { ReactNode } from "react";

export interface DetailsProps {
  summary: ReactNode;
  children: ReactNode;
}

export function Details({ summary, children }: DetailsProps) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
