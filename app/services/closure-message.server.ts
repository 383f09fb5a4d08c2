// Telling the applicant their case is closed: the record of what was said or sent, by which safe
// route and when, with the email (if email) queued in the same transaction through the outbox.
import { and, desc, eq, sql } from "drizzle-orm";
import type { StaffUser } from "../../db/schema";
import { CLOSURE_WORDS, closureEmail, closureMessageRoutes } from "~/domain/closure-message";
import { CONTACT_METHODS } from "~/domain/application";
import { recordAuditMany } from "./audit.server";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema, type DbOrTx } from "./db.server";
import { enqueueEmail } from "./outbox.server";

export const CLOSURE_RECORD = "closure_message";

function closureFacts(db: DbOrTx, caseId: number) {
  const c = db.select({ status: schema.cases.status, reference: schema.cases.reference }).from(schema.cases).where(eq(schema.cases.id, caseId)).get();
  if (!c) return null;
  const people = db
    .select({ role: schema.casePeople.role, address: schema.casePeople.address, details: schema.casePeople.details })
    .from(schema.casePeople)
    .where(and(eq(schema.casePeople.caseId, caseId), eq(schema.casePeople.role, "applicant")))
    .all();
  const records = db
    .select({ kind: schema.caseRecords.kind, version: schema.caseRecords.version, data: schema.caseRecords.data, recordedAt: schema.caseRecords.recordedAt })
    .from(schema.caseRecords)
    .where(and(eq(schema.caseRecords.caseId, caseId), sql`${schema.caseRecords.kind} in ('verification', ${CLOSURE_RECORD})`))
    .orderBy(desc(schema.caseRecords.recordedAt))
    .all();
  return { ...c, people, records };
}

/** The routes open now (or why none is) and the messages already recorded, newest first. */
export function closureMessageState(caseId: number) {
  const facts = closureFacts(getDb(), caseId);
  if (!facts) return null;
  return {
    allowed: closureMessageRoutes(facts),
    told: facts.records.filter((r) => r.kind === CLOSURE_RECORD).map((r) => ({ ...r.data, recordedAt: r.recordedAt })),
  };
}

export type ClosureMessageInput = { route: string; toldOn?: string; notes?: string };

/**
 * Records that the applicant was told, checking the rules again inside the transaction. By email
 * the message is queued now (the outbox sends it; a failure to send never loses the record); by
 * phone or letter, staff give the date. Logged as an alteration of the case and a disclosure to
 * the applicant (s.62).
 */
export function recordClosureMessage(caseId: number, input: ClosureMessageInput, user: StaffUser, requestId?: string): { ok: true } | { ok: false; reason: string } {
  const at = now();
  return getDb().transaction(
    (tx) => {
      const facts = closureFacts(tx, caseId);
      if (!facts) return { ok: false as const, reason: "The case was not found" };
      const allowed = closureMessageRoutes(facts);
      if (!allowed.ok) return allowed;
      if (!(input.route in allowed.routes)) return { ok: false as const, reason: "Use only a route the applicant said is safe" };
      const byEmail = input.route === "email";
      if (!byEmail && !input.toldOn) return { ok: false as const, reason: "Enter the date you told them" };
      if (byEmail) {
        const to = String(facts.people[0].details.email);
        enqueueEmail(tx, { kind: "closure_message", to, ...closureEmail(getConfig().forceName, facts.reference), now: at });
      }
      const version = (tx.select({ v: sql<number>`coalesce(max(version), 0)` }).from(schema.caseRecords)
        .where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, CLOSURE_RECORD))).get()?.v ?? 0) + 1;
      tx.insert(schema.caseRecords).values({
        caseId, kind: CLOSURE_RECORD, version, recordedBy: user.id, recordedAt: at,
        data: { route: input.route, words: CLOSURE_WORDS, toldAt: byEmail ? at.toISOString() : input.toldOn!, notes: input.notes ?? null },
      }).run();
      const how = CONTACT_METHODS[input.route as keyof typeof CONTACT_METHODS].toLowerCase();
      tx.insert(schema.caseEvents).values({
        caseId, at, actorId: user.id, actorKind: "staff", type: "applicant_told_closed",
        summary: byEmail ? "Applicant told the case is closed: email queued" : `Applicant told the case is closed (${how})`,
      }).run();
      const actor = { kind: "staff" as const, id: user.id };
      recordAuditMany(tx, [
        { action: "alteration", actor, entityType: "case", entityId: caseId, fields: [CLOSURE_RECORD], reason: "applicant told the case is closed", requestId },
        { action: "disclosure", actor, entityType: "case", entityId: caseId, fields: ["case_status"], recipient: "the applicant", reason: `applicant told the case is closed by ${input.route}`, requestId },
      ], at);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}
