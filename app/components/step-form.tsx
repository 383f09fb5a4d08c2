// What every question page shares: the form element, the error summary, the honeypot and
// the Continue button. Validation happens on the server only (GOV.UK: validate on submit).
import { Form, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { changedRow, checkAnswersPath } from "~/domain/application";
import { parseDateParts, type DatePart } from "~/domain/dates";
import { BackLink, Button, ErrorSummary, WarningText } from "./govuk";

/** Which inputs of a date to highlight, worked out again from the answer itself (`latest`: the latest date allowed). */
export function datePartsInError(
  parts: { day?: string; month?: string; year?: string },
  label: string,
  latest: Date,
): DatePart[] {
  const result = parseDateParts(parts, label, latest);
  return result.ok ? [] : result.parts;
}

export const HONEYPOT_FIELD = "contact_me_by_fax";

/** A field people never see or reach; bots fill it in, and the server refuses their post. */
export function Honeypot() {
  return (
    <div className="app-honeypot" aria-hidden="true">
      <label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
      <input type="text" id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" />
    </div>
  );
}

export function StepForm({
  errors,
  children,
  backHref,
  submitText = "Continue",
  urgent = false,
}: {
  /** Field errors in page order, each linking to the input it is about. */
  errors: Array<{ text: string | undefined; href: string }>;
  children: ReactNode;
  backHref?: string;
  submitText?: string;
  urgent?: boolean;
}) {
  const shown = errors.filter((e): e is { text: string; href: string } => Boolean(e.text));
  // Opened from a Change link: Back returns to check answers at the row being changed.
  const changing = changedRow(useLocation().search);
  const back = changing ? checkAnswersPath(changing) : backHref;
  return (
    <>
      {back ? <BackLink href={back} /> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {/* A new key per result re-mounts the summary so it takes focus again. */}
          <ErrorSummary key={shown.map((e) => e.text).join("|")} errors={shown} />
          {urgent ? (
            <WarningText>If a child is in danger now, call 999. You can carry on with this form afterwards.</WarningText>
          ) : null}
          <Form method="post" noValidate>
            {children}
            <Honeypot />
            <Button preventDoubleClick>
              {submitText}
            </Button>
          </Form>
        </div>
      </div>
    </>
  );
}
