import type { MetaFunction } from "@remix-run/node";
import { WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => pageTitle("Your application has not been sent yet");

export default function TooManyPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your application has not been sent yet</h1>
        <p className="govuk-body">
          Too many applications have been sent from your internet connection in the last hour. This limit protects the
          service from misuse.
        </p>
        <p className="govuk-body">
          Your answers are saved for 24 hours. Wait an hour, then go back to{" "}
          <a className="govuk-link" href="/apply/check">check your answers</a> and send it again.
        </p>
        <p className="govuk-body">If you need to speak to someone now, call 101.</p>
        <WarningText>If a child is in danger now, call 999.</WarningText>
      </div>
    </div>
  );
}
