// The frame of every form on a case: a back link, the case's identity bar and sections, and either
// the form (beside the evidence it needs) or the reason it cannot be used now.
import type { ReactNode } from "react";
import type { CaseBar, CaseSection, Evidence } from "~/domain/case-identity";
import { CaseEvidence, CaseIdentityBar, CaseSubNavigation } from "./case-layout";
import { BackLink, InsetText, Tag } from "./govuk";
import { NoticeBanner } from "./notice-banner";
import { StaffForm } from "./staff-form";

/** The draft button's name and value (the action in routes/__case-form.server.ts reads them). */
export const DRAFT_INTENT = "intent";
export const SAVE_DRAFT = "save-draft";

export type CaseHeader = {
  id: number;
  reference: string;
  stage: string;
  urgent: boolean;
  /** The identity bar; absent on pages that have not loaded it. */
  bar?: CaseBar;
  section?: CaseSection | null;
  evidence?: Evidence[];
  /** A success message from the form just saved (e.g. "Check recorded"). */
  notice?: string | null;
};

export function CaseFormPage({
  caseHeader,
  blocked,
  title,
  errors,
  formError,
  submitText,
  children,
  before,
  draft,
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
  /**
   * For a long form that can be kept as a draft: `null` when there is none yet, or when the
   * person's draft was saved (it fills the form; the page says so).
   */
  draft?: { savedAt: string } | null;
}) {
  return (
    <>
      <BackLink href={`/staff/cases/${caseHeader.id}`}>Back to case {caseHeader.reference}</BackLink>
      <NoticeBanner notice={caseHeader.notice} />
      {caseHeader.bar ? (
        <>
          <CaseIdentityBar bar={caseHeader.bar} />
          <CaseSubNavigation caseId={caseHeader.id} current={caseHeader.section ?? undefined} />
        </>
      ) : (
        <span className="govuk-caption-l">
          Case {caseHeader.reference} · {caseHeader.stage} {caseHeader.urgent ? <Tag colour="red">Urgent</Tag> : null}
        </span>
      )}
      <h1 className="govuk-heading-l">{title}</h1>
      {before}
      {blocked ? (
        <InsetText>{blocked}.</InsetText>
      ) : (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {draft ? <InsetText>This form is filled in from the draft you saved on {draft.savedAt}. Only you can see it.</InsetText> : null}
            <StaffForm
              submitText={submitText}
              errors={[{ text: formError, href: "#main-content" }, ...errors]}
              draftButton={draft === undefined ? undefined : { text: "Save as draft", name: DRAFT_INTENT, value: SAVE_DRAFT }}
            >
              {children}
            </StaffForm>
          </div>
          {caseHeader.evidence && caseHeader.evidence.length > 0 ? (
            <div className="govuk-grid-column-one-third">
              <CaseEvidence evidence={caseHeader.evidence} />
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
