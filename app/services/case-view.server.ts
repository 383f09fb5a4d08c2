// Reading a case for staff. Every read of case data writes an s.62 consultation row, in the
// same transaction as the read, naming who read which case and why.
import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import type { CaseDecision, CasePerson, StaffUser } from "../../db/schema";
import type { IdentityPerson } from "~/domain/case-identity";
import { applicantMessagePolicy, type VerificationResult } from "~/domain/decision-binding";
import { recordAudit } from "./audit.server";
import { awaitingCountersignature, derivedFor, latestAssessment, latestDecision } from "./case-actions.server";
import { getSetting } from "./settings.server";
import { now } from "./app-clock.server";
import { getDb, schema } from "./db.server";

export type CaseView = NonNullable<ReturnType<typeof readCase>>;

/** A person as the case query's json_group_array gives it: details still JSON, times in ms. */
type PersonJson = Omit<IdentityPerson, "role" | "details"> & { id: number; role: CasePerson["role"]; details: string; createdAt: number };
type DecisionJson = {
  version: number;
  assessmentVersion: number | null;
  recipientName: string | null;
  wording: string | null;
  departure: CaseDecision["departure"];
  departureRationale: string | null;
  countersignerName: string | null;
  countersignedAt: number | null;
  decision: CaseDecision["decision"];
  outcome: CaseDecision["outcome"];
  reasons: string;
  decidedBy: number;
  decidedAt: number;
  deciderName: string | null;
};

/**
 * Three queries for the whole case (the case with its people, decisions and outcomes as JSON;
 * the timeline; the records), so the page stays within its budget of five with the audit row.
 */
function readCase(caseId: number) {
  const db = getDb();
  const row = db
    .select({
      case: schema.cases,
      assigneeName: schema.staffUsers.displayName,
      outcomes: sql<string>`(select json_group_array(code) from ${schema.caseOutcomes} where ${schema.caseOutcomes.caseId} = ${schema.cases.id})`,
      people: sql<string>`(select json_group_array(json_object('id', p.id, 'role', p.role, 'position', p.position, 'fullName', p.full_name, 'otherNames', p.other_names, 'dateOfBirth', p.date_of_birth, 'ageYears', p.age_years, 'address', p.address, 'details', p.details, 'createdAt', p.created_at)) from (select * from case_people where case_id = ${schema.cases.id} order by role, position) p)`,
      decisions: sql<string>`(select json_group_array(json_object('version', d.version, 'decision', d.decision, 'outcome', d.outcome, 'reasons', d.reasons, 'decidedBy', d.decided_by, 'decidedAt', d.decided_at, 'deciderName', (select display_name from staff_users where id = d.decided_by), 'assessmentVersion', d.assessment_version, 'recipientName', d.recipient_name, 'wording', d.wording, 'departure', d.departure, 'departureRationale', d.departure_rationale, 'countersignerName', (select u.display_name from case_countersignatures c join staff_users u on u.id = c.signed_by where c.decision_id = d.id), 'countersignedAt', (select signed_at from case_countersignatures where decision_id = d.id))) from (select * from case_decisions where case_id = ${schema.cases.id} order by version desc) d)`,
    })
    .from(schema.cases)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.cases.assignedTo))
    .where(eq(schema.cases.id, caseId))
    .get();
  if (!row) return null;
  const people = (JSON.parse(row.people) as PersonJson[]).map((p) => ({
    ...p,
    caseId,
    details: JSON.parse(p.details) as Record<string, unknown>,
    createdAt: new Date(p.createdAt),
  }));
  // Timeline: events and notes together, newest first, with who did each.
  const timeline = db
    .select({
      at: schema.caseEvents.at,
      kind: sql<"event" | "note">`'event'`,
      type: schema.caseEvents.type,
      text: schema.caseEvents.summary,
      actorName: sql<string | null>`(select display_name from staff_users where id = ${schema.caseEvents.actorId})`,
    })
    .from(schema.caseEvents)
    .where(eq(schema.caseEvents.caseId, caseId))
    .unionAll(
      db
        .select({
          at: schema.caseNotes.at,
          kind: sql<"event" | "note">`'note'`,
          type: sql<string>`'note'`,
          text: schema.caseNotes.text,
          actorName: sql<string | null>`(select display_name from staff_users where id = ${schema.caseNotes.authorId})`,
        })
        .from(schema.caseNotes)
        .where(eq(schema.caseNotes.caseId, caseId)),
    )
    .orderBy(desc(sql`1`))
    .all();
  // Stage records and checks in one list (a check is a record of kind "check").
  const records = db
    .select({
      kind: schema.caseRecords.kind,
      version: schema.caseRecords.version,
      data: schema.caseRecords.data,
      recordedBy: schema.caseRecords.recordedBy,
      recordedAt: schema.caseRecords.recordedAt,
      recorderName: sql<string | null>`(select display_name from staff_users where id = ${schema.caseRecords.recordedBy})`,
    })
    .from(schema.caseRecords)
    .where(eq(schema.caseRecords.caseId, caseId))
    .unionAll(
      db
        .select({
          kind: sql<string>`'check'`,
          version: schema.caseChecks.id,
          data: sql<Record<string, unknown>>`json_object('checkType', ${schema.caseChecks.checkType}, 'result', ${schema.caseChecks.result}, 'findings', json(${schema.caseChecks.findings}), 'doneBy', ${schema.caseChecks.doneBy}, 'otherOfficer', ${schema.caseChecks.otherOfficer}, 'doneAt', ${schema.caseChecks.doneAt}, 'resultSummary', ${schema.caseChecks.resultSummary})`,
          recordedBy: schema.caseChecks.recordedBy,
          recordedAt: schema.caseChecks.recordedAt,
          recorderName: sql<string | null>`(select display_name from staff_users where id = ${schema.caseChecks.recordedBy})`,
        })
        .from(schema.caseChecks)
        .where(eq(schema.caseChecks.caseId, caseId)),
    )
    .all()
    .map((r) => ({ ...r, data: typeof r.data === "string" ? (JSON.parse(r.data) as Record<string, unknown>) : r.data, recordedAt: new Date(r.recordedAt) }));
  return {
    ...row.case,
    assigneeName: row.assigneeName,
    outcomes: JSON.parse(row.outcomes) as string[],
    people,
    timeline: timeline.map((t) => ({ ...t, at: new Date(t.at) })),
    records,
    decisions: (JSON.parse(row.decisions) as DecisionJson[]).map((d) => ({ ...d, decidedAt: new Date(d.decidedAt) })),
  };
}

/** The whole case, for a member of staff, with the consultation logged. */
export function loadCaseForStaff(caseId: number, viewer: StaffUser, requestId?: string, reason = "case page viewed") {
  const view = readCase(caseId);
  if (!view) return null;
  logConsultation(caseId, viewer, requestId, reason);
  return view;
}

/** Just what a form page header needs (reference and stage); not personal data. */
export function caseSummary(caseId: number) {
  return getDb()
    .select({ id: schema.cases.id, reference: schema.cases.reference, status: schema.cases.status, assignedTo: schema.cases.assignedTo, urgent: schema.cases.urgent })
    .from(schema.cases)
    .where(eq(schema.cases.id, caseId))
    .get();
}

/** The latest record of a kind (e.g. the assessment a manager decides on). */
export function latestRecord(caseId: number, kind: string) {
  return getDb()
    .select()
    .from(schema.caseRecords)
    .where(and(eq(schema.caseRecords.caseId, caseId), eq(schema.caseRecords.kind, kind)))
    .orderBy(desc(schema.caseRecords.version))
    .get();
}

/**
 * Other cases about the same subject or the same child: same normalised name and the same
 * date of birth, or (when either has no date) an age within 2 years, or no age information.
 */
export function linkedCases(caseId: number) {
  const db = getDb();
  const mine = db.select().from(schema.casePeople).where(and(eq(schema.casePeople.caseId, caseId), or(eq(schema.casePeople.role, "subject"), eq(schema.casePeople.role, "child")))).all();
  const seen = new Map<number, { caseId: number; reference: string; receivedAt: Date; status: string; matchedAs: string }>();
  for (const person of mine) {
    const candidates = db
      .select({ person: schema.casePeople, reference: schema.cases.reference, receivedAt: schema.cases.receivedAt, status: schema.cases.status })
      .from(schema.casePeople)
      .innerJoin(schema.cases, eq(schema.cases.id, schema.casePeople.caseId))
      .where(and(eq(schema.casePeople.role, person.role), eq(schema.casePeople.normalisedName, person.normalisedName), ne(schema.casePeople.caseId, caseId)))
      .limit(50)
      .all();
    for (const c of candidates) {
      if (!sameAge(person, c.person)) continue;
      if (!seen.has(c.person.caseId)) {
        seen.set(c.person.caseId, { caseId: c.person.caseId, reference: c.reference, receivedAt: c.receivedAt, status: c.status, matchedAs: person.role === "subject" ? "Same subject" : "Same child" });
      }
    }
  }
  return [...seen.values()].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
}

type Aged = { dateOfBirth: string | null; ageYears: number | null; createdAt: Date };

function sameAge(a: Aged, b: Aged): boolean {
  if (a.dateOfBirth && b.dateOfBirth) return a.dateOfBirth === b.dateOfBirth;
  const birthYear = (p: Aged) => (p.dateOfBirth ? Number(p.dateOfBirth.slice(0, 4)) : p.ageYears != null ? p.createdAt.getUTCFullYear() - p.ageYears : null);
  const ya = birthYear(a);
  const yb = birthYear(b);
  return ya === null || yb === null || Math.abs(ya - yb) <= 2;
}

/** Logs a consultation for pages that show part of a case (a form page showing the assessment). */
export function logConsultation(caseId: number, viewer: StaffUser, requestId: string | undefined, reason: string) {
  getDb().transaction((tx) =>
    recordAudit(tx, { action: "consultation", actor: { kind: "staff", id: viewer.id }, entityType: "case", entityId: caseId, reason, requestId }, now()),
  );
}

/** The research checks of a case, oldest first, with who recorded each. */
export function checksOf(caseId: number) {
  return getDb()
    .select({
      id: schema.caseChecks.id,
      checkType: schema.caseChecks.checkType,
      result: schema.caseChecks.result,
      findings: schema.caseChecks.findings,
      childPlans: schema.caseChecks.childPlans,
      doneBy: schema.caseChecks.doneBy,
      otherOfficer: schema.caseChecks.otherOfficer,
      doneAt: schema.caseChecks.doneAt,
      resultSummary: schema.caseChecks.resultSummary,
      relevant: schema.caseChecks.relevant,
    })
    .from(schema.caseChecks)
    .where(eq(schema.caseChecks.caseId, caseId))
    .orderBy(asc(schema.caseChecks.doneAt))
    .all();
}

/** The named children of a case, in order (for the children's social care check). */
export function childrenOf(caseId: number) {
  return getDb()
    .select({ id: schema.casePeople.id, name: schema.casePeople.fullName })
    .from(schema.casePeople)
    .where(and(eq(schema.casePeople.caseId, caseId), eq(schema.casePeople.role, "child")))
    .orderBy(asc(schema.casePeople.position))
    .all();
}

/** The subject's identity as confirmed by the checks (latest version), or null. */
export function confirmedIdentity(caseId: number): { fullName: string; dateOfBirth: string } | null {
  const record = latestRecord(caseId, "subject_identity");
  return record ? { fullName: String(record.data.fullName), dateOfBirth: String(record.data.dateOfBirth) } : null;
}

export function hasApplicant(caseId: number): boolean {
  return !!getDb()
    .select({ id: schema.casePeople.id })
    .from(schema.casePeople)
    .where(and(eq(schema.casePeople.caseId, caseId), eq(schema.casePeople.role, "applicant")))
    .get();
}

/** The assessment the manager decides on, who recorded it and when. */
export function assessmentForDecision(caseId: number) {
  const db = getDb();
  const assessment = latestAssessment(db, caseId);
  if (!assessment) return null;
  const assessor = db.select({ name: schema.staffUsers.displayName }).from(schema.staffUsers).where(eq(schema.staffUsers.id, assessment.recordedBy)).get();
  return { ...assessment, assessorName: assessor?.name ?? "Unknown" };
}

/** A decision signed once that departs from the presumption and waits for a second manager. */
export function pendingCountersignature(caseId: number) {
  const db = getDb();
  const pending = awaitingCountersignature(db, caseId);
  if (!pending) return null;
  const signer = db.select({ name: schema.staffUsers.displayName }).from(schema.staffUsers).where(eq(schema.staffUsers.id, pending.decidedBy)).get();
  return { ...pending, signerName: signer?.name ?? "Unknown" };
}

/**
 * The decision a delivery carries out: the latest signed decision (not a return), with the
 * approved recipient and wording, and whether its second signature (if needed) is given.
 * The printable disclosure record reads the same.
 */
export function approvedDecision(caseId: number) {
  const db = getDb();
  const latest = latestDecision(db, caseId);
  if (!latest || latest.decision === "return") return null;
  const countersigned = db
    .select({ signedAt: schema.caseCountersignatures.signedAt, signedBy: schema.caseCountersignatures.signedBy })
    .from(schema.caseCountersignatures)
    .where(eq(schema.caseCountersignatures.decisionId, latest.id))
    .get();
  if (latest.departure && !countersigned) return null;
  return {
    id: latest.id,
    version: latest.version,
    outcome: latest.outcome,
    recipientPersonId: latest.recipientPersonId,
    recipientName: latest.recipientName,
    recipientReason: latest.recipientReason,
    wording: latest.wording,
    departure: latest.departure,
    /** The moment the decision was complete (the second signature, when one was needed). */
    decidedAt: countersigned?.signedAt ?? latest.decidedAt,
  };
}

/** What the delivery page needs: the approved decision, the applicant's safe routes and what they may be told. */
export function deliveryContext(caseId: number) {
  const db = getDb();
  const decision = approvedDecision(caseId);
  const applicant = db
    .select({ id: schema.casePeople.id, details: schema.casePeople.details })
    .from(schema.casePeople)
    .where(and(eq(schema.casePeople.caseId, caseId), eq(schema.casePeople.role, "applicant")))
    .get();
  const verification = latestRecord(caseId, "verification");
  const policy = applicantMessagePolicy({
    hasApplicant: !!applicant,
    verification: (verification?.data.result as VerificationResult | undefined) ?? null,
    applicantIsRecipient: !!applicant && decision?.recipientPersonId === applicant.id,
    disclosing: decision?.outcome === "disclose",
  });
  return {
    decision,
    policy,
    applicantWording: getSetting("messages.applicantOutcome"),
    safeRoutes: applicant ? ((applicant.details.contactMethods as string[] | undefined) ?? []) : [],
    leaveMessages: applicant?.details.leaveMessages === "yes",
    safeTimes: (applicant?.details.safeTimes as string | null | undefined) ?? null,
  };
}

export type CaseIdentity = NonNullable<ReturnType<typeof caseIdentity>>;

/**
 * What the identity bar and a stage form's evidence need, in one statement: the case's reference,
 * stage, urgency, assignee and next clock, with its people (names, dates of birth, addresses,
 * details) and the concern. Personal data: the caller logs the consultation.
 */
export function caseIdentity(caseId: number) {
  const row = getDb()
    .select({
      case: {
        id: schema.cases.id,
        reference: schema.cases.reference,
        status: schema.cases.status,
        urgent: schema.cases.urgent,
        assignedTo: schema.cases.assignedTo,
        closedAt: schema.cases.closedAt,
        nextDueAt: schema.cases.nextDueAt,
        concern: schema.cases.concern,
        contactTypes: schema.cases.contactTypes,
        contactDetails: schema.cases.contactDetails,
      },
      assigneeName: schema.staffUsers.displayName,
      people: sql<string>`(select json_group_array(json_object('role', p.role, 'position', p.position, 'fullName', p.full_name, 'otherNames', p.other_names, 'dateOfBirth', p.date_of_birth, 'ageYears', p.age_years, 'address', p.address, 'details', p.details)) from (select * from case_people where case_id = ${schema.cases.id} order by role, position) p)`,
    })
    .from(schema.cases)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.cases.assignedTo))
    .where(eq(schema.cases.id, caseId))
    .get();
  if (!row) return null;
  const people = (JSON.parse(row.people) as Array<Omit<PersonJson, "id" | "createdAt">>).map((p) => ({ ...p, details: JSON.parse(p.details) as Record<string, unknown> }));
  return { ...row.case, assigneeName: row.assigneeName, people };
}

/**
 * The referrals and sharing with partner agencies of a case, oldest first, for the case page (and
 * its referrals tab). Callers show them as part of a case read already logged as a consultation.
 */
export function referralsOf(caseId: number) {
  return getDb()
    .select({
      id: schema.caseReferrals.id,
      agency: schema.caseReferrals.agency,
      agencyName: schema.caseReferrals.agencyName,
      team: schema.caseReferrals.team,
      madeAt: schema.caseReferrals.madeAt,
      madeBy: schema.caseReferrals.madeBy,
      method: schema.caseReferrals.method,
      theirReference: schema.caseReferrals.theirReference,
      sharedSummary: schema.caseReferrals.sharedSummary,
      suspectedAbuse: schema.caseReferrals.suspectedAbuse,
      recordedAt: schema.caseReferrals.recordedAt,
      recorderName: sql<string | null>`(select display_name from staff_users where id = ${schema.caseReferrals.recordedBy})`,
    })
    .from(schema.caseReferrals)
    .where(eq(schema.caseReferrals.caseId, caseId))
    .orderBy(asc(schema.caseReferrals.madeAt), asc(schema.caseReferrals.id))
    .all();
}

/** At closure: the outcomes already recorded (earlier stages) and those the decision and delivery settle. */
export function outcomesAtClosure(caseId: number) {
  const db = getDb();
  const row = db.select({ disclosureMade: schema.cases.disclosureMade }).from(schema.cases).where(eq(schema.cases.id, caseId)).get();
  const recorded = db.select({ code: schema.caseOutcomes.code }).from(schema.caseOutcomes).where(eq(schema.caseOutcomes.caseId, caseId)).all().map((r) => r.code);
  return { recorded, derived: derivedFor(db, caseId, row?.disclosureMade ?? null) as string[] };
}
