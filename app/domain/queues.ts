// The work queues' names, sorts and stages: plain values the queue page also needs in the browser
// (a route cannot use values from a .server module there; the browser build leaves them undefined).
import { OPEN_STATUSES, type Status } from "./workflow";

export const QUEUES = ["unassigned", "mine", "urgent", "awaiting_decision", "due_soon", "overdue", "all_open"] as const;
export type Queue = (typeof QUEUES)[number];

/** Closed cases have a queue of their own, apart from the open work queues (newest closure first). */
export const CLOSED_QUEUE = "closed";
export const QUEUE_TABS = [...QUEUES, CLOSED_QUEUE] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** Counting every closed case (most of a mature database) costs more than a page: past this, "more than". */
export const CLOSED_COUNT_CAP = 10_000;

export const QUEUE_NAMES: Record<QueueTab, string> = {
  unassigned: "Unassigned",
  mine: "Assigned to you",
  urgent: "Urgent",
  awaiting_decision: "Awaiting decision",
  due_soon: "Due within 24 hours",
  overdue: "Overdue",
  all_open: "All open cases",
  closed: "Closed",
};

export const QUEUE_SORTS = ["due", "received", "status"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const QUEUE_SORT_NAMES: Record<QueueSort, string> = {
  due: "Next due (soonest first)",
  received: "Received (oldest first)",
  status: "Stage",
};

export type OpenStatus = Exclude<Status, "closed">;
export const QUEUE_STATUSES = OPEN_STATUSES as readonly OpenStatus[];
