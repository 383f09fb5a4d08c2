import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => pageTitle("Accessibility statement");

export default function AccessibilityPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Accessibility statement</h1>
        <p className="govuk-body">
          This service is built with the GOV.UK Design System and aims to meet the Web Content Accessibility
          Guidelines (WCAG) 2.2 at level AA. It is tested automatically with axe on every page, and works with
          JavaScript turned off, with a keyboard and with screen readers.
        </p>
        <p className="govuk-body">
          If you have difficulty using this service, or need the form in another format or language, call 101 and
          ask for the public protection unit. If a child is in danger now, call 999.
        </p>
      </div>
    </div>
  );
}
