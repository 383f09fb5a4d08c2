import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { formatDateTime } from "~/domain/time";
import { CASEWORKERS } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { requireStaff } from "~/services/guard.server";
import { pendingErasures, reviewQueue } from "~/services/retention.server";

export const meta: MetaFunction = () => staffPageTitle("Retention review");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  return {
    pending: pendingErasures(user).map((p) => ({
      id: p.caseId,
      reference: p.reference,
      proposed: formatDateTime(p.proposedAt),
      by: p.proposer ?? "Unknown",
      canDecide: p.canDecide,
      whoDecides: p.canDecide ? "You can decide" : p.proposedBy === user.id ? "Another manager (you proposed it)" : "A manager",
    })),
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
  const { cases, pending } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Retention review</h1>
      <p className="govuk-body">
        For each closed case whose review date has passed, decide whether to keep it (with a new review date) or
        propose erasing its personal data. Erasure needs a manager who did not propose it.
      </p>
      <h2 className="govuk-heading-m" id="pending">Erasures waiting for a manager&apos;s decision</h2>
      {pending.length === 0 ? (
        <p className="govuk-body">No erasures are waiting for a decision.</p>
      ) : (
        <Table caption="Erasures waiting for a manager's decision" captionClassName="govuk-visually-hidden" head={["Case", "Proposed", "Proposed by", "Who can decide"]}
          rows={pending.map((p) => [
            <a key="r" className="govuk-link" href={`/staff/retention/${p.id}`}>{p.reference}</a>,
            p.proposed,
            p.by,
            <Tag key="s" colour={p.canDecide ? "yellow" : "grey"}>{p.whoDecides}</Tag>,
          ])} />
      )}
      <h2 className="govuk-heading-m">Cases due for review</h2>
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
