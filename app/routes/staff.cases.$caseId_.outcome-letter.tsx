// The outcome letter to the applicant, to print and post, only where they said a letter is a safe
// way to reach them and the scheme allows them to be told (app/domain/printing.ts). The words are
// the force's controlled wording. Reading it is a consultation of the case (s.62).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink, InsetText } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { PrintableDocument } from "~/components/printable";
import { outcomeLetter } from "~/domain/printing";
import { CASEWORKERS } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { loadCaseForStaff } from "~/services/case-view.server";
import { getConfig } from "~/services/config.server";
import { getSetting } from "~/services/settings.server";
import { requireStaff } from "~/services/guard.server";
import { caseIdOf } from "./__case-form.server";

export const meta: MetaFunction = () => staffPageTitle("Outcome letter to the applicant");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const view = loadCaseForStaff(caseIdOf(params), user, context.requestId, "outcome letter viewed for printing");
  if (!view) throw new Response("Not found", { status: 404 });
  // The force's own controlled wording (settings), the same words the delivery page records as said.
  const result = outcomeLetter({ ...view, forceName: getConfig().forceName, today: now(), wording: { applicant: getSetting("messages.applicantOutcome") } });
  return { id: view.id, ...result };
}

export default function OutcomeLetterPage() {
  const data = useLoaderData<typeof loader>();
  if (!data.ok) {
    return (
      <>
        <BackLink href={`/staff/cases/${data.id}`}>Back to the case</BackLink>
        <h1 className="govuk-heading-l">Outcome letter to the applicant</h1>
        <InsetText>{data.reason}</InsetText>
      </>
    );
  }
  const l = data.letter;
  return (
    <PrintableDocument backHref={`/staff/cases/${data.id}`} marked={false}>
      <h1 className="govuk-heading-l app-print-hide">Outcome letter to the applicant</h1>
      <div className="app-letter">
        <p className="govuk-body app-letter__from">
          <strong>{l.forceName}</strong>
          <br />
          Public protection
        </p>
        <address className="govuk-body app-letter__to">
          {[l.name, ...l.addressLines].map((line, i) => (
            <span key={i} className="app-letter__line">{line}</span>
          ))}
        </address>
        <p className="govuk-body">{l.date}</p>
        <p className="govuk-body">Our reference: {l.reference}</p>
        <p className="govuk-body">Dear {l.name},</p>
        {l.paragraphs.map((p) => (
          <p key={p} className="govuk-body">{p}</p>
        ))}
        <p className="govuk-body">Yours sincerely,</p>
        <p className="govuk-body app-letter__signature">Public protection unit, {l.forceName}</p>
      </div>
    </PrintableDocument>
  );
}
