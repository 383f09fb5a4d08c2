// The audit viewer's filter, from the query string: who, which case, which action, which dates.
import { parseDateParts } from "./dates";
import { normaliseReference } from "./reference";

export const AUDIT_ACTION_NAMES = {
  collection: "Collection",
  alteration: "Alteration",
  consultation: "Consultation (read)",
  disclosure: "Disclosure",
  combination: "Combination",
  erasure: "Erasure",
  sign_in: "Sign-in",
  sign_out: "Sign-out",
  sign_in_failed: "Failed sign-in",
  access_denied: "Access denied",
} as const;
export type AuditActionName = keyof typeof AUDIT_ACTION_NAMES;

export type AuditQuery = {
  staffId?: number;
  caseReference?: string;
  action?: AuditActionName;
  from?: string;
  to?: string;
  page: number;
};

export type AuditQueryResult = { query: AuditQuery; errors: Record<string, string>; values: Record<string, string> };

const FIELDS = ["staff", "case", "action", "fromDay", "fromMonth", "fromYear", "toDay", "toMonth", "toYear", "page"];

/** Reads and checks the filter; bad parts get a message and are left out of the query. */
export function parseAuditQuery(params: URLSearchParams, today: Date): AuditQueryResult {
  const values = Object.fromEntries(FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 40)]));
  const errors: Record<string, string> = {};
  const query: AuditQuery = { page: Math.max(1, Math.min(10_000, Number.parseInt(values.page, 10) || 1)) };
  if (values.staff) {
    const id = Number(values.staff);
    if (Number.isInteger(id) && id > 0) query.staffId = id;
    else errors.staff = "Select a member of staff";
  }
  if (values.case) {
    const ref = normaliseReference(values.case);
    if (ref) query.caseReference = ref;
    else errors.case = "Enter a case reference, like ABCD-EFGH-JKLM";
  }
  if (values.action) {
    if (values.action in AUDIT_ACTION_NAMES) query.action = values.action as AuditActionName;
    else errors.action = "Select an action";
  }
  for (const end of ["from", "to"] as const) {
    const parts = { day: values[`${end}Day`], month: values[`${end}Month`], year: values[`${end}Year`] };
    if (!parts.day && !parts.month && !parts.year) continue;
    const result = parseDateParts(parts, end === "from" ? "The start date" : "The end date", today);
    if (result.ok) query[end] = result.iso;
    else errors[end] = result.message;
  }
  if (query.from && query.to && query.from > query.to) errors.to = "The end date must be the same as or after the start date";
  return { query, errors, values };
}

/** The filter as a query string, for export links and pagination. */
export function auditQueryString(values: Record<string, string>, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v && k !== "page") params.set(k, v);
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Names for the ids in log rows, looked up by the service: case references and staff names. */
export type AuditLabels = { caseReferences: ReadonlyMap<number, string>; staffNames: ReadonlyMap<number, string> };

/** Who acted, in words: the staff member's name, or the public or the system. */
export function describeAuditActor(actorKind: string, actorId: number | null, labels: AuditLabels): string {
  if (actorKind === "public") return "Member of the public";
  if (actorKind !== "staff") return "System";
  const name = actorId === null ? undefined : labels.staffNames.get(actorId);
  return name ?? (actorId === null ? "Unknown member of staff" : `Unknown member of staff (id ${actorId})`);
}

const ENTITY_NAMES: Record<string, string> = {
  audit_log: "The access log",
  setting: "Settings",
  statistics: "Statistics",
  database: "The database",
};

/**
 * What a log row is about, in words: "Case ABCD-EFGH-JKLM", "Staff account: Riley Reviewer". The
 * log keeps ids (they never change); the reference or name is looked up when the log is read.
 */
export function describeAuditEntity(entityType: string | null, entityId: string | null, labels: AuditLabels): string {
  if (!entityType) return "";
  const id = entityId !== null && /^\d+$/.test(entityId) ? Number(entityId) : null;
  if (entityType === "case") {
    const reference = id === null ? undefined : labels.caseReferences.get(id);
    return reference ? `Case ${reference}` : `Case (id ${entityId ?? "unknown"})`;
  }
  if (entityType === "staff_user") {
    const name = id === null ? undefined : labels.staffNames.get(id);
    return name ? `Staff account: ${name}` : `Staff account (id ${entityId ?? "unknown"})`;
  }
  if (entityType === "route") return `Page ${entityId ?? ""}`.trim();
  return ENTITY_NAMES[entityType] ?? [entityType.replace(/_/g, " "), entityId].filter(Boolean).join(" ");
}

/** The name of the entity alone (a reference or a staff name), for the export's name column. */
export function auditEntityName(entityType: string | null, entityId: string | null, labels: AuditLabels): string | null {
  const id = entityId !== null && /^\d+$/.test(entityId) ? Number(entityId) : null;
  if (id === null) return null;
  if (entityType === "case") return labels.caseReferences.get(id) ?? null;
  if (entityType === "staff_user") return labels.staffNames.get(id) ?? null;
  return null;
}
