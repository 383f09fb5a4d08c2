// The one way a case is opened, whatever the channel: online (applications.server.ts), phone,
// station and proactive (staff-cases.server.ts). Inside the caller's transaction it gives the case
// a fresh reference, starts its clocks, stores its people and first timeline lines, logs the s.62
// collection and alerts the reviewers of an urgent case, so every channel leaves the same shape.
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { StaffUser } from "../../db/schema";
import { normaliseName } from "~/domain/names";
import { generateReference } from "~/domain/reference";
import { recordAudit } from "./audit.server";
import { dueDatesFor } from "./case-clocks.server";
import { schema, type Db } from "./db.server";
import { notifyUrgentApplication } from "./staff-notifications.server";

type CaseRow = typeof schema.cases.$inferInsert;
type PersonRow = typeof schema.casePeople.$inferInsert;
type EventRow = typeof schema.caseEvents.$inferInsert;

export type CaseChannel = CaseRow["channel"];

export type CaseOpening = {
  channel: CaseChannel;
  /** The applicant online, or the member of staff who took the application or opened the case. */
  openedBy: { kind: "public" } | { kind: "staff"; user: StaffUser };
  /** Why the case is urgent from the start (the reason code and its timeline line), or null. */
  urgent: { reason: "applicant_danger_now" | "staff_danger_now"; summary: string } | null;
  /** The case's own answers (reference, status, clocks and times are set here). */
  answers: Pick<CaseRow, "contactTypes" | "concern"> &
    Partial<Pick<CaseRow, "contactDetails" | "declarationsAcceptedAt" | "submissionKey" | "overSubmissionLimit">>;
  /** Applicant, children and subject, in that order (each gets the case id and the time here). */
  people: Omit<PersonRow, "caseId" | "createdAt" | "normalisedName">[];
  /** The first timeline line ("Application received online"). */
  receivedSummary: string;
  /** More timeline lines after the urgent one (e.g. an urgent application over the hourly limit). */
  moreEvents?: Pick<EventRow, "actorKind" | "type" | "summary">[];
  /** The s.62 collection: which groups of answers were collected, and how. */
  collected: { fields: string[]; reason: string };
  requestId?: string;
};

/**
 * Opens a case in `tx` at `at` and returns its id and reference. A proactive ("right to be told")
 * case starts at research and checks: there is no application to triage and no applicant to
 * interview, so only the decision clock runs.
 */
export function openCase(tx: Tx, opening: CaseOpening, at: Date): { caseId: number; reference: string } {
  const { channel, openedBy, urgent } = opening;
  const proactive = channel === "proactive";
  const all = dueDatesFor(at, { urgent: urgent !== null });
  const due = proactive ? { riskCheckDueAt: null, interviewDueAt: null, decisionDueAt: all.decisionDueAt } : all;
  const staffId = openedBy.kind === "staff" ? openedBy.user.id : null;
  const reference = uniqueReference(tx);
  const caseId = tx
    .insert(schema.cases)
    .values({
      ...opening.answers,
      reference,
      status: proactive ? "checks" : "received",
      channel,
      urgent: urgent !== null,
      urgentReason: urgent?.reason ?? null,
      receivedAt: at,
      createdBy: staffId,
      ...due,
      nextDueAt: due.riskCheckDueAt ?? due.decisionDueAt,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: schema.cases.id })
    .get().id;

  tx.insert(schema.casePeople)
    .values(opening.people.map((person) => ({ ...person, caseId, normalisedName: normaliseName(person.fullName), createdAt: at })))
    .run();

  const by = { caseId, at, actorKind: openedBy.kind, actorId: staffId };
  tx.insert(schema.caseEvents)
    .values([
      { ...by, type: "application_received", summary: opening.receivedSummary },
      ...(urgent ? [{ ...by, type: "marked_urgent", summary: urgent.summary }] : []),
      ...(opening.moreEvents ?? []).map((event) => ({ ...by, ...event })),
    ])
    .run();

  // s.62: the collection of the case's personal data, in the same transaction as the case.
  recordAudit(
    tx,
    {
      action: "collection",
      actor: staffId === null ? { kind: "public" } : { kind: "staff", id: staffId },
      entityType: "case",
      entityId: caseId,
      fields: opening.collected.fields,
      reason: opening.collected.reason,
      requestId: opening.requestId,
    },
    at,
  );
  if (urgent) notifyUrgentApplication(tx, caseId, reference, at);
  return { caseId, reference };
}

/** A new random reference no case has yet. */
function uniqueReference(tx: Pick<Db, "select">): string {
  for (;;) {
    const reference = generateReference();
    const clash = tx.select({ id: schema.cases.id }).from(schema.cases).where(eq(schema.cases.reference, reference)).get();
    if (!clash) return reference;
  }
}
