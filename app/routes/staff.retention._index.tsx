import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { formatDateTime } from "~/domain/format";
import { CASEWORKERS } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { requireStaff } from "~/services/guard.server";
import { reviewQueue } from "~/services/retention.server";

export const meta: MetaFunction = () => staffPageTitle("Retention review");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, CASEWORKERS);
  return {
    cases: reviewQueue(now()).map((c) => ({
      id: c.id,
      reference: c.reference,
      closed: c.closedAt ? formatDateTime(c.closedAt) : "",
      due: c.reviewDueAt ? formatDateTime(c.reviewDueAt) : "",
      pending: c.pendingErasure,
    })),
  };
}

export default function RetentionQueue() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Retention review</h1>
      <p className="govuk-body">
        Closed cases whose review date has passed. For each, decide whether to keep it (with a new review date) or
        propose erasing its personal data. Erasure needs a manager who did not propose it.
      </p>
      {cases.length === 0 ? (
        <p className="govuk-body">No cases are due for review.</p>
      ) : (
        <Table caption="Cases due for review" captionClassName="govuk-visually-hidden" head={["Case", "Closed", "Review due", "State"]}
          rows={cases.map((c) => [
            <a key="r" className="govuk-link" href={`/staff/retention/${c.id}`}>{c.reference}</a>,
            c.closed,
            c.due,
            c.pending ? <Tag key="s" colour="yellow">Erasure waiting for a manager</Tag> : <Tag key="s" colour="grey">To review</Tag>,
          ])} />
      )}
    </>
  );
}
