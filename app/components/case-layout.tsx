// The frame of every case page, after the MOJ Pattern Library: an identity bar (reference, children,
// subject, stage, next clock) and a sub-navigation through the case's sections.
import { CASE_SECTIONS, type CaseBar, type CaseSection, type Evidence } from "~/domain/case-identity";
import { PROTECTIVE_MARKING } from "~/domain/printing";
import { SummaryList, Tag } from "./govuk";

const CLOCK_TAG: Record<string, { text: string; colour?: "red" | "yellow" }> = {
  overdue: { text: "Overdue", colour: "red" },
  due_soon: { text: "Due soon", colour: "yellow" },
};

export function CaseIdentityBar({ bar }: { bar: CaseBar }) {
  const clock = bar.nextDue ? CLOCK_TAG[bar.nextDue.state] : undefined;
  return (
    <section className="app-identity-bar" aria-label={`Case ${bar.reference}`}>
      {/* On paper only: the case record carries its protective marking. */}
      <p className="app-protective-marking app-print-only">{PROTECTIVE_MARKING}</p>
      <p className="app-identity-bar__title">
        <span className="govuk-!-font-weight-bold">Case {bar.reference}</span>{" "}
        <Tag colour={bar.closed ? "grey" : undefined}>{bar.stage}</Tag>
        {bar.urgent ? (
          <>
            {" "}
            <Tag colour="red">Urgent</Tag>
          </>
        ) : null}
      </p>
      <ul className="app-identity-bar__details">
        <li>
          <span className="app-identity-bar__label">{bar.children.length === 1 ? "Child" : "Children"}:</span>{" "}
          {bar.children.length > 0 ? bar.children.join(", ") : "None recorded"}
        </li>
        <li>
          <span className="app-identity-bar__label">Subject:</span> {bar.subject ?? "None recorded"}
        </li>
        <li>
          <span className="app-identity-bar__label">Next clock:</span>{" "}
          {bar.nextDue ? (
            <>
              {clock ? <Tag colour={clock.colour}>{clock.text}</Tag> : null} {bar.nextDue.text}
            </>
          ) : bar.closed ? (
            "Closed"
          ) : (
            "Every clock met"
          )}
        </li>
        <li>
          <span className="app-identity-bar__label">Assigned to:</span> {bar.assignee ?? "Nobody"}
        </li>
      </ul>
    </section>
  );
}

/** Links to the case page's sections; `current` is the one this page is, or belongs to. */
export function CaseSubNavigation({ caseId, current }: { caseId: number; current?: CaseSection }) {
  return (
    <nav className="app-sub-navigation govuk-!-display-none-print" aria-label="Case sections">
      <ul className="app-sub-navigation__list">
        {(Object.keys(CASE_SECTIONS) as CaseSection[]).map((section) => (
          <li key={section} className="app-sub-navigation__item">
            <a
              className="app-sub-navigation__link"
              href={section === "summary" ? `/staff/cases/${caseId}` : `/staff/cases/${caseId}#${section}`}
              aria-current={section === current ? "page" : undefined}
            >
              {CASE_SECTIONS[section]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The evidence a stage form is filled in beside. */
export function CaseEvidence({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <aside className="app-evidence" aria-label="What you need for this form">
      <h2 className="govuk-heading-m">What you need for this form</h2>
      {evidence.map((e) => (
        <SummaryList
          key={e.title}
          card={{ title: e.title }}
          rows={e.rows.map((r) => ({ key: r.key, value: <span className="app-preserve-lines">{r.value}</span> }))}
        />
      ))}
    </aside>
  );
}
