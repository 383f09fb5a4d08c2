// The disclosure record to print and take to the meeting: what is disclosed, to whom, the warnings
// about onward disclosure, and the confidentiality undertaking with lines for the recipient and the
// officers to sign. Reading it is a consultation of the case (s.62), logged with the read.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink, InsetText, SummaryList } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { PrintableDocument, SignatureLines } from "~/components/printable";
import { disclosureRecord } from "~/domain/printing";
import { CASEWORKERS } from "~/domain/roles";
import { loadCaseForStaff } from "~/services/case-view.server";
import { getConfig } from "~/services/config.server";
import { requireStaff } from "~/services/guard.server";
import { caseIdOf } from "./__case-form.server";

export const meta: MetaFunction = () => staffPageTitle("Disclosure record and confidentiality undertaking");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const view = loadCaseForStaff(caseIdOf(params), user, context.requestId, "disclosure record viewed for printing");
  if (!view) throw new Response("Not found", { status: 404 });
  const result = disclosureRecord({ ...view, forceName: getConfig().forceName });
  return { id: view.id, reference: view.reference, ...result };
}

const blank = (value: string | null) => value ?? "";

export default function DisclosureRecordPage() {
  const data = useLoaderData<typeof loader>();
  if (!data.ok) {
    return (
      <>
        <BackLink href={`/staff/cases/${data.id}`}>Back to the case</BackLink>
        <h1 className="govuk-heading-l">Disclosure record and confidentiality undertaking</h1>
        <InsetText>{data.reason}</InsetText>
      </>
    );
  }
  const r = data.record;
  return (
    <PrintableDocument backHref={`/staff/cases/${data.id}`}>
      <span className="govuk-caption-l">{r.forceName} · Child Sex Offender Disclosure Scheme · Case {r.reference}</span>
      <h1 className="govuk-heading-l">Disclosure record and confidentiality undertaking</h1>
      <SummaryList rows={[
        { key: "Recipient", value: r.recipient },
        { key: "Relationship to the child", value: r.relationship ?? "Not given" },
        { key: r.children.length === 1 ? "Child" : "Children", value: r.children.join(", ") || "Not given" },
        { key: "Date and time", value: <span className="app-write-in">{blank(r.deliveredAt)}</span> },
        { key: "Place", value: <span className="app-write-in">{blank(r.place)}</span> },
        { key: "Officers present", value: <span className="app-write-in">{blank(r.officers)}</span> },
        { key: "Disclosure approved by", value: r.authorisedBy ? `${r.authorisedBy}, ${r.authorisedOn}` : "Not recorded" },
      ]} />

      <h2 className="govuk-heading-m">What is disclosed</h2>
      <p className="govuk-body app-preserve-lines app-disclosed-wording">{r.wording}</p>

      <h2 className="govuk-heading-m">Warnings about sharing this information</h2>
      <ul className="govuk-list govuk-list--bullet">
        {r.warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      {r.recordedWarnings ? (
        <>
          <h3 className="govuk-heading-s">Warnings given at the meeting</h3>
          <p className="govuk-body app-preserve-lines">{r.recordedWarnings}</p>
        </>
      ) : null}

      <h2 className="govuk-heading-m">Confidentiality undertaking</h2>
      <div className="app-undertaking">
        {r.undertaking.map((line) => (
          <p key={line} className="govuk-body">{line}</p>
        ))}
      </div>
      {r.undertakingResult ? <p className="govuk-body">Undertaking recorded as: {r.undertakingResult}.</p> : null}
      <SignatureLines title="Signed by the recipient" lines={["Signature", "Name in capitals", "Date"]} />
      <SignatureLines title="Signed by the officers" lines={["Officer's signature", "Name and collar number", "Second officer's signature", "Name and collar number", "Date"]} />
    </PrintableDocument>
  );
}
