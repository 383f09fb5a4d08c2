// Every change to a case goes through `performAction`: the state machine decides whether it is
// allowed, and the change, its timeline event and its s.62 audit row commit together.
import { and, desc, eq, sql } from "drizzle-orm";
import type { StaffUser } from "../../db/schema";
import { addDays, nextDueAt } from "~/domain/clocks";
import { checkTransition, DECIDING_ACTIONS, OUTCOMES, type Action, type OutcomeCode, type SideExit, type Status } from "~/domain/workflow";
import {
  countersignBlocker,
  DEPARTURE_NAMES,
  MAPPA_PENDING_REASON,
  mappaDecisionPending,
  presumptionDeparture,
  presumptionFacts,
  type DecisionOutcome,
} from "~/domain/assessment-rules";
import { assessmentVersionBlocker, decisionVersionBlocker, deliveryDateBlocker } from "~/domain/decision-binding";
import { closureOutcomes, derivedOutcomes } from "~/domain/outcome-rules";
import { checksCompleteBlocker, factsFromChecks, type CheckFinding, type CheckResult, type RecordedCheck } from "~/domain/research-checks";
import { normaliseName } from "~/domain/names";
import { reviewDueDate } from "~/domain/retention";
import { isSocialCareRoute, receivingAgency, STRATEGY_OUTCOMES } from "~/domain/referrals";
import { recordAudit, type AuditEvent } from "./audit.server";
import { holidaySet } from "./bank-holidays.server";
import { clockSettings, referralDueFor } from "./case-clocks.server";
import { now } from "./app-clock.server";
import { getDb, schema, type Db, type Tx } from "./db.server";
import { getSetting } from "./settings.server";
import { notifyDecisionRequested, notifyDecisionSigned } from "./staff-notifications.server";

type Data = Record<string, unknown>;

/** What each action carries: the validated form values (and, for some, a few extra fields). */
export type ActionInput =
  | { action: "risk_check"; data: Data }
  | { action: "scope_in" | "scope_out"; data: Data }
  | { action: "verification"; data: Data }
  | { action: "add_check"; check: NewCheck }
  | { action: "confirm_identity"; identity: { fullName: string; dateOfBirth: string } }
  | { action: "complete_checks" }
  | { action: "submit_assessment"; data: Data }
  | { action: "approve" | "reject" | "return"; decision: DecisionInput }
  | { action: "countersign"; decisionId: number }
  | { action: "record_delivery"; decisionId: number; data: Data; disclosed: boolean; applicantMessage: ApplicantMessage | null }
  | { action: "close"; outcomes: readonly string[] }
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

export type NewCheck = {
  checkType: string;
  /** The signed-in user who did the check. */
  doneBy: string;
  otherOfficer?: string | null;
  doneAt: Date;
  result: CheckResult;
  findings?: CheckFinding[];
  childPlans?: Array<{ childId: number; status: string }>;
  resultSummary: string;
};

export type RecipientInput = { is?: "applicant" | "other"; name?: string; relationship?: string; reason?: string };

export type DecisionInput = {
  /** The manager's own decision when rejecting (null when approving or returning). */
  outcome: string | null;
  reasons: string;
  /** The assessment record the manager was shown: anything else is refused. */
  assessmentId: number;
  /** Rejecting and deciding to disclose: who receives it and the words. */
  recipient?: RecipientInput;
  wording?: string;
  departureRationale?: string;
};

/** What the applicant was told (words, safe route, when), or why nothing. */
export type ApplicantMessage = { policy: string; words: string | null; route: string | null; at: string | null };

export type ActionResult = { ok: true; status: Status } | { ok: false; reason: string };

const EVENT_SUMMARIES: Record<Action, string> = {
  risk_check: "Immediate-risk check recorded",
  scope_in: "Application in scope",
  scope_out: "Application not progressed (out of scope)",
  verification: "Interview and verification recorded",
  add_check: "Research check recorded",
  confirm_identity: "Subject's identity confirmed by the checks",
  complete_checks: "Research checks completed",
  submit_assessment: "Risk assessment and recommendation submitted for decision",
  approve: "Recommendation approved",
  reject: "Recommendation rejected",
  return: "Recommendation returned for more work",
  countersign: "Second signature given: departure from the presumption to disclose",
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
        researchers: DECIDING_ACTIONS.includes(input.action) ? researchersOf(tx, caseId) : [],
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
        case "add_check": {
          const findings = input.check.result === "trace" ? (input.check.findings ?? []) : [];
          tx.insert(schema.caseChecks)
            .values({
              caseId,
              ...input.check,
              otherOfficer: input.check.otherOfficer ?? null,
              findings,
              childPlans: input.check.childPlans ?? [],
              relevant: findings.length > 0,
              recordedBy: actor.id,
              recordedAt: at,
            })
            .run();
          summary = `Research check recorded: ${input.check.checkType}`;
          // Research brings information from other systems into the case: a combination under s.62.
          audit.action = "combination";
          audit.fields = ["checks"];
          audit.reason = `check: ${input.check.checkType}`;
          break;
        }
        case "confirm_identity":
          addRecord(tx, caseId, "subject_identity", input.identity, actor.id, at);
          audit.action = "collection";
          audit.fields = ["subject_identity"];
          break;
        case "complete_checks": {
          const blocker = checksCompleteBlocker(getSetting("checks.mandatory"), recordedChecks(tx, caseId));
          if (blocker) return { ok: false, reason: blocker };
          break;
        }
        case "submit_assessment": {
          const data = { ...input.data };
          if (data.recommendation === "disclose") {
            data.recipientPersonId = resolveRecipient(tx, caseId, { is: data.recipientIs as RecipientInput["is"], name: data.recipientName as string, relationship: data.recipientRelationship as string, reason: data.recipientReason as string }, at);
          }
          addRecord(tx, caseId, "assessment", data, actor.id, at);
          changes.subjectIsRso = data.registeredSexOffender === "yes" || factsFromChecks(recordedChecks(tx, caseId)).registeredSexOffender === true;
          audit.action = "collection";
          audit.fields = ["assessment", "recommendation"];
          if (mappaDecisionPending(data)) {
            // Held at assessment until the MAPPA meeting decides.
            changes.status = "assessment";
            summary = "Risk assessment saved: waiting for the MAPPA decision";
          } else {
            notifyDecisionRequested(tx, caseId, current.reference, at);
          }
          break;
        }
        case "approve":
        case "reject":
        case "return": {
          const assessment = latestAssessment(tx, caseId);
          const stale = assessmentVersionBlocker(input.decision.assessmentId, assessment?.id ?? null);
          if (stale || !assessment) return { ok: false, reason: stale ?? "There is no assessment to decide on" };
          const waiting = awaitingCountersignature(tx, caseId);
          if (waiting && input.action !== "return") {
            return { ok: false, reason: "This decision is waiting for a second manager's signature" };
          }
          if (input.action !== "return" && mappaDecisionPending(assessment.data)) return { ok: false, reason: MAPPA_PENDING_REASON };
          const recommendation = assessment.data.recommendation as DecisionOutcome;
          const outcome: DecisionOutcome | null =
            input.action === "approve" ? recommendation : input.action === "reject" ? (input.decision.outcome as DecisionOutcome | null) : null;
          if (input.action === "reject" && !outcome) return { ok: false, reason: "Select the decision you are making instead" };
          const departure = outcome ? presumptionDeparture(presumptionFacts(assessment.data, recordedChecks(tx, caseId)), outcome) : null;
          const rationale = input.decision.departureRationale?.trim() || null;
          if (departure && !rationale) return { ok: false, reason: "This decision departs from the presumption to disclose: give the rationale" };
          let recipient: { id: number; name: string; reason: string; wording: string } | null = null;
          if (outcome === "disclose") {
            if (input.action === "approve") {
              const personId = Number(assessment.data.recipientPersonId);
              recipient = { id: personId, name: personName(tx, personId), reason: String(assessment.data.recipientReason ?? ""), wording: String(assessment.data.proposedWording ?? "") };
            } else {
              const r = input.decision.recipient ?? {};
              if (!r.reason || !input.decision.wording || (r.is !== "applicant" && !r.name)) {
                return { ok: false, reason: "Deciding to disclose needs the recipient, why they are best placed, and the wording" };
              }
              const personId = resolveRecipient(tx, caseId, r, at);
              recipient = { id: personId, name: personName(tx, personId), reason: r.reason, wording: input.decision.wording };
            }
            if (!recipient.name || !recipient.wording) return { ok: false, reason: "Deciding to disclose needs the recipient, why they are best placed, and the wording" };
          }
          const version = (tx.select({ v: sql<number>`coalesce(max(version), 0)` }).from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, caseId)).get()?.v ?? 0) + 1;
          tx.insert(schema.caseDecisions)
            .values({
              caseId,
              version,
              decision: input.action,
              outcome,
              reasons: input.decision.reasons,
              assessmentRecordId: assessment.id,
              assessmentVersion: assessment.version,
              recipientPersonId: recipient?.id ?? null,
              recipientName: recipient?.name ?? null,
              recipientReason: recipient?.reason ?? null,
              wording: recipient?.wording ?? null,
              departure,
              departureRationale: departure ? rationale : null,
              decidedBy: actor.id,
              decidedAt: at,
            })
            .run();
          // The assignee and the reviewer who made the recommendation hear that it was decided.
          notifyDecisionSigned(tx, caseId, current.reference, [current.assignedTo, assessment.recordedBy],
            input.action === "return" ? "The recommendation was returned for more work" : departure ? "A decision was signed and waits for a second manager's signature" : "A decision was signed", at);
          if (departure) {
            // Not final until a second manager signs: the case waits at the decision stage.
            changes.status = "decision";
            summary = `${EVENT_SUMMARIES[input.action]}: a departure from the presumption to disclose, waiting for a second manager's signature`;
            audit.reason = `presumption departure: ${DEPARTURE_NAMES[departure]}`;
          } else if (input.action !== "return") {
            changes.decidedAt = at;
          }
          audit.fields = ["decision"];
          break;
        }
        case "countersign": {
          const pending = awaitingCountersignature(tx, caseId);
          const latest = latestDecision(tx, caseId);
          const stale = decisionVersionBlocker(input.decisionId, latest?.id ?? null);
          if (stale) return { ok: false, reason: stale };
          if (!pending) return { ok: false, reason: "There is no decision waiting for a second signature" };
          const blocker = countersignBlocker({ id: actor.id, roles: actor.roles }, researchersOf(tx, caseId), pending.decidedBy);
          if (blocker) return { ok: false, reason: blocker };
          tx.insert(schema.caseCountersignatures).values({ caseId, decisionId: pending.id, signedBy: actor.id, signedAt: at }).run();
          changes.decidedAt = at;
          changes.presumptionDeparture = true;
          notifyDecisionSigned(tx, caseId, current.reference, [current.assignedTo, latestAssessment(tx, caseId)?.recordedBy ?? null], "The second signature was given: the decision is final", at);
          audit.fields = ["decision", "countersignature"];
          break;
        }
        case "record_delivery": {
          const decision = latestDecision(tx, caseId);
          const stale = decisionVersionBlocker(input.decisionId, decision?.id ?? null);
          if (stale || !decision) return { ok: false, reason: stale ?? "There is no signed decision" };
          const decidedAt = current.decidedAt ?? decision.decidedAt;
          for (const moment of [input.data.deliveredAt, input.applicantMessage?.at]) {
            const early = typeof moment === "string" ? deliveryDateBlocker(new Date(moment), decidedAt) : null;
            if (early) return { ok: false, reason: early };
          }
          const disclosed = decision.outcome === "disclose" && input.disclosed;
          // The recipient and words are the decision's, never typed again.
          const told = input.applicantMessage;
          const data: Data = {
            ...input.data,
            decisionId: decision.id,
            messagePolicy: told?.policy ?? null,
            messageWords: told?.words ?? null,
            messageRoute: told?.route ?? null,
            messageAt: told?.at ?? null,
          };
          if (decision.outcome === "disclose") Object.assign(data, { recipientPersonId: decision.recipientPersonId, recipientName: decision.recipientName, wordingUsed: decision.wording });
          addRecord(tx, caseId, "delivery", data, actor.id, at);
          changes.disclosureMade = disclosed;
          if (disclosed) {
            // s.62(4): a disclosure log names who disclosed and who received, and here the decision that allowed it.
            audit.action = "disclosure";
            audit.recipient = decision.recipientName ?? undefined;
            audit.reason = `disclosure under the Child Sex Offender Disclosure Scheme, as approved in decision ${decision.id}`;
          }
          audit.fields = ["delivery"];
          break;
        }
        case "close": {
          const checked = closureOutcomes(derivedFor(tx, caseId, current.disclosureMade), input.outcomes);
          if (!checked.ok) return checked;
          const existing = tx.select({ code: schema.caseOutcomes.code }).from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all().map((r) => r.code as OutcomeCode);
          addOutcomes(tx, caseId, checked.outcomes, actor.id, at);
          changes.closedAt = at;
          audit.fields = ["outcomes", "status"];
          const all = [...new Set([...existing, ...checked.outcomes])];
          summary = `Case closed: ${all.map((o) => OUTCOMES[o] ?? o).join("; ")}`;
          break;
        }
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
      // The status the case is now in (a departure or a pending MAPPA decision holds it where it was).
      return { ok: true, status: merged.status };
    },
    { behavior: "immediate" },
  );
}

/** Retention: closure date plus the longest review period of the case's outcomes. */
function reviewDateFor(tx: Tx, caseId: number, closedAt: Date): Date {
  const codes = tx.select({ code: schema.caseOutcomes.code }).from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all();
  return reviewDueDate(closedAt, codes.map((c) => c.code), getSetting("retention.reviewYears"));
}

/**
 * The person best placed to protect the child, as a person record: the applicant, or a recipient
 * of their own (the same record again when the name is the same, so a decision's reference stays good).
 */
function resolveRecipient(tx: Tx, caseId: number, r: RecipientInput, at: Date): number {
  const people = tx.select().from(schema.casePeople).where(eq(schema.casePeople.caseId, caseId)).all();
  if (r.is === "applicant") {
    const applicant = people.find((p) => p.role === "applicant");
    if (applicant) return applicant.id;
  }
  const name = String(r.name ?? "");
  const details = { relationshipToChild: r.relationship ?? null, whyBestPlaced: r.reason ?? null };
  const same = people.find((p) => p.role === "recipient" && p.normalisedName === normaliseName(name));
  if (same) return same.id;
  const position = Math.max(0, ...people.filter((p) => p.role === "recipient").map((p) => p.position)) + 1;
  return tx
    .insert(schema.casePeople)
    .values({ caseId, role: "recipient", position, fullName: name, normalisedName: normaliseName(name), details, createdAt: at })
    .returning({ id: schema.casePeople.id })
    .get().id;
}

function personName(tx: Tx, personId: number): string {
  return tx.select({ name: schema.casePeople.fullName }).from(schema.casePeople).where(eq(schema.casePeople.id, personId)).get()?.name ?? "";
}

/** The research checks of a case, as the rules read them. */
export function recordedChecks(db: Pick<Db, "select">, caseId: number): RecordedCheck[] {
  return db
    .select({ checkType: schema.caseChecks.checkType, result: schema.caseChecks.result, findings: schema.caseChecks.findings })
    .from(schema.caseChecks)
    .where(eq(schema.caseChecks.caseId, caseId))
    .all()
    .map((c) => ({ checkType: c.checkType, result: c.result ?? null, findings: (c.findings ?? []) as CheckFinding[] }));
}

export function latestAssessment(db: Pick<Db, "select">, caseId: number) {
  return db
    .select({ id: schema.caseRecords.id, version: schema.caseRecords.version, data: schema.caseRecords.data, recordedBy: schema.caseRecords.recordedBy, recordedAt: schema.caseRecords.recordedAt })
    .from(schema.caseRecords)
    .where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, "assessment")))
    .orderBy(desc(schema.caseRecords.version))
    .get();
}

/** The latest decision of any kind (a return included). */
export function latestDecision(db: Pick<Db, "select">, caseId: number) {
  return db.select().from(schema.caseDecisions).where(eq(schema.caseDecisions.caseId, caseId)).orderBy(desc(schema.caseDecisions.version)).get();
}

/** The latest decision when it departs from the presumption and still needs its second signature. */
export function awaitingCountersignature(db: Pick<Db, "select">, caseId: number) {
  const latest = latestDecision(db, caseId);
  if (!latest || latest.decision === "return" || !latest.departure) return null;
  const signed = db.select({ id: schema.caseCountersignatures.id }).from(schema.caseCountersignatures).where(eq(schema.caseCountersignatures.decisionId, latest.id)).get();
  return signed ? null : latest;
}

/** The outcomes the decision and the delivery settle (app/domain/outcome-rules.ts). */
export function derivedFor(db: Pick<Db, "select">, caseId: number, disclosureMade: boolean | null): OutcomeCode[] {
  const decision = latestDecision(db, caseId);
  const assessment = latestAssessment(db, caseId);
  const facts = presumptionFacts(assessment?.data ?? {}, recordedChecks(db, caseId));
  return derivedOutcomes({
    decisionOutcome: decision && decision.decision !== "return" ? (decision.outcome as DecisionOutcome | null) : null,
    disclosed: disclosureMade,
    csoConvictions: facts.csoConvictions,
  });
}
