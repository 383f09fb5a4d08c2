// Work queues: /staff/cases?queue=overdue&status=…&urgent=…&assignee=…&sort=…&page=…
// The query string holds queue names, stage codes, staff ids and page numbers only: never anything
// about a child, applicant or subject. Rows show the children's and the subject's names, so each
// view logs a consultation of every case listed. Urgent, then overdue, cases come first in every open queue; the
// Closed queue lists the most recently closed first.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { Button, ErrorSummary, PageTabs, Pagination, paginationItems, Select, Table, Tag } from "~/components/govuk";
import { NoticeBanner } from "~/components/notice-banner";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput } from "~/components/staff-form";
import { describeDue } from "~/domain/clocks";
import { SCHEME_ROUTES, urgentReasonText } from "~/domain/urgency";
import { CASEWORKERS, hasAnyRole, MANAGERS, REVIEWERS } from "~/domain/roles";
import { STATUS_NAMES } from "~/domain/workflow";
import { performAction } from "~/services/case-actions.server";
import { now } from "~/services/app-clock.server";
import { getDb, schema } from "~/services/db.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { redirectWithNotice, takeNotice } from "~/services/notice.server";
// The queues' names and options come from ~/domain: the page's meta and component use them in the browser.
import { CLOSED_COUNT_CAP, QUEUE_NAMES, QUEUE_SORT_NAMES, QUEUE_SORTS, QUEUE_STATUSES, QUEUE_TABS, type QueueTab } from "~/domain/queues";
import { formatDate } from "~/domain/time";
import { listQueue, logQueueView, queueCounts, queueStaff, type QueueQuery } from "~/services/queues.server";

const PATH = "/staff/cases";

// ---------------------------------------------------------------------------------------------
// The query string. A value that is not one we offer is ignored (the default applies), so an
// edited or stale link still shows a queue rather than an error.
// ---------------------------------------------------------------------------------------------

const queryParams = z.object({
  queue: z.enum(QUEUE_TABS).catch("all_open"),
  status: z.enum(QUEUE_STATUSES as [string, ...string[]]).optional().catch(undefined),
  urgent: z.enum(["yes", "no"]).optional().catch(undefined),
  assignee: z
    .union([z.literal("none"), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
    .optional()
    .catch(undefined),
  sort: z.enum(QUEUE_SORTS).catch("due"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
type Params = z.infer<typeof queryParams>;

function paramsOf(url: URL): Params {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return queryParams.parse(raw);
}

/** The URL of a queue view; defaults are left out so links stay short. */
function hrefOf(p: Partial<Params>): string {
  const search = new URLSearchParams();
  if (p.queue && p.queue !== "all_open") search.set("queue", p.queue);
  if (p.status) search.set("status", p.status);
  if (p.urgent) search.set("urgent", p.urgent);
  if (p.assignee !== undefined) search.set("assignee", String(p.assignee));
  if (p.sort && p.sort !== "due") search.set("sort", p.sort);
  if (p.page && p.page > 1) search.set("page", String(p.page));
  const text = search.toString();
  return text ? `${PATH}?${text}` : PATH;
}

// ---------------------------------------------------------------------------------------------
// The row actions: a reviewer takes an unassigned case; a manager assigns one.
// ---------------------------------------------------------------------------------------------

const CHOOSE_CASE = "Choose a case";
const CHOOSE_ASSIGNEE = "Choose who to assign the case to";
const caseId = z
  .number({ required_error: CHOOSE_CASE, invalid_type_error: CHOOSE_CASE })
  .int(CHOOSE_CASE)
  .positive(CHOOSE_CASE)
  .max(Number.MAX_SAFE_INTEGER, CHOOSE_CASE);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take"), caseId }),
  z.object({
    intent: z.literal("assign"),
    caseId,
    assignee: z.union(
      [
        z.literal("none"),
        z
          .number({ required_error: CHOOSE_ASSIGNEE, invalid_type_error: CHOOSE_ASSIGNEE })
          .int(CHOOSE_ASSIGNEE)
          .positive(CHOOSE_ASSIGNEE)
          .max(Number.MAX_SAFE_INTEGER, CHOOSE_ASSIGNEE),
      ],
      { errorMap: () => ({ message: CHOOSE_ASSIGNEE }) },
    ),
  }),
]);

/** The failed take or assign shown in the error summary (its errors only: nothing typed). */
const QUEUE_FORM = "staff-queue-action";

/** The error of a failed row action, linked to its row (or to the queue). */
function problemOf(lastResult: Awaited<ReturnType<typeof loadFormResult>>["lastResult"]) {
  const [field, messages] = Object.entries(lastResult?.error ?? {})[0] ?? [];
  return field && messages?.[0] ? { text: messages[0], href: `#${field}` } : null;
}

/** A case's public reference (not personal data), for the message after an action. */
function referenceOf(id: number): string | undefined {
  return getDb().select({ reference: schema.cases.reference }).from(schema.cases).where(eq(schema.cases.id, id)).get()?.reference;
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  staffPageTitle(data ? `${QUEUE_NAMES[data.query.queue as QueueTab]} – Cases` : "Cases", Boolean(data?.problem));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireStaff(request, context, CASEWORKERS);
  const at = now();
  const p = paramsOf(new URL(request.url));
  const query: QueueQuery = {
    queue: p.queue,
    viewerId: user.id,
    status: p.status as QueueQuery["status"],
    urgent: p.urgent === undefined ? undefined : p.urgent === "yes",
    assignee: p.assignee,
    sort: p.sort,
    page: p.page,
  };
  const result = listQueue(query, at);
  logQueueView(user, result.rows, p.queue, context.requestId);
  const counts = queueCounts(user.id, at);
  const staff = queueStaff();
  return {
    query: { ...p, page: result.page },
    counts,
    total: result.total,
    capped: result.capped,
    page: result.page,
    pageCount: result.pageCount,
    pageSize: result.pageSize,
    rows: result.rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      stage: STATUS_NAMES[r.status],
      route: SCHEME_ROUTES[r.route],
      urgent: r.urgent,
      urgentReason: r.urgent ? urgentReasonText(r.urgentReason) : null,
      received: formatDate(r.receivedAt),
      // Worked out here with the server's clock, so the page and any re-render agree.
      due: r.nextDueAt ? describeDue(r.nextDueAt, at) : null,
      clock: r.clock,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      closed: r.closedAt ? formatDate(r.closedAt) : null,
      children: r.children,
      subject: r.subject,
    })),
    staff: staff.map((s) => ({ id: s.id, name: s.name })),
    canTake: hasAnyRole(user.roles, REVIEWERS),
    canAssign: hasAnyRole(user.roles, MANAGERS),
    notice: takeNotice(request, session),
    problem: problemOf((await loadFormResult(request, QUEUE_FORM)).lastResult),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const back = hrefOf(paramsOf(new URL(request.url)));
  // A notice names the case by its reference only (never a person); a refusal goes to the error summary.
  const done = (notice: string) => redirectWithNotice(request, back, notice);
  const refuse = (text: string, caseId?: number) =>
    redirectWithErrors(request, QUEUE_FORM, errorResult({ [caseId ? `case-${caseId}` : "queue"]: text }), { to: back });

  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success") {
    const error = submission.error ?? {};
    const text = error.intent ? undefined : (error.caseId?.[0] ?? error.assignee?.[0]);
    return refuse(text ?? "Choose an action for a case");
  }
  const value = submission.value;

  let assigneeId: number | null = null;
  if (value.intent === "assign") {
    if (value.assignee !== "none") {
      // Only an active reviewer or manager can hold a case.
      const person = queueStaff().find((s) => s.id === value.assignee);
      if (!person) return refuse("Choose a reviewer or manager to assign the case to", value.caseId);
      assigneeId = person.id;
    }
  }
  const result =
    value.intent === "take"
      ? performAction(value.caseId, { action: "take" }, user, context.requestId)
      : performAction(value.caseId, { action: "assign", assigneeId }, user, context.requestId);
  const reference = referenceOf(value.caseId);
  if (!result.ok) {
    return refuse(reference ? `Case ${reference}: ${result.reason}` : result.reason, value.caseId);
  }
  return done(
    value.intent === "take"
      ? `You have taken case ${reference}`
      : assigneeId === null
        ? `Case ${reference} is now unassigned`
        : `Case ${reference} is now assigned`,
  );
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Data["rows"][number];

export default function CaseQueuesPage() {
  const data = useLoaderData<typeof loader>();
  const { query, counts, rows, total, capped, page, pageCount, pageSize, staff, canTake, canAssign, notice, problem } = data;
  const queue = query.queue as QueueTab;
  const closedQueue = queue === "closed";
  const countText = (q: QueueTab) => (q === "closed" && counts[q] >= CLOSED_COUNT_CAP ? `${CLOSED_COUNT_CAP.toLocaleString("en-GB")}+` : counts[q].toLocaleString("en-GB"));
  const filtered = Boolean(query.status || query.urgent || query.assignee !== undefined);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <>
      {problem ? <ErrorSummary key={problem.text} errors={[problem]} /> : null}
      <NoticeBanner notice={notice} />
      <h1 className="govuk-heading-l">Cases</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/staff/search">Search for a case</Link> by reference, name, date of birth or postcode, open or closed.
      </p>

      <PageTabs
        label="Case queues"
        panelId="queue"
        items={QUEUE_TABS.map((q) => ({ href: hrefOf({ queue: q, sort: query.sort }), text: `${QUEUE_NAMES[q]} (${countText(q)})`, current: q === queue }))}
      >
          <h2 className="govuk-heading-m">{QUEUE_NAMES[queue]}</h2>
          <Filters query={query} staff={staff} />
          {rows.length === 0 ? (
            <p className="govuk-body">
              {filtered ? "No cases in this queue match the filters." : `There are no cases in this queue.`}
            </p>
          ) : (
            <>
              <p className="govuk-body">
                Showing {first.toLocaleString("en-GB")} to {last.toLocaleString("en-GB")} of{" "}
                {capped ? `more than ${total.toLocaleString("en-GB")}` : total.toLocaleString("en-GB")} {total === 1 ? "case" : "cases"}.{" "}
                {closedQueue ? "The most recently closed are listed first. To find an older case, search for it." : "Urgent cases are listed first, then overdue cases."}
              </p>
              <Table
                caption={`${QUEUE_NAMES[queue]}: page ${page} of ${pageCount}`}
                captionClassName="govuk-visually-hidden"
                head={["Reference", "Child and subject", "Stage", "Received", closedQueue ? "Closed" : "Due", "Assigned to", ...(closedQueue ? [] : ["Action"])]}
                rows={rows.map((row) => [
                  <span key="ref" id={`case-${row.id}`}>
                    <Link className="govuk-link" to={`/staff/cases/${row.id}`}>
                      {row.reference}
                    </Link>
                    {row.urgent ? (
                      <>
                        {" "}
                        <Tag colour="red">Urgent</Tag>
                        <span className="govuk-body-s app-secondary-text govuk-!-display-block govuk-!-margin-bottom-0">{row.urgentReason}</span>
                      </>
                    ) : null}
                  </span>,
                  <People key="people" row={row} />,
                  <span key="stage">
                    {row.stage}
                    <span className="govuk-body-s app-secondary-text govuk-!-display-block govuk-!-margin-bottom-0">{row.route}</span>
                  </span>,
                  row.received,
                  closedQueue ? (row.closed ?? "") : <Due key="due" row={row} />,
                  row.assigneeName ?? "Unassigned",
                  ...(closedQueue ? [] : [<RowActions key="actions" row={row} staff={staff} canTake={canTake} canAssign={canAssign} />]),
                ])}
              />
              <QueuePagination page={page} pageCount={pageCount} href={(n) => hrefOf({ ...query, page: n } as Params)} />
            </>
          )}
      </PageTabs>
    </>
  );
}

/** Who the case is about, so a row can be recognised: the children, then the subject. */
function People({ row }: { row: Row }) {
  if (row.children.length === 0 && !row.subject) return <>Not recorded</>;
  return (
    <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
      {row.children.map((name, i) => (
        <li key={i}>
          <span className="govuk-visually-hidden">Child: </span>
          {name}
        </li>
      ))}
      {row.subject ? (
        <li className="app-secondary-text">Subject: {row.subject}</li>
      ) : null}
    </ul>
  );
}

function Due({ row }: { row: Row }) {
  if (!row.due) return <>All clocks met</>;
  if (row.clock === "overdue") {
    return (
      <>
        <Tag colour="red">Overdue</Tag>
        <br />
        {row.due}
      </>
    );
  }
  if (row.clock === "due_soon") {
    return (
      <>
        <Tag colour="orange">Due soon</Tag>
        <br />
        {row.due}
      </>
    );
  }
  return <>{row.due}</>;
}

function RowActions({ row, staff, canTake, canAssign }: { row: Row; staff: Data["staff"]; canTake: boolean; canAssign: boolean }) {
  const take = canTake && row.assigneeId === null;
  if (!take && !canAssign) return null;
  return (
    <>
      {take ? (
        <Form method="post" className="govuk-!-margin-bottom-2">
          <CsrfInput />
          <input type="hidden" name="intent" value="take" />
          <input type="hidden" name="caseId" value={row.id} />
          <Button variant="secondary" className="govuk-!-margin-bottom-0" preventDoubleClick>
            Take<span className="govuk-visually-hidden"> case {row.reference}</span>
          </Button>
        </Form>
      ) : null}
      {canAssign ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="caseId" value={row.id} />
          <Select
            id={`assign-${row.id}`}
            name="assignee"
            label={<>Assign to<span className="govuk-visually-hidden"> (case {row.reference})</span></>}
            labelClassName="govuk-label--s"
            formGroupClassName="govuk-!-margin-bottom-1"
            items={[{ value: "none", text: "Nobody (unassigned)" }, ...staff.map((s) => ({ value: String(s.id), text: s.name }))]}
            defaultValue={row.assigneeId === null ? "none" : String(row.assigneeId)}
          />
          <Button variant="secondary" className="govuk-!-margin-bottom-0" preventDoubleClick>
            Assign<span className="govuk-visually-hidden"> case {row.reference}</span>
          </Button>
        </Form>
      ) : null}
    </>
  );
}

/** GET form: works without JavaScript; applying filters starts again at page 1. */
function Filters({ query, staff }: { query: Data["query"]; staff: Data["staff"] }) {
  return (
    <Form method="get" action={PATH} className="govuk-!-margin-bottom-6">
      {query.queue !== "all_open" ? <input type="hidden" name="queue" value={query.queue} /> : null}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{query.queue === "closed" ? "Filter" : "Filter and sort"}</legend>
        <div className="govuk-grid-row">
          {query.queue === "closed" ? null : (
            <FilterSelect name="status" label="Stage" value={query.status ?? ""}
              options={[{ value: "", text: "Any stage" }, ...QUEUE_STATUSES.map((s) => ({ value: s, text: STATUS_NAMES[s] }))]} />
          )}
          <FilterSelect name="urgent" label="Urgency" value={query.urgent ?? ""}
            options={[{ value: "", text: "Urgent or not" }, { value: "yes", text: "Urgent only" }, { value: "no", text: "Not urgent" }]} />
          <FilterSelect name="assignee" label="Assigned to" value={query.assignee === undefined ? "" : String(query.assignee)}
            options={[
              { value: "", text: "Anyone" },
              { value: "none", text: "Nobody (unassigned)" },
              ...staff.map((s) => ({ value: String(s.id), text: s.name })),
            ]} />
          {query.queue === "closed" ? null : (
            <FilterSelect name="sort" label="Sort by" value={query.sort}
              options={QUEUE_SORTS.map((s) => ({ value: s, text: QUEUE_SORT_NAMES[s] }))} />
          )}
        </div>
      </fieldset>
      <div className="govuk-button-group">
        <Button variant="secondary">Apply</Button>
        <Link className="govuk-link" to={hrefOf({ queue: query.queue as QueueTab })}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; text: string }[] }) {
  return (
    <div className="govuk-grid-column-one-quarter">
      <Select id={`filter-${name}`} name={name} label={label} items={options} defaultValue={value} className="govuk-!-width-full" />
    </div>
  );
}

/** The pages of this queue: first, last, and the pages either side of this one. */
function QueuePagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <Pagination
      previous={page > 1 ? { href: href(page - 1) } : undefined}
      next={page < pageCount ? { href: href(page + 1) } : undefined}
      items={paginationItems(page, pageCount, href)}
    />
  );
}
