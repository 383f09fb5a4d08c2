import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink, Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { formatDateTime } from "~/domain/time";
import { STATUS_NAMES } from "~/domain/workflow";
import { linkedCases, logConsultation } from "~/services/case-view.server";
import { requireCase } from "./__case-form.server";

export const meta: MetaFunction = () => staffPageTitle("Linked cases");

/** Matching other cases reads them: each one found is logged as a consultation of that case. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, summary } = await requireCase(request, context, params);
  const linked = linkedCases(summary.id);
  logConsultation(summary.id, user, context.requestId, "linked cases searched");
  for (const l of linked) logConsultation(l.caseId, user, context.requestId, `shown as linked to case ${summary.reference}`);
  return {
    id: summary.id,
    reference: summary.reference,
    linked: linked.map((l) => ({ id: l.caseId, reference: l.reference, received: formatDateTime(l.receivedAt), stage: STATUS_NAMES[l.status as keyof typeof STATUS_NAMES] ?? l.status, matchedAs: l.matchedAs })),
  };
}

export default function LinkedCasesPage() {
  const { id, reference, linked } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink href={`/staff/cases/${id}`}>Back to case {reference}</BackLink>
      <h1 className="govuk-heading-l">Cases linked to {reference}</h1>
      <p className="govuk-body">
        Other cases about a subject or child with the same name and the same date of birth, or a similar age. Check each
        match: names can be shared by different people.
      </p>
      {linked.length === 0 ? (
        <p className="govuk-body">No other cases match.</p>
      ) : (
        <Table caption="Linked cases" captionClassName="govuk-visually-hidden" head={["Case", "Received", "Stage", "Match"]}
          rows={linked.map((l) => [
            <a key="r" className="govuk-link" href={`/staff/cases/${l.id}`}>{l.reference}</a>,
            l.received,
            l.stage,
            <Tag key="m" colour="yellow">{l.matchedAs}</Tag>,
          ])} />
      )}
    </>
  );
}
