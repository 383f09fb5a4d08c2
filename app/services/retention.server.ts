// Retention review and erasure. A reviewer proposes keep (with a new review date) or erase;
// erasure needs a manager who did not propose it (four eyes). Erasure removes the case's personal
// data and leaves an anonymous statistical record, so the figures stay true.
import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { StaffUser } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { getDb, schema } from "./db.server";
import { notifyErasureProposed } from "./staff-notifications.server";

export class RetentionError extends Error {}

/** Closed cases whose review date has passed, and cases with an erasure waiting for a manager. */
export function reviewQueue(at: Date, limit = 100) {
  const db = getDb();
  const pending = sql<number>`exists (select 1 from ${schema.retentionReviews} r where r.case_id = ${schema.cases.id} and r.proposal = 'erase' and r.decision is null)`;
  return db
    .select({ id: schema.cases.id, reference: schema.cases.reference, closedAt: schema.cases.closedAt, reviewDueAt: schema.cases.reviewDueAt, pendingErasure: pending })
    .from(schema.cases)
    .where(and(isNull(schema.cases.erasedAt), lte(schema.cases.reviewDueAt, at)))
    .orderBy(asc(schema.cases.reviewDueAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, pendingErasure: Boolean(r.pendingErasure) }));
}

export function retentionState(caseId: number) {
  const db = getDb();
  const c = db
    .select({ id: schema.cases.id, reference: schema.cases.reference, status: schema.cases.status, closedAt: schema.cases.closedAt, reviewDueAt: schema.cases.reviewDueAt, erasedAt: schema.cases.erasedAt })
    .from(schema.cases)
    .where(eq(schema.cases.id, caseId))
    .get();
  if (!c) return null;
  const reviews = db
    .select({ review: schema.retentionReviews, proposer: schema.staffUsers.displayName })
    .from(schema.retentionReviews)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.retentionReviews.proposedBy))
    .where(eq(schema.retentionReviews.caseId, caseId))
    .orderBy(desc(schema.retentionReviews.proposedAt))
    .all();
  const pending = reviews.find((r) => r.review.proposal === "erase" && r.review.decision === null) ?? null;
  return { case: c, reviews, pending };
}

/** Keep: the case stays, with a new review date, straight away. */
export function proposeKeep(caseId: number, newReviewAt: Date, reason: string, actor: StaffUser, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    const c = tx.select().from(schema.cases).where(eq(schema.cases.id, caseId)).get();
    if (!c?.closedAt || c.erasedAt) throw new RetentionError("Only closed cases that have not been erased are reviewed");
    tx.insert(schema.retentionReviews).values({ caseId, proposal: "keep", reason, newReviewAt, proposedBy: actor.id, proposedAt: at, decision: "approved", decidedBy: actor.id, decidedAt: at }).run();
    tx.update(schema.cases).set({ reviewDueAt: newReviewAt, updatedAt: at }).where(eq(schema.cases.id, caseId)).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: actor.id }, entityType: "case", entityId: caseId, fields: ["review_due_at"], reason: "retention review: keep", requestId }, at);
  });
}

export function proposeErasure(caseId: number, reason: string, actor: StaffUser, requestId?: string): void {
  const at = now();
  getDb().transaction((tx) => {
    const c = tx.select().from(schema.cases).where(eq(schema.cases.id, caseId)).get();
    if (!c?.closedAt || c.erasedAt) throw new RetentionError("Only closed cases that have not been erased can be erased");
    const open = tx.select({ id: schema.retentionReviews.id }).from(schema.retentionReviews)
      .where(and(eq(schema.retentionReviews.caseId, caseId), eq(schema.retentionReviews.proposal, "erase"), isNull(schema.retentionReviews.decision))).get();
    if (open) throw new RetentionError("An erasure is already waiting for a manager's decision");
    tx.insert(schema.retentionReviews).values({ caseId, proposal: "erase", reason, proposedBy: actor.id, proposedAt: at }).run();
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: actor.id }, entityType: "case", entityId: caseId, fields: ["retention"], reason: "retention review: erasure proposed", requestId }, at);
    notifyErasureProposed(tx, caseId, c.reference, actor.id, at);
  });
}

/**
 * Every erasure waiting for a manager, oldest first, whatever the case's review date: the list
 * managers work from. `canDecide` is false for the manager who proposed it (four eyes).
 */
export function pendingErasures(viewer: StaffUser, limit = 200) {
  return getDb()
    .select({ caseId: schema.cases.id, reference: schema.cases.reference, proposedAt: schema.retentionReviews.proposedAt, proposedBy: schema.retentionReviews.proposedBy, proposer: schema.staffUsers.displayName })
    .from(schema.retentionReviews)
    .innerJoin(schema.cases, eq(schema.cases.id, schema.retentionReviews.caseId))
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.retentionReviews.proposedBy))
    .where(and(eq(schema.retentionReviews.proposal, "erase"), isNull(schema.retentionReviews.decision), isNull(schema.cases.erasedAt)))
    .orderBy(asc(schema.retentionReviews.proposedAt))
    .limit(limit)
    .all()
    .map((p) => ({ ...p, canDecide: viewer.roles.includes("manager") && p.proposedBy !== viewer.id }));
}

/** How many erasures wait for this manager's decision (for the staff home page). */
export function pendingErasureCountFor(viewer: StaffUser): number {
  if (!viewer.roles.includes("manager")) return 0;
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(schema.retentionReviews)
    .where(and(eq(schema.retentionReviews.proposal, "erase"), isNull(schema.retentionReviews.decision), sql`${schema.retentionReviews.proposedBy} <> ${viewer.id}`))
    .get()!.n;
}

/** The tables that hold a case's personal data, and what erasure does with each. */
export const ERASED_DATA = [
  "case_people",
  "case_records",
  "case_checks",
  "case_notes",
  "case_decisions",
  "staff_form_drafts",
  "cases.concern",
  "cases.contact_details",
  "case_referrals.shared_summary",
  "case_referrals.their_reference",
  "case_referrals.team",
  "case_referrals.made_by",
] as const;

/**
 * A manager's decision on a proposed erasure. Approval erases at once, in one transaction:
 * people, records, checks, notes and decisions are deleted, free text on the case and its referrals is cleared,
 * and an erasure audit row records what went (names of data, never the data).
 */
export function decideErasure(caseId: number, approve: boolean, reason: string, manager: StaffUser, requestId?: string): void {
  if (!manager.roles.includes("manager")) throw new RetentionError("Only a manager can decide an erasure");
  const at = now();
  getDb().transaction(
    (tx) => {
      const pending = tx.select().from(schema.retentionReviews)
        .where(and(eq(schema.retentionReviews.caseId, caseId), eq(schema.retentionReviews.proposal, "erase"), isNull(schema.retentionReviews.decision))).get();
      if (!pending) throw new RetentionError("There is no erasure waiting for a decision");
      if (pending.proposedBy === manager.id) throw new RetentionError("You proposed this erasure, so another manager must decide it");
      tx.update(schema.retentionReviews).set({ decision: approve ? "approved" : "rejected", decidedBy: manager.id, decidedAt: at }).where(eq(schema.retentionReviews.id, pending.id)).run();
      if (!approve) {
        recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: manager.id }, entityType: "case", entityId: caseId, fields: ["retention"], reason: `erasure rejected: ${reason}`, requestId }, at);
        return;
      }
      // Marking the case erased first is what lets the database triggers allow the deletions.
      tx.update(schema.cases).set({ erasedAt: at, concern: "", contactDetails: null, submissionKey: null, updatedAt: at, reviewDueAt: null }).where(eq(schema.cases.id, caseId)).run();
      for (const table of [schema.casePeople, schema.caseRecords, schema.caseChecks, schema.caseNotes, schema.caseDecisions, schema.staffFormDrafts]) {
        tx.delete(table).where(eq(table.caseId, caseId)).run();
      }
      // A referral keeps what the statistics count (agency, body, when, how, suspected abuse; the
      // s.62 log names the body anyway); what was shared, their reference, team and officer go.
      tx.update(schema.caseReferrals).set({ sharedSummary: "", theirReference: null, team: null, madeBy: "" }).where(eq(schema.caseReferrals.caseId, caseId)).run();
      // Staff reasons for keeping or erasing may quote the case: they go too.
      tx.update(schema.retentionReviews).set({ reason: "(erased)" }).where(eq(schema.retentionReviews.caseId, caseId)).run();
      tx.insert(schema.caseEvents).values({ caseId, at, actorId: manager.id, actorKind: "staff", type: "erased", summary: "Personal data erased after retention review" }).run();
      recordAudit(tx, { action: "erasure", actor: { kind: "staff", id: manager.id }, entityType: "case", entityId: caseId, fields: [...ERASED_DATA], reason: "retention review: erasure approved", requestId }, at);
    },
    { behavior: "immediate" },
  );
}
