// The frame of every form on a case: the case reference and stage, a back link, and either the
// form or the reason it cannot be used now.
import type { ReactNode } from "react";
import { BackLink, InsetText, Tag } from "./govuk";
import { StaffForm } from "./staff-form";

export type CaseHeader = { id: number; reference: string; stage: string; urgent: boolean };

export function CaseFormPage({
  caseHeader,
  blocked,
  title,
  errors,
  formError,
  submitText,
  children,
  before,
}: {
  caseHeader: CaseHeader;
  blocked: string | null;
  title: string;
  errors: Array<{ text: string | undefined; href: string }>;
  /** An error about the whole form (e.g. from the state machine). */
  formError?: string;
  submitText: string;
  children: ReactNode;
  /** Case information shown above the form (e.g. the assessment a manager decides on). */
  before?: ReactNode;
}) {
  return (
    <>
      <BackLink href={`/staff/cases/${caseHeader.id}`}>Back to case {caseHeader.reference}</BackLink>
      <span className="govuk-caption-l">
        Case {caseHeader.reference} · {caseHeader.stage} {caseHeader.urgent ? <Tag colour="red">Urgent</Tag> : null}
      </span>
      <h1 className="govuk-heading-l">{title}</h1>
      {before}
      {blocked ? (
        <InsetText>{blocked}.</InsetText>
      ) : (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <StaffForm submitText={submitText} errors={[{ text: formError, href: "#main-content" }, ...errors]}>
              {children}
            </StaffForm>
          </div>
        </div>
      )}
    </>
  );
}
