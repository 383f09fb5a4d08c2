// A page made to be printed (public/print.css): the protective marking at the top and the
// bottom, a Back link and a Print button that stay off the paper. The button needs JavaScript;
// without it the page says to use the browser's own print command.
import { useEffect, useState, type ReactNode } from "react";
import { PROTECTIVE_MARKING } from "~/domain/printing";
import { BackLink } from "./govuk";

export function ProtectiveMarking() {
  return <p className="app-protective-marking">{PROTECTIVE_MARKING}</p>;
}

/** "Print this page": a button once scripts run, else how to print with the browser. */
export function PrintButton({ text = "Print this page" }: { text?: string }) {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <div className="app-print-hide">
      {scripted ? (
        <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => window.print()}>
          {text}
        </button>
      ) : (
        <p className="govuk-body">To print this page, use your browser&apos;s print command (for example Ctrl and P).</p>
      )}
    </div>
  );
}

/** `marked`: internal records carry the protective marking; a letter to the public does not. */
export function PrintableDocument({ backHref, marked = true, children }: { backHref: string; marked?: boolean; children: ReactNode }) {
  return (
    <>
      <div className="app-print-hide">
        <BackLink href={backHref}>Back to the case</BackLink>
      </div>
      <PrintButton />
      <article className="app-printable">
        {marked ? <ProtectiveMarking /> : null}
        {children}
        {marked ? <ProtectiveMarking /> : null}
      </article>
    </>
  );
}

/** Lines to sign on: one per label, with room to write. */
export function SignatureLines({ title, lines }: { title: string; lines: string[] }) {
  return (
    <section className="app-signature-block" aria-label={title}>
      <h3 className="govuk-heading-s">{title}</h3>
      <dl className="app-signature-lines">
        {lines.map((label) => (
          <div key={label} className="app-signature-line">
            <dt className="app-signature-line__label">{label}</dt>
            <dd className="app-signature-line__space" />
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The case page's print links: the case record itself, and the documents the case has now. */
export function CasePrintLinks({ caseId, disclosureRecord, outcomeLetter }: { caseId: number; disclosureRecord: boolean; outcomeLetter: boolean }) {
  return (
    <section className="app-print-hide govuk-!-margin-bottom-6" aria-labelledby="print-heading">
      <h2 className="govuk-heading-s" id="print-heading">Print</h2>
      <PrintButton text="Print the case record" />
      {disclosureRecord || outcomeLetter ? (
        <ul className="govuk-list">
          {disclosureRecord ? (
            <li><a className="govuk-link" href={`/staff/cases/${caseId}/disclosure-record`}>Disclosure record and confidentiality undertaking</a></li>
          ) : null}
          {outcomeLetter ? (
            <li><a className="govuk-link" href={`/staff/cases/${caseId}/outcome-letter`}>Outcome letter to the applicant</a></li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
