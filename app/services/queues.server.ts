// Work queues for reviewers and managers: lists of open cases, overdue first, a page at a time.
//
// What a queue shows is kept short: reference, stage, urgency, dates, the assignee's name, the state
// of the next clock, and the names of the children and the subject (so a row can be recognised).
// Those names make a queue view a consultation of each case listed: `logQueueView` writes one s.62
// row per case shown (docs/decisions/025-finding-cases.md).
//
// Query budget (docs/decisions/007-queues-and-benchmark.md): a queue page costs
//   - `listQueue`: ONE statement (the count and the page together, a page past the end included);
//   - `queueCounts`: ONE statement (seven index-only counts as scalar subqueries);
//   - `queueStaff`: ONE statement (names for the assignee filter and the assign select).
// Every work queue covers open cases only, and each queue's WHERE matches one of the indexes on
// `cases` (cases_open_due_idx, cases_assignee_due_idx, cases_urgent_due_idx, cases_status_due_idx,
// cases_status_received_idx),
// so counting and sorting never touch the closed cases that make up ~97% of the table. The Closed
// queue reads cases_closed_idx (status, closed_at), newest closure first, and counts at most
// CLOSED_COUNT_CAP rows.
import { clockState, DUE_SOON_MS, type ClockState } from "~/domain/clocks";
import {
  CLOSED_COUNT_CAP,
  CLOSED_QUEUE,
  QUEUE_SORTS,
  QUEUE_STATUSES,
  QUEUE_TABS,
  type OpenStatus,
  type QueueSort,
  type QueueTab,
} from "~/domain/queues";
import type { StaffUser } from "../../db/schema";
import { schemeRoute, type SchemeRoute } from "~/domain/urgency";
import { STATUSES, type Status } from "~/domain/workflow";
import { recordAuditMany } from "./audit.server";
import { getDb, getSqlite } from "./db.server";

export { CLOSED_COUNT_CAP, QUEUE_NAMES, QUEUE_SORT_NAMES, QUEUE_SORTS, QUEUE_STATUSES, QUEUE_TABS, QUEUES } from "~/domain/queues";
export type { OpenStatus, Queue, QueueSort, QueueTab } from "~/domain/queues";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type QueueQuery = {
  queue: QueueTab;
  /** The person looking: "mine" means cases assigned to them. */
  viewerId: number;
  /** Only cases at this stage (open stages only). */
  status?: OpenStatus;
  /** Only urgent (true) or only non-urgent (false) cases. */
  urgent?: boolean;
  /** Only cases assigned to this staff id, or "none" for unassigned. */
  assignee?: number | "none";
  sort?: QueueSort;
  /** 1-based. A page past the end gives the last page. */
  page?: number;
  pageSize?: number;
};

/** One line of a queue: only what a queue shows. */
export type QueueRow = {
  id: number;
  reference: string;
  status: Status;
  urgent: boolean;
  /** Why it is urgent (app/domain/urgency.ts), for the queue row. */
  urgentReason: string | null;
  /** "right_to_ask" (an application) or "right_to_be_told" (a proactive case). */
  route: SchemeRoute;
  receivedAt: Date;
  nextDueAt: Date | null;
  assigneeId: number | null;
  assigneeName: string | null;
  /** State of the earliest unmet clock: overdue, due_soon, on_time, or none (every clock met). */
  clock: ClockState;
  closedAt: Date | null;
  /** The children's names in order, and the subject's (empty once erased). */
  children: string[];
  subject: string | null;
};

export type QueuePage = {
  rows: QueueRow[];
  total: number;
  /** The page actually returned (clamped to 1..pageCount). */
  page: number;
  /** At least 1, so "page 1 of 1" reads right for an empty queue. */
  pageCount: number;
  pageSize: number;
  /** The Closed queue counts at most CLOSED_COUNT_CAP cases: true when there are at least that many. */
  capped: boolean;
};

type Params = Record<string, number | string>;

/** The open stages as a literal list (constants, never input). */
const OPEN_STATUS_LIST = QUEUE_STATUSES.map((st) => `'${st}'`).join(", ");

type Where = { sql: string; params: Params; byStatus: boolean };

/**
 * The WHERE clause of a queue with its filters. Values are always bound parameters; the SQL text
 * only ever comes from the fixed fragments below.
 *
 * "Open" is written to match an index:
 *   - `closed_at IS NULL` next to assigned_to / urgent / next_due_at, for the (…, closed_at, next_due_at) indexes;
 *   - `status IN (open stages)` for "all open cases" without an urgency or assignee filter, so that
 *     cases_status_due_idx (status, next_due_at) and cases_status_received_idx (status, received_at)
 *     answer every sort from the index alone. The two agree because `performAction` sets
 *     status "closed" and closedAt in the same update (and the tests check it);
 *   - a status filter (open stages only) implies "open" and is written alone.
 */
function whereOf(q: QueueQuery, at: Date): Where {
  const terms: string[] = [];
  const params: Params = {};
  let open: "closed_at" | "status" | null = "closed_at";
  switch (q.queue) {
    case "unassigned":
      terms.push("assigned_to IS NULL");
      break;
    case "mine":
      terms.push("assigned_to = @viewer");
      params.viewer = q.viewerId;
      break;
    case "urgent":
      terms.push("urgent = 1");
      break;
    case "awaiting_decision":
      terms.push("status = 'decision'");
      open = null;
      break;
    case "due_soon":
      terms.push("next_due_at >= @now", "next_due_at <= @soon");
      params.now = at.getTime();
      params.soon = at.getTime() + DUE_SOON_MS;
      break;
    case "overdue":
      terms.push("next_due_at < @now");
      params.now = at.getTime();
      break;
    case "all_open":
      if (q.urgent === undefined && q.assignee === undefined) open = "status";
      break;
    case CLOSED_QUEUE:
      terms.push("status = 'closed'");
      open = null;
      break;
  }
  if (q.status !== undefined && q.queue !== CLOSED_QUEUE) {
    if (!QUEUE_STATUSES.includes(q.status)) throw new RangeError(`not an open stage: ${String(q.status)}`);
    if (q.queue !== "awaiting_decision" || q.status !== "decision") {
      terms.push("status = @status");
      params.status = q.status;
    }
    open = null;
  }
  if (open === "closed_at") terms.push("closed_at IS NULL");
  if (open === "status") terms.push(`status IN (${OPEN_STATUS_LIST})`);
  if (q.urgent !== undefined && q.queue !== "urgent") {
    terms.push("urgent = @urgent");
    params.urgent = q.urgent ? 1 : 0;
  } else if (q.urgent === false) {
    terms.push("0"); // the urgent queue filtered to non-urgent cases: nothing
  }
  if (q.assignee === "none") {
    if (q.queue !== "unassigned") terms.push("assigned_to IS NULL");
  } else if (q.assignee !== undefined) {
    if (!Number.isSafeInteger(q.assignee)) throw new RangeError("assignee must be a staff id");
    terms.push("assigned_to = @assignee");
    params.assignee = q.assignee;
  }
  return { sql: terms.length > 0 ? terms.join(" AND ") : "1", params, byStatus: open === "status" };
}

const STAGE_ORDER = `CASE status ${STATUSES.map((st, i) => `WHEN '${st}' THEN ${i}`).join(" ")} END`;

/**
 * The first key of every queue and every sort (app/domain/urgency.ts `queuePriority`): 0 overdue
 * urgent, 1 urgent, 2 overdue, 3 the rest. "Urgent" is read as membership of the (small, index-only)
 * set of open urgent ids, so a sort over all open cases still needs no table row.
 */
function priority(overdueByLookup = false): string {
  const urgent = "(CASE WHEN id IN (SELECT id FROM cases WHERE urgent = 1 AND closed_at IS NULL) THEN 0 ELSE 2 END)";
  // Over all open cases sorted by date received, read from cases_status_received_idx alone:
  // "overdue" is then a lookup in the (index-only) set of overdue ids instead of each row's next_due_at.
  const overdue = overdueByLookup
    ? "(CASE WHEN id IN (SELECT id FROM cases WHERE closed_at IS NULL AND next_due_at < @now) THEN 0 ELSE 1 END)"
    : "(CASE WHEN next_due_at < @now THEN 0 ELSE 1 END)";
  return `${urgent} + ${overdue}`;
}

/**
 * The sort keys of a queue, as expressions over `cases` (named k1, k2, … in the page query).
 * Urgent, then overdue, cases come first in every queue and every sort (PRIORITY); then the
 * chosen sort; the id breaks ties so pages never overlap or skip a row.
 */
function sortKeys(sort: QueueSort, where: Where, queue: QueueTab): string[] {
  // Closed cases: the most recently closed first (read backwards from cases_closed_idx).
  if (queue === CLOSED_QUEUE) return ["closed_at"];
  switch (sort) {
    case "due":
      // "Every clock met" (null) goes last within its group.
      return [priority(), "next_due_at IS NULL", "next_due_at"];
    case "received":
      return [priority(where.byStatus), "received_at"];
    case "status":
      return [priority(), STAGE_ORDER, "next_due_at IS NULL", "next_due_at"];
  }
}

type RawRow = {
  total: number;
  id: number | null;
  reference: string;
  status: Status;
  urgent: number;
  urgent_reason: string | null;
  channel: string;
  received_at: number;
  next_due_at: number | null;
  assigned_to: number | null;
  assignee_name: string | null;
  closed_at: number | null;
  children: string | null;
  subject: string | null;
};

/**
 * One page of a queue. One SQL statement: the queue's total and the page's ids (in a CTE, read
 * from the queue's index), joined back to `cases` and `staff_users` for only the rows shown.
 */
export function listQueue(query: QueueQuery, at: Date): QueuePage {
  if (!QUEUE_TABS.includes(query.queue)) throw new RangeError(`unknown queue: ${String(query.queue)}`);
  const sort = query.sort ?? "due";
  if (!QUEUE_SORTS.includes(sort)) throw new RangeError(`unknown sort: ${String(sort)}`);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
  const requested = Math.max(1, Math.floor(query.page ?? 1) || 1);

  const where = whereOf(query, at);
  const keys = sortKeys(sort, where, query.queue);
  const named = keys.map((k, i) => `${k} AS k${i + 1}`).join(", ");
  const direction = query.queue === CLOSED_QUEUE ? " DESC" : "";
  const order = (prefix: string) => [...keys.map((_, i) => `${prefix}k${i + 1}${direction}`), `${prefix}id${direction}`].join(", ");
  const countFrom = query.queue === CLOSED_QUEUE ? `(SELECT 1 FROM cases WHERE ${where.sql} LIMIT ${CLOSED_COUNT_CAP})` : `cases WHERE ${where.sql}`;
  // A page past the end gives the last page: the offset is clamped in SQL, from the same count,
  // so even that costs no second statement. (better-sqlite3 binds numbers as REAL: CAST for the
  // integer division.)
  const sql = `
    WITH total AS (SELECT count(*) AS n FROM ${countFrom}),
    page AS (
      SELECT id, ${named} FROM cases WHERE ${where.sql} ORDER BY ${order("")}
      LIMIT @limit OFFSET (SELECT min(@offset, max(0, ((n - 1) / CAST(@limit AS INTEGER)) * @limit)) FROM total)
    )
    SELECT total.n AS total, c.id, c.reference, c.status, c.urgent, c.urgent_reason, c.channel, c.received_at, c.next_due_at, c.assigned_to,
      c.closed_at, s.display_name AS assignee_name,
      (SELECT json_group_array(full_name) FROM (SELECT full_name FROM case_people WHERE case_id = c.id AND role = 'child' ORDER BY position)) AS children,
      (SELECT full_name FROM case_people WHERE case_id = c.id AND role = 'subject' ORDER BY position LIMIT 1) AS subject
    FROM total
    LEFT JOIN page ON 1
    LEFT JOIN cases c ON c.id = page.id
    LEFT JOIN staff_users s ON s.id = c.assigned_to
    ORDER BY ${order("page.")}`;
  const params: Params = { ...where.params, limit: pageSize, offset: (requested - 1) * pageSize };
  if (sql.includes("@now")) params.now = at.getTime();
  const raw = getSqlite().prepare(sql).all(params) as RawRow[];
  const total = raw[0]?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  const rows = raw
    .filter((r) => r.id !== null)
    .map((r): QueueRow => {
      const nextDueAt = r.next_due_at === null ? null : new Date(r.next_due_at);
      return {
        id: r.id!,
        reference: r.reference,
        status: r.status,
        urgent: r.urgent === 1,
        urgentReason: r.urgent === 1 ? r.urgent_reason : null,
        route: schemeRoute(r.channel),
        receivedAt: new Date(r.received_at),
        nextDueAt,
        assigneeId: r.assigned_to,
        assigneeName: r.assignee_name,
        clock: clockState(nextDueAt, null, at),
        closedAt: r.closed_at === null ? null : new Date(r.closed_at),
        children: r.children ? (JSON.parse(r.children) as string[]) : [],
        subject: r.subject,
      };
    });
  const capped = query.queue === CLOSED_QUEUE && total >= CLOSED_COUNT_CAP;
  return { rows, total, page, pageCount, pageSize, capped };
}

/** The s.62 consultation rows for a queue page's names: one per case shown, in one insert. */
export function logQueueView(viewer: StaffUser, rows: readonly QueueRow[], queue: QueueTab, requestId?: string): void {
  if (rows.length === 0) return;
  getDb().transaction((tx) =>
    recordAuditMany(
      tx,
      rows.map((r) => ({
        action: "consultation" as const,
        actor: { kind: "staff" as const, id: viewer.id },
        entityType: "case",
        entityId: r.id,
        fields: ["reference", "status", "children.names", "subject.name"],
        reason: `work queue viewed (${queue.replace(/_/g, " ")})`,
        requestId,
      })),
    ),
  );
}

export type QueueCounts = Record<QueueTab, number>;

/**
 * How many cases each queue holds (without filters), for the tab labels. One statement of eight
 * scalar subqueries, each answered from an index alone (no table rows read); the Closed count
 * stops at CLOSED_COUNT_CAP.
 */
export function queueCounts(viewerId: number, at: Date): QueueCounts {
  const count = (queue: QueueTab) =>
    queue === CLOSED_QUEUE
      ? `(SELECT count(*) FROM (SELECT 1 FROM cases WHERE ${whereOf({ queue, viewerId }, at).sql} LIMIT ${CLOSED_COUNT_CAP})) AS ${queue}`
      : `(SELECT count(*) FROM cases WHERE ${whereOf({ queue, viewerId }, at).sql}) AS ${queue}`;
  const row = getSqlite()
    .prepare(`SELECT ${QUEUE_TABS.map(count).join(", ")}`)
    .get({ viewer: viewerId, now: at.getTime(), soon: at.getTime() + DUE_SOON_MS }) as QueueCounts;
  return { ...row };
}

/**
 * Open urgent cases nobody has taken yet, for the banner on the staff home page. A count only (no
 * case data); read from cases_urgent_due_idx and the few open urgent rows.
 */
export function unassignedUrgentCount(): number {
  const row = getSqlite()
    .prepare("SELECT count(*) AS n FROM cases WHERE urgent = 1 AND closed_at IS NULL AND assigned_to IS NULL")
    .get() as { n: number };
  return row.n;
}

export type QueueStaff = { id: number; name: string; roles: string[] };

/**
 * Active reviewers and managers, for the assignee filter and the managers' "Assign to" select.
 * One statement; staff lists are small (tens of people).
 */
export function queueStaff(): QueueStaff[] {
  const rows = getSqlite()
    .prepare(
      `SELECT id, display_name AS name, roles FROM staff_users
       WHERE active = 1 AND EXISTS (SELECT 1 FROM json_each(staff_users.roles) WHERE value IN ('reviewer', 'manager'))
       ORDER BY display_name COLLATE NOCASE, id`,
    )
    .all() as { id: number; name: string; roles: string }[];
  return rows.map((r) => ({ id: r.id, name: r.name, roles: JSON.parse(r.roles) as string[] }));
}

/** EXPLAIN QUERY PLAN of a queue's count and page, for the benchmark and the tests. */
export function explainQueue(query: QueueQuery, at: Date): string[] {
  const where = whereOf(query, at);
  const keys = sortKeys(query.sort ?? "due", where, query.queue);
  const direction = query.queue === CLOSED_QUEUE ? " DESC" : "";
  const sql = `SELECT id, ${keys.map((k, i) => `${k} AS k${i + 1}`).join(", ")} FROM cases WHERE ${where.sql}
    ORDER BY ${[...keys.map((_, i) => `k${i + 1}${direction}`), `id${direction}`].join(", ")} LIMIT 25`;
  const plan = (text: string) => {
    const params: Params = { ...where.params };
    if (text.includes("@now")) params.now = at.getTime();
    return (getSqlite().prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map((r) => r.detail);
  };
  return [
    ...plan(`SELECT count(*) FROM cases WHERE ${where.sql}`).map((d) => `count: ${d}`),
    ...plan(sql).map((d) => `page: ${d}`),
  ];
}
