import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, DateInput, ErrorSummary, Input, Pagination, Select, Table } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { datePartsInError } from "~/components/step-form";
import { AUDIT_ACTION_NAMES, auditQueryString, describeAuditActor, describeAuditEntity, parseAuditQuery } from "~/domain/audit-filter";
import { formatDateTime } from "~/domain/time";
import { OVERSIGHT } from "~/domain/roles";
import { auditLabels, searchAudit } from "~/services/audit-viewer.server";
import { now } from "~/services/app-clock.server";
import { requireStaff } from "~/services/guard.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Access log", Boolean(data && Object.keys(data.errors).length));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, OVERSIGHT);
  const at = now();
  const { query, errors, values } = parseAuditQuery(new URL(request.url).searchParams, at);
  const { rows, hasMore } = Object.keys(errors).length ? { rows: [], hasMore: false } : searchAudit(query, user, context.requestId);
  const labels = auditLabels(rows);
  const names = labels.staffNames;
  return {
    values,
    errors,
    // The app clock's now, for working out which date inputs to highlight.
    today: at.toISOString(),
    page: query.page,
    hasMore,
    staff: [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at),
      who: describeAuditActor(r.actorKind, r.actorId, labels),
      action: AUDIT_ACTION_NAMES[r.action as keyof typeof AUDIT_ACTION_NAMES] ?? r.action,
      what: describeAuditEntity(r.entityType, r.entityId, labels),
      fields: (r.fields ?? []).join(", "),
      why: [r.reason, r.recipient ? `recipient: ${r.recipient}` : null].filter(Boolean).join("; "),
    })),
  };
}

export default function AuditPage() {
  const { values, errors, today, rows, page, hasMore, staff } = useLoaderData<typeof loader>();
  const from = { day: values.fromDay, month: values.fromMonth, year: values.fromYear };
  const to = { day: values.toDay, month: values.toMonth, year: values.toYear };
  const query = auditQueryString(values);
  const errorList = [
    errors.staff && { text: errors.staff, href: "#staff" },
    errors.case && { text: errors.case, href: "#case" },
    errors.action && { text: errors.action, href: "#action" },
    errors.from && { text: errors.from, href: "#from-day" },
    errors.to && { text: errors.to, href: "#to-day" },
  ].filter((e): e is { text: string; href: string } => Boolean(e));
  return (
    <>
      <h1 className="govuk-heading-l">Access log</h1>
      <p className="govuk-body">
        Every collection, change, read, disclosure, combination and erasure of case data (Data Protection Act 2018
        section 62), with sign-ins and refusals. Searching it is itself logged.
      </p>
      <ErrorSummary key={errorList.map((e) => e.text).join("|")} errors={errorList} />
      <Form method="get" className="app-filter">
        <Select id="staff" name="staff" label="Member of staff" error={errors.staff} defaultValue={values.staff}
          items={[{ value: "", text: "Anyone" }, ...staff.map((s) => ({ value: String(s.id), text: s.name }))]} />
        <Input id="case" name="case" label="Case reference" className="govuk-input--width-20" error={errors.case} defaultValue={values.case} spellCheck={false} />
        <Select id="action" name="action" label="Action" error={errors.action} defaultValue={values.action}
          items={[{ value: "", text: "Any action" }, ...Object.entries(AUDIT_ACTION_NAMES).map(([value, text]) => ({ value, text }))]} />
        <DateInput idPrefix="from" legend="From" legendSize="s" names={{ day: "fromDay", month: "fromMonth", year: "fromYear" }} values={from}
          error={errors.from} errorParts={errors.from ? datePartsInError(from, "The start date", new Date(today)) : undefined} />
        <DateInput idPrefix="to" legend="To" legendSize="s" names={{ day: "toDay", month: "toMonth", year: "toYear" }} values={to}
          error={errors.to} errorParts={errors.to ? datePartsInError(to, "The end date", new Date(today)) : undefined} />
        <Button>Search</Button>
      </Form>
      <p className="govuk-body">
        Export this search for an Information Commissioner request, with the result of the tamper check:{" "}
        <a className="govuk-link" href={`/staff/audit/export.csv${query}`} download>CSV</a> or{" "}
        <a className="govuk-link" href={`/staff/audit/export.json${query}`} download>JSON</a>.
      </p>
      {rows.length === 0 ? (
        <p className="govuk-body">No entries match.</p>
      ) : (
        <Table caption={`Entries, newest first (page ${page})`} captionClassName="govuk-table__caption--s"
          head={["#", "When", "Who", "Action", "What", "Fields", "Why"]}
          rows={rows.map((r) => [String(r.id), r.at, r.who, r.action, r.what, r.fields, r.why])} />
      )}
      {page > 1 || hasMore ? (
        <Pagination
          landmarkLabel="Pages of results"
          previous={page > 1 ? { href: `/staff/audit${auditQueryString(values, page - 1)}`, text: "Newer entries" } : undefined}
          next={hasMore ? { href: `/staff/audit${auditQueryString(values, page + 1)}`, text: "Older entries" } : undefined}
        />
      ) : null}
    </>
  );
}
