import { useRef } from "react";
import { useGovukModule } from "./use-govuk-module";

export interface ErrorSummaryProps {
  errors: Array<{ text: string; href: string }>;
  title?: string;
}

/**
 * The script moves focus to the summary when it initialises, so give this a
 * new `key` (for example the submission count) to re-focus after each submit.
 */
export function ErrorSummary({ errors, title = "There is a problem" }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "ErrorSummary");
  if (errors.length === 0) return null;
  return (
    <div ref={ref} className="govuk-error-summary" data-module="govuk-error-summary">
      {/* role="alert" sits on a child so focus and announcement do not race. */}
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${index}:${error.href}`}>
                <a href={error.href}>{error.text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
