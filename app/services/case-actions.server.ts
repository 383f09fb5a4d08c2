// Every change to a case goes through `performAction`: the state machine decides whether it is
// allowed, and the change, its timeline event and its s.62 audit row commit together.
import { and, eq, sql } from "drizzle-orm";
import type { StaffUser } from "../../db/schema";
import { addDays, nextDueAt } from "~/domain/clocks";
import type { SideExit, Status, OutcomeCode, Action } from "~/domain/workflow";
import { checkTransition, OUTCOMES } from "~/domain/workflow";
import { normaliseName } from "~/domain/names";
import { reviewDueDate } from "~/domain/retention";
import { isSocialCareRoute, receivingAgency, STRATEGY_OUTCOMES } from "~/domain/referrals";
import { recordAudit, type AuditEvent } from "./audit.server";
import { holidaySet } from "./bank-holidays.server";
import { clockSettings, referralDueFor } from "./case-clocks.server";
import { now } from "./app-clock.server";
import { getDb, schema, type Db, type Tx } from "./db.server";
import { getSetting } from "./settings.server";
import { notifyDecisionRequested } from "./staff-notifications.server";

type Data = Record<string, unknown>;

/** What each action carries: the validated form values (and, for some, a few extra fields). */
export type ActionInput =
  | { action: "risk_check"; data: Data }
  | { action: "scope_in" | "scope_out"; data: Data }
  | { action: "verification"; data: Data }
  | { action: "add_check"; check: { checkType: string; doneBy: string; doneAt: Date; resultSummary: string; relevant: boolean } }
  | { action: "complete_checks" }
  | { action: "submit_assessment"; data: Data }
  | { action: "approve" | "reject" | "return"; decision: { outcome: string | null; reasons: string } }
  | { action: "record_delivery"; data: Data; disclosed: boolean; recipient: string | null }
  | { action: "close"; outcomes: OutcomeCode[] }
  | { action: "side_exit"; exit: SideExit; data: Data }
  | { action: "extend"; days: number; reason: string }
  | { action: "retriage"; data: Data }
  | { action: "add_note"; text: string }
  | { action: "add_referral"; referral: ReferralInput }
  | { action: "strategy_discussion"; data: Data }
  | { action: "assign"; assigneeId: number | null }
  | { action: "take" };

/** A sharing with a partner agency (app/domain/referrals.ts), as the referral form gives it. */
export type ReferralInput = {
  agency: string;
  agencyName: string;
  team: string | null;
  madeAt: Date;
  madeBy: string;
  method: string;
  theirReference: string | null;
  sharedSummary: string;
  suspectedAbuse: boolean;
};

export type ActionResult = { ok: true; status: Status } | { ok: false; reason: string };

const EVENT_SUMMARIES: Record<Action, string> = {
  risk_check: "Immediate-risk check recorded",
  scope_in: "Application in scope",
  scope_out: "Application not progressed (out of scope)",
  verification: "Interview and verification recorded",
  add_check: "Research check recorded",
  complete_checks: "Research checks completed",
  submit_assessment: "Risk assessment and recommendation submitted for decision",
  approve: "Recommendation approved",
  reject: "Recommendation rejected",
  return: "Recommendation returned for more work",
  record_delivery: "Disclosure or outcome delivery recorded",
  close: "Case closed",
  side_exit: "Case closed early",
  extend: "Decision deadline extended",
  retriage: "Overdue case re-triaged",
  add_note: "Note added",
  add_referral: "Referral made",
  strategy_discussion: "Strategy discussion recorded",
  assign: "Case assigned",
  take: "Case taken",
};

/** Staff who researched or assessed a case: they may not decide it (four eyes). */
export function researchersOf(db: Pick<Db, "select">, caseId: number): number[] {
  const rows = db
    .select({ id: schema.caseRecords.recordedBy })
    .from(schema.caseRecords)
    .where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, "assessment")))
    .union(db.select({ id: schema.caseChecks.recordedBy }).from(schema.caseChecks).where(eq(schema.caseChecks.caseId, caseId)))
    .all();
  return rows.map((r) => r.id);
}

function addRecord(tx: Tx, caseId: number, kind: string, data: Data, actorId: number, at: Date): number {
  const last = tx
    .select({ v: sql<number>`coalesce(max(${schema.caseRecords.version}), 0)` })
    .from(schema.caseRecords)
    .where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, kind)))
    .get();
  return tx
    .insert(schema.caseRecords)
    .values({ caseId, kind, version: (last?.v ?? 0) + 1, data, recordedBy: actorId, recordedAt: at })
    .returning({ id: schema.caseRecords.id })
    .get().id;
}

function addOutcomes(tx: Tx, caseId: number, codes: readonly OutcomeCode[], actorId: number, at: Date) {
  for (const code of codes) {
    tx.insert(schema.caseOutcomes).values({ caseId, code, recordedBy: actorId, recordedAt: at }).onConflictDoNothing().run();
  }
}

export function performAction(caseId: number, input: ActionInput, actor: StaffUser, requestId?: string): ActionResult {
  const at = now();
  return getDb().transaction(
    (tx) => {
      const current = tx.select().from(schema.cases).where(eq(schema.cases.id, caseId)).get();
      if (!current) return { ok: false, reason: "There is no such case" };
      const check = checkTransition({
        status: current.status,
        action: input.action,
        actor: { id: actor.id, roles: actor.roles },
        researchers: ["approve", "reject", "return"].includes(input.action) ? researchersOf(tx, caseId) : [],
        assignedTo: current.assignedTo,
      });
      if (!check.ok) return check;

      const changes: Partial<typeof schema.cases.$inferInsert> = { status: check.to, updatedAt: at };
      const audit: Omit<AuditEvent, "actor" | "requestId" | "entityType" | "entityId"> = { action: "alteration", fields: ["status"] };
      // s.62 disclosure rows besides the main one (a transfer to another force names the force).
      const disclosures: { recipient: string; reason: string; fields: string[] }[] = [];
      let summary = EVENT_SUMMARIES[input.action];

      switch (input.action) {
        case "risk_check":
          addRecord(tx, caseId, "risk_check", input.data, actor.id, at);
          changes.riskCheckedAt = at;
          // "Immediate police action" only when the police acted, not merely because a child was at risk.
          if (Array.isArray(input.data.actions) && input.data.actions.some((a) => a === "999_response" || a === "police_action")) {
            addOutcomes(tx, caseId, ["immediate_police_action"], actor.id, at);
          }
          // Suspected abuse: children's social care must hear before the end of the working day.
          if (input.data.suspectedAbuse === "yes" && !current.referralDueAt) {
            changes.referralDueAt = referralDueFor(at);
            summary = "Immediate-risk check recorded: abuse suspected, referral to children's social care due";
          }
          audit.action = "collection";
          audit.fields = ["risk_check"];
          break;
        case "scope_in":
        case "scope_out":
          addRecord(tx, caseId, "scope", input.data, actor.id, at);
          if (input.action === "scope_out") {
            addOutcomes(tx, caseId, ["not_progressed"], actor.id, at);
            changes.closedAt = at;
          }
          audit.fields = ["scope"];
          break;
        case "verification":
          addRecord(tx, caseId, "verification", input.data, actor.id, at);
          changes.interviewedAt = at;
          if (input.data.result !== "verified") addOutcomes(tx, caseId, ["applicant_not_verified"], actor.id, at);
          audit.action = "collection";
          audit.fields = ["verification"];
          break;
        case "add_check":
          tx.insert(schema.caseChecks).values({ caseId, ...input.check, recordedBy: actor.id, recordedAt: at }).run();
          summary = `Research check recorded: ${input.check.checkType}`;
          // Research brings information from other systems into the case: a combination under s.62.
          audit.action = "combination";
          audit.fields = ["checks"];
          audit.reason = `check: ${input.check.checkType}`;
          break;
        case "complete_checks":
          break;
        case "submit_assessment": {
          addRecord(tx, caseId, "assessment", input.data, actor.id, at);
          changes.subjectIsRso = input.data.registeredSexOffender === "yes";
          if (input.data.recommendation === "disclose") upsertRecipient(tx, caseId, input.data, at);
          audit.action = "collection";
          audit.fields = ["assessment", "recommendation"];
          notifyDecisionRequested(tx, caseId, current.reference, at);
          break;
        }
        case "approve":
        case "reject":
        case "return": {
          const assessment = tx
            .select({ id: schema.caseRecords.id, data: schema.caseRecords.data })
            .from(schema.caseRecords)
            .where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, "assessment")))
            .orderBy(sql`${schema.caseRecords.version} desc`)
            .get();
          if (!assessment) return { ok: false, reason: "There is no assessment to decide on" };
          const version = (tx.select({ v: sql<number>`coalesce(max(version), 0)` }).from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, caseId)).get()?.v ?? 0) + 1;
          const outcome = input.action === "approve" ? (assessment.data.recommendation as string) : input.decision.outcome;
          tx.insert(schema.caseDecisions)
            .values({
              caseId,
              version,
              decision: input.action,
              outcome: input.action === "return" ? null : (outcome as "disclose" | "no_disclosure" | "other_safeguarding"),
              reasons: input.decision.reasons,
              assessmentRecordId: assessment.id,
              decidedBy: actor.id,
              decidedAt: at,
            })
            .run();
          if (input.action !== "return") changes.decidedAt = at;
          audit.fields = ["decision"];
          break;
        }
        case "record_delivery":
          addRecord(tx, caseId, "delivery", input.data, actor.id, at);
          changes.disclosureMade = input.disclosed;
          if (input.disclosed) {
            // s.62(4): a disclosure log names who disclosed and who received.
            audit.action = "disclosure";
            audit.recipient = input.recipient ?? undefined;
            audit.reason = "disclosure under the Child Sex Offender Disclosure Scheme";
          }
          audit.fields = ["delivery"];
          break;
        case "close":
          addOutcomes(tx, caseId, input.outcomes, actor.id, at);
          changes.closedAt = at;
          audit.fields = ["outcomes", "status"];
          summary = `Case closed: ${input.outcomes.map((o) => OUTCOMES[o]).join("; ")}`;
          break;
        case "side_exit":
          addRecord(tx, caseId, "side_exit", { exit: input.exit, ...input.data }, actor.id, at);
          addOutcomes(tx, caseId, [input.exit], actor.id, at);
          changes.closedAt = at;
          summary = `Case closed: ${OUTCOMES[input.exit]}`;
          audit.fields = ["outcomes", "status"];
          if (input.exit === "transferred" && input.data.transferredTo) {
            // The case's data goes to another force: an s.62 disclosure naming the force.
            disclosures.push({ recipient: String(input.data.transferredTo), reason: "case transferred to another force", fields: ["case"] });
          }
          break;
        case "add_referral": {
          const r = input.referral;
          tx.insert(schema.caseReferrals).values({ caseId, ...r, recordedBy: actor.id, recordedAt: at }).run();
          const recipient = receivingAgency(r.agency, r.agencyName);
          if (current.referralDueAt && !current.referralMadeAt && isSocialCareRoute(r.agency)) changes.referralMadeAt = r.madeAt;
          summary = `Referral made to ${r.agency}${r.suspectedAbuse ? " (suspected abuse)" : ""}`;
          // s.62(4): sharing with a partner agency is a disclosure naming who received it.
          audit.action = "disclosure";
          audit.recipient = recipient;
          audit.reason = "safeguarding referral to a partner agency";
          audit.fields = ["referral"];
          break;
        }
        case "strategy_discussion":
          addRecord(tx, caseId, "strategy_discussion", input.data, actor.id, at);
          summary = `Strategy discussion recorded: ${STRATEGY_OUTCOMES[input.data.outcome as keyof typeof STRATEGY_OUTCOMES] ?? "outcome recorded"}`;
          audit.action = "collection";
          audit.fields = ["strategy_discussion"];
          break;
        case "extend": {
          addRecord(tx, caseId, "extension", { days: input.days, reason: input.reason, approvedBy: actor.displayName }, actor.id, at);
          const base = current.decisionDueAt ?? at;
          changes.decisionDueAt = addDays(base, input.days, clockSettings().dayCounting, holidaySet());
          summary = `Decision deadline extended by ${input.days} day${input.days === 1 ? "" : "s"}`;
          audit.fields = ["decision_due_at"];
          break;
        }
        case "retriage":
          addRecord(tx, caseId, "retriage", input.data, actor.id, at);
          changes.lastRetriageAt = at;
          audit.fields = ["retriage"];
          break;
        case "add_note":
          tx.insert(schema.caseNotes).values({ caseId, authorId: actor.id, at, text: input.text }).run();
          audit.action = "collection";
          audit.fields = ["notes"];
          break;
        case "assign":
          changes.assignedTo = input.assigneeId;
          audit.fields = ["assigned_to"];
          break;
        case "take":
          changes.assignedTo = actor.id;
          audit.fields = ["assigned_to"];
          break;
      }

      const merged = { ...current, ...changes };
      changes.nextDueAt = merged.closedAt ? null : nextDueAt(merged);
      if (changes.closedAt) changes.reviewDueAt = reviewDateFor(tx, caseId, changes.closedAt);
      tx.update(schema.cases).set(changes).where(eq(schema.cases.id, caseId)).run();
      tx.insert(schema.caseEvents).values({ caseId, at, actorId: actor.id, actorKind: "staff", type: input.action, summary }).run();
      recordAudit(tx, { ...audit, actor: { kind: "staff", id: actor.id }, entityType: "case", entityId: caseId, requestId }, at);
      for (const d of disclosures) {
        recordAudit(tx, { action: "disclosure", actor: { kind: "staff", id: actor.id }, entityType: "case", entityId: caseId, requestId, ...d }, at);
      }
      return { ok: true, status: check.to };
    },
    { behavior: "immediate" },
  );
}

/** Retention: closure date plus the longest review period of the case's outcomes. */
function reviewDateFor(tx: Tx, caseId: number, closedAt: Date): Date {
  const codes = tx.select({ code: schema.caseOutcomes.code }).from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all();
  return reviewDueDate(closedAt, codes.map((c) => c.code), getSetting("retention.reviewYears"));
}

/** The person best placed to protect the child: a person of their own in the case, not the applicant. */
function upsertRecipient(tx: Tx, caseId: number, data: Data, at: Date) {
  const name = String(data.recipientName ?? "");
  tx.delete(schema.casePeople).where(and(eq(schema.casePeople.caseId, caseId), eq(schema.casePeople.role, "recipient"))).run();
  tx.insert(schema.casePeople)
    .values({
      caseId,
      role: "recipient",
      position: 1,
      fullName: name,
      normalisedName: normaliseName(name),
      details: { relationshipToChild: data.recipientRelationship ?? null, whyBestPlaced: data.recipientReason ?? null },
      createdAt: at,
    })
    .run();
}
