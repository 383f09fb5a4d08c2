import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import {
  completeApplication,
  firstIncompleteStep,
  isUrgent,
  type Application,
  type Child,
  type Step,
} from "~/domain/application";
import { addressKey } from "~/domain/addresses";
import { parseDateParts } from "~/domain/dates";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, schema, type Db } from "./db.server";
import type { Draft } from "./drafts.server";
import { log } from "./logger.server";
import { openCase } from "./open-case.server";
import { enqueueEmail } from "./outbox.server";
import { createLimiter } from "./rate-limit.server";

export type SubmitResult =
  | { kind: "submitted"; reference: string }
  | { kind: "incomplete"; step: Step }
  | { kind: "rate-limited" };

const HOUR = 60 * 60 * 1000;

/** The timeline line of an urgent application accepted over the per-address limit. */
export const SUBMISSION_LIMIT_EVENT =
  "Sent urgent from a connection that had already used its hourly application limit: accepted, but check for misuse";
const holder = globalThis as typeof globalThis & { __csodsSubmitLimiter?: ReturnType<typeof createLimiter> };

function limiter() {
  holder.__csodsSubmitLimiter ??= createLimiter(getConfig().submissionsPerIpPerHour, HOUR);
  return holder.__csodsSubmitLimiter;
}

/**
 * Turns a complete draft into a case, exactly once. The draft is the idempotency key:
 * a double click, a resubmit after Back or parallel posts all get the first reference.
 */
export function submitApplication(draft: Draft, clientIp: string, requestId?: string): SubmitResult {
  const db = getDb();
  const at = now();
  const already = submittedReference(draft.id);
  if (already) return { kind: "submitted", reference: already };

  const application = completeApplication(draft.data, at);
  if (!application) return { kind: "incomplete", step: firstIncompleteStep(draft.data, at) ?? "danger" };
  // An urgent application is never refused by the per-address limit (a shared or mobile connection
  // must not block it); it still counts, and staff see that it came over the limit.
  // Keyed on the address (an IPv6 /64 as one); RATE_LIMITS=off leaves limiting to the edge.
  const address = addressKey(clientIp);
  const limited = getConfig().rateLimits;
  const overLimit = limited && limiter().isLimited(address, at.getTime());
  if (overLimit && !isUrgent(draft.data)) return { kind: "rate-limited" };

  const result = db.transaction(
    (tx) => {
      // Re-read inside the write transaction: a parallel post may have just submitted it.
      const again = tx
        .select({ caseId: schema.applicationDrafts.submittedCaseId })
        .from(schema.applicationDrafts)
        .where(eq(schema.applicationDrafts.id, draft.id))
        .get();
      if (again?.caseId) return { reference: referenceOf(tx, again.caseId), created: false };
      const { caseId, reference } = insertCase(tx, application, draft.id, at, overLimit, requestId);
      tx.update(schema.applicationDrafts)
        // The answers now live in the case; the draft keeps only the link to it.
        .set({ submittedCaseId: caseId, data: {}, updatedAt: at })
        .where(eq(schema.applicationDrafts.id, draft.id))
        .run();
      return { reference, created: true, caseId };
    },
    { behavior: "immediate" },
  );
  if (result.created) {
    if (limited) limiter().record(address, at.getTime());
    log.info("application_submitted", { caseId: result.caseId, urgent: isUrgent(draft.data) });
  }
  return { kind: "submitted", reference: result.reference };
}

export function submittedReference(draftId: number): string | null {
  const row = getDb()
    .select({ reference: schema.cases.reference })
    .from(schema.applicationDrafts)
    .innerJoin(schema.cases, eq(schema.cases.id, schema.applicationDrafts.submittedCaseId))
    .where(eq(schema.applicationDrafts.id, draftId))
    .get();
  return row?.reference ?? null;
}

/**
 * What the confirmation page needs: the reference and the ways the applicant chose to be contacted
 * (so it speaks of those only). Null when the draft made no case. The draft itself is emptied at
 * submission, so the routes are read from the case.
 */
export function submittedConfirmation(draftId: number): { reference: string; contactMethods: string[] } | null {
  const db = getDb();
  const row = db
    .select({ reference: schema.cases.reference, caseId: schema.cases.id })
    .from(schema.applicationDrafts)
    .innerJoin(schema.cases, eq(schema.cases.id, schema.applicationDrafts.submittedCaseId))
    .where(eq(schema.applicationDrafts.id, draftId))
    .get();
  if (!row) return null;
  const applicant = db
    .select({ details: schema.casePeople.details })
    .from(schema.casePeople)
    .where(and(eq(schema.casePeople.caseId, row.caseId), eq(schema.casePeople.role, "applicant")))
    .get();
  const methods = applicant?.details.contactMethods;
  return { reference: row.reference, contactMethods: Array.isArray(methods) ? methods.filter((m): m is string => typeof m === "string") : [] };
}

function referenceOf(tx: Pick<Db, "select">, caseId: number): string {
  return tx.select({ r: schema.cases.reference }).from(schema.cases).where(eq(schema.cases.id, caseId)).get()!.r;
}

function isoDateOrNull(p: { dobKnown?: string; dobDay?: string; dobMonth?: string; dobYear?: string }, today: Date) {
  if (p.dobKnown && p.dobKnown !== "date") return null;
  const r = parseDateParts({ day: p.dobDay, month: p.dobMonth, year: p.dobYear }, "Date of birth", today);
  return r.ok ? r.iso : null;
}

function insertCase(tx: Tx, app: Application, draftId: number, at: Date, overLimit: boolean, requestId?: string) {
  const { applicant, contact, subject } = app;
  const opened = openCase(
    tx,
    {
      channel: "online",
      openedBy: { kind: "public" },
      urgent: app.danger.childInDanger === "yes" ? { reason: "applicant_danger_now", summary: "Applicant said a child is in danger now" } : null,
      answers: {
        overSubmissionLimit: overLimit,
        contactTypes: app.subjectContact.contactTypes,
        contactDetails: app.subjectContact.contactDetails ?? null,
        concern: app.concern.concern,
        declarationsAcceptedAt: at,
        submissionKey: `draft-${draftId}`,
      },
      people: [
        {
          role: "applicant",
          position: 1,
          fullName: applicant.fullName,
          otherNames: applicant.otherNames ?? null,
          dateOfBirth: isoDateOrNull(applicant, at),
          address: [applicant.addressLine1, applicant.addressLine2, applicant.town, applicant.postcode.toUpperCase()]
            .filter(Boolean)
            .join("\n"),
          details: {
            language: applicant.language ?? null,
            interpreter: applicant.interpreter,
            accessibilityNeeds: applicant.accessibilityNeeds ?? null,
            contactMethods: contact.methods,
            email: contact.email ?? null,
            phone: contact.phone ?? null,
            safeTimes: contact.safeTimes ?? null,
            leaveMessages: contact.leaveMessages,
            safetyNotes: contact.safetyNotes ?? null,
          },
        },
        ...app.children.map((child: Child, i: number) => ({
          role: "child" as const,
          position: i + 1,
          fullName: child.fullName,
          dateOfBirth: isoDateOrNull(child, at),
          ageYears: child.dobKnown === "age" ? Number(child.age) : null,
          address: child.livesWith,
          details: {
            gender: child.gender,
            applicantRelationship: child.applicantRelationship,
            subjectRelationship: child.subjectRelationship ?? null,
            parentsAware: child.parentsAware,
          },
        })),
        {
          role: "subject",
          position: 1,
          fullName: subject.fullName,
          otherNames: subject.otherNames ?? null,
          dateOfBirth: isoDateOrNull(subject, at),
          ageYears: subject.dobKnown === "age" ? Number(subject.age) : null,
          address: subject.addressKnown === "yes" ? (subject.address ?? null) : null,
          details: {
            ageIsApproximate: subject.dobKnown === "age",
            description: subject.description ?? null,
            occupation: subject.occupation ?? null,
            relationshipToApplicant: subject.relationshipToApplicant ?? null,
          },
        },
      ],
      receivedSummary: "Application received online",
      moreEvents: overLimit ? [{ actorKind: "system", type: "over_submission_limit", summary: SUBMISSION_LIMIT_EVENT }] : [],
      collected: {
        fields: ["applicant", "contact", "children", "subject", "subject_contact", "concern", "declarations"],
        reason: "application submitted online",
      },
      requestId,
    },
    at,
  );

  if (contact.methods.includes("email") && contact.email) {
    enqueueEmail(tx, {
      kind: "application_acknowledgement",
      to: contact.email,
      ...acknowledgementEmail(opened.reference),
      now: at,
    });
  }
  return opened;
}

/**
 * Deliberately plain: someone else may read the applicant's email. It names no child,
 * no person, no scheme and no offence — only the reference and how to get help.
 */
export function acknowledgementEmail(reference: string): { subject: string; text: string } {
  const { forceName } = getConfig();
  return {
    subject: `${forceName}: your reference ${reference}`,
    text: [
      "Thank you. We have received your enquiry.",
      "",
      `Your reference is ${reference}.`,
      "",
      "We will contact you only in the way you told us is safe.",
      "",
      "If a child is in danger now, call 999.",
      "",
      forceName,
    ].join("\n"),
  };
}
