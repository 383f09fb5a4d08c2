// The work queues' names, sorts and stages: plain values the queue page also needs in the browser
// (a route cannot use values from a .server module there; the browser build leaves them undefined).
import { OPEN_STATUSES, type Status } from "./workflow";

export const QUEUES = ["unassigned", "mine", "urgent", "awaiting_decision", "due_soon", "overdue", "all_open"] as const;
export type Queue = (typeof QUEUES)[number];

export const QUEUE_NAMES: Record<Queue, string> = {
  unassigned: "Unassigned",
  mine: "Assigned to you",
  urgent: "Urgent",
  awaiting_decision: "Awaiting decision",
  due_soon: "Due within 24 hours",
  overdue: "Overdue",
  all_open: "All open cases",
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
