// Staff forms: GOV.UK error summary, the per-session form token, and a submit button.
import { Form, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { CSRF_FIELD } from "~/domain/staff-schemas";
import type { loader as staffLoader } from "~/routes/staff";
import { Button, ErrorSummary } from "./govuk";

export function useStaff() {
  return useRouteLoaderData<typeof staffLoader>("routes/staff")?.staff ?? null;
}

/** The hidden form token every staff POST must carry. */
export function CsrfInput() {
  const staff = useStaff();
  return <input type="hidden" name={CSRF_FIELD} value={staff?.csrfToken ?? ""} />;
}

export function StaffForm({
  errors = [],
  children,
  submitText,
  action,
  secondary = false,
  warning = false,
  className,
  draftButton,
  reloadDocument = false,
}: {
  errors?: Array<{ text: string | undefined; href: string }>;
  children?: ReactNode;
  submitText: string;
  action?: string;
  secondary?: boolean;
  /** A red button, for an action that is hard to undo (GOV.UK warning button). */
  warning?: boolean;
  className?: string;
  /** A secondary button that keeps what was typed as a draft instead of sending it. */
  draftButton?: { text: string; name: string; value: string };
  /** Post as a plain browser form even with JavaScript (a response that must be a whole new page). */
  reloadDocument?: boolean;
}) {
  const shown = errors.filter((e): e is { text: string; href: string } => Boolean(e.text));
  return (
    <>
      <ErrorSummary key={shown.map((e) => e.text).join("|")} errors={shown} />
      <Form method="post" action={action} noValidate className={className} reloadDocument={reloadDocument}>
        <CsrfInput />
        {children}
        {draftButton ? (
          <div className="govuk-button-group">
            <Button preventDoubleClick variant={warning ? "warning" : secondary ? "secondary" : undefined}>
              {submitText}
            </Button>
            <Button variant="secondary" name={draftButton.name} value={draftButton.value}>
              {draftButton.text}
            </Button>
          </div>
        ) : (
          <Button preventDoubleClick variant={warning ? "warning" : secondary ? "secondary" : undefined}>
            {submitText}
          </Button>
        )}
      </Form>
    </>
  );
}
