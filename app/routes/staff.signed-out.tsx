import type { MetaFunction } from "@remix-run/node";
import { Button } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => staffPageTitle("You have signed out");

export default function SignedOutPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You have signed out</h1>
        <p className="govuk-body">Your session has ended. Close the browser if you are using a shared computer.</p>
        <Button href="/staff/sign-in">Sign in again</Button>
      </div>
    </div>
  );
}
