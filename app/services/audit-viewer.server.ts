// Searching and exporting the s.62 log (for managers, admins and Information Commissioner
// requests). Looking at the log is itself logged.
import { eq, inArray } from "drizzle-orm";
import type { AuditRow, StaffUser } from "../../db/schema";
import type { AuditLabels, AuditQuery } from "~/domain/audit-filter";
import { ukDayEnd, ukDayStart } from "~/domain/time";
import { listAudit, recordAudit, verifyAuditChain, type AuditFilter } from "./audit.server";
import { now } from "./app-clock.server";
import { getDb, getSqlite, schema } from "./db.server";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX = 100_000;

/** Turns the viewer's query into the log's filter; null when the case reference matches no case. */
function toFilter(query: AuditQuery): AuditFilter | null {
  const filter: AuditFilter = { actorId: query.staffId, action: query.action };
  if (query.caseReference) {
    const found = getDb().select({ id: schema.cases.id }).from(schema.cases).where(eq(schema.cases.reference, query.caseReference)).get();
    if (!found) return null;
    filter.entityType = "case";
    filter.entityId = found.id;
  }
  // Dates are UK calendar dates; the day runs to its last millisecond.
  if (query.from) filter.from = ukDayStart(query.from);
  if (query.to) filter.to = ukDayEnd(query.to);
  return filter;
}

function describe(query: AuditQuery): string {
  const staffName = query.staffId ? staffNames().get(query.staffId) : undefined;
  const parts = [
    query.staffId ? `staff ${staffName ? `${staffName} (id ${query.staffId})` : query.staffId}` : null,
    query.caseReference ? `case ${query.caseReference}` : null,
    query.action ?? null,
    query.from ? `from ${query.from}` : null,
    query.to ? `to ${query.to}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no filter";
}

function logView(viewer: StaffUser, reason: string, requestId?: string) {
  getDb().transaction((tx) =>
    recordAudit(tx, { action: "consultation", actor: { kind: "staff", id: viewer.id }, entityType: "audit_log", reason, requestId }, now()),
  );
}

export function searchAudit(query: AuditQuery, viewer: StaffUser, requestId?: string) {
  logView(viewer, `audit log searched: ${describe(query)}`, requestId);
  const filter = toFilter(query);
  if (!filter) return { rows: [], hasMore: false };
  const rows = listAudit({ ...filter, limit: AUDIT_PAGE_SIZE + 1, offset: (query.page - 1) * AUDIT_PAGE_SIZE });
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** Every row of the filter (newest first, up to the cap) with the whole chain's verification. */
export function exportAudit(query: AuditQuery, viewer: StaffUser, format: "csv" | "json", requestId?: string) {
  const chain = verifyAuditChain(getSqlite());
  logView(viewer, `audit log exported as ${format}: ${describe(query)}`, requestId);
  const filter = toFilter(query);
  const rows: ReturnType<typeof listAudit> = [];
  if (filter) {
    for (let offset = 0; rows.length < AUDIT_EXPORT_MAX; offset += 500) {
      const page = listAudit({ ...filter, limit: 500, offset });
      rows.push(...page);
      if (page.length < 500) break;
    }
  }
  return { chain, rows, truncated: rows.length >= AUDIT_EXPORT_MAX, filter: describe(query), generatedAt: now() };
}

/**
 * Case references and staff names for the ids in these rows (ids stay in the log; words are
 * looked up when it is read). One query per 500 cases; staff are few and read whole.
 */
export function auditLabels(rows: readonly Pick<AuditRow, "entityType" | "entityId">[]): AuditLabels {
  const caseIds = [...new Set(rows.filter((r) => r.entityType === "case" && r.entityId && /^\d+$/.test(r.entityId)).map((r) => Number(r.entityId)))];
  const caseReferences = new Map<number, string>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const found = getDb().select({ id: schema.cases.id, reference: schema.cases.reference }).from(schema.cases).where(inArray(schema.cases.id, caseIds.slice(i, i + 500))).all();
    for (const c of found) caseReferences.set(c.id, c.reference);
  }
  return { caseReferences, staffNames: staffNames() };
}

export function staffNames(): Map<number, string> {
  return new Map(getDb().select({ id: schema.staffUsers.id, name: schema.staffUsers.displayName }).from(schema.staffUsers).all().map((s) => [s.id, s.name]));
}
