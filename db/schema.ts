// Database schema. Relative imports only: drizzle-kit, tsx scripts, Vitest and the
// Remix server bundle all load this file.
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** A case: an application made online, by phone or at a station, or a proactive police case. */
export const cases = sqliteTable(
  "cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Public reference, random with a check character (see app/domain/reference.ts). */
    reference: text("reference").notNull(),
    /** Where the case is in the workflow (app/domain/workflow.ts); "received" awaits the immediate-risk check. */
    status: text("status", {
      enum: ["received", "scope", "verification", "checks", "assessment", "decision", "delivery", "closure", "closed"],
    })
      .notNull()
      .default("received"),
    channel: text("channel", { enum: ["online", "phone", "station", "proactive"] }).notNull(),
    urgent: integer("urgent", { mode: "boolean" }).notNull().default(false),
    /** Why the case is urgent (app/domain/urgency.ts URGENT_REASONS), shown on queues and the case page. */
    urgentReason: text("urgent_reason"),
    /** An urgent application accepted although its address had used its hourly limit: possible misuse. */
    overSubmissionLimit: integer("over_submission_limit", { mode: "boolean" }).notNull().default(false),
    /** T0: every statutory-style clock runs from here (epoch milliseconds, UTC). */
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    /** How the subject has contact with the children: JSON array of contact type codes. */
    contactTypes: text("contact_types", { mode: "json" }).$type<string[]>().notNull(),
    contactDetails: text("contact_details"),
    concern: text("concern").notNull(),
    declarationsAcceptedAt: integer("declarations_accepted_at", { mode: "timestamp_ms" }),
    /** Idempotency key of the submission (the draft it came from); unique so a draft makes one case. */
    submissionKey: text("submission_key"),
    /** Staff member who entered a phone, station or proactive case (null for online). */
    createdBy: integer("created_by"),
    assignedTo: integer("assigned_to"),
    /** The clocks (app/domain/clocks.ts): when each is due, and when it was met. */
    riskCheckDueAt: integer("risk_check_due_at", { mode: "timestamp_ms" }),
    interviewDueAt: integer("interview_due_at", { mode: "timestamp_ms" }),
    decisionDueAt: integer("decision_due_at", { mode: "timestamp_ms" }),
    riskCheckedAt: integer("risk_checked_at", { mode: "timestamp_ms" }),
    interviewedAt: integer("interviewed_at", { mode: "timestamp_ms" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    /** Referral of suspected abuse to children's social care: due (set when abuse is suspected) and made. */
    referralDueAt: integer("referral_due_at", { mode: "timestamp_ms" }),
    referralMadeAt: integer("referral_made_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    /** The earliest due time of a clock not yet met: what queues sort and filter on. */
    nextDueAt: integer("next_due_at", { mode: "timestamp_ms" }),
    lastRetriageAt: integer("last_retriage_at", { mode: "timestamp_ms" }),
    /** For the Annual Data Requirement: did the case concern a registered sex offender, and was anything disclosed. */
    subjectIsRso: integer("subject_is_rso", { mode: "boolean" }),
    disclosureMade: integer("disclosure_made", { mode: "boolean" }),
    /** The signed decision departs from the presumption to disclose (counted in statistics). */
    presumptionDeparture: integer("presumption_departure", { mode: "boolean" }).notNull().default(false),
    /** Retention: when the case is next reviewed (keep or erase), set at closure from the outcome. */
    reviewDueAt: integer("review_due_at", { mode: "timestamp_ms" }),
    /** Set when the personal data was erased; the row stays as an anonymous statistical record. */
    erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("cases_reference_unique").on(t.reference),
    uniqueIndex("cases_submission_key_unique").on(t.submissionKey),
    index("cases_status_received_idx").on(t.status, t.receivedAt),
    index("cases_open_due_idx").on(t.closedAt, t.nextDueAt),
    index("cases_assignee_due_idx").on(t.assignedTo, t.closedAt, t.nextDueAt),
    index("cases_urgent_due_idx").on(t.urgent, t.closedAt, t.nextDueAt),
    index("cases_status_due_idx").on(t.status, t.nextDueAt),
    index("cases_review_due_idx").on(t.erasedAt, t.reviewDueAt),
    index("cases_closed_idx").on(t.status, t.closedAt),
  ],
);

/**
 * What staff record at each stage (immediate-risk check, scope, verification, assessment,
 * delivery, closure, re-triage, extension), validated by the stage's schema in app/domain.
 * Never changed: a correction is a new version.
 */
export const caseRecords = sqliteTable(
  "case_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    version: integer("version").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    recordedBy: integer("recorded_by").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("case_records_version_unique").on(t.caseId, t.kind, t.version)],
);

/**
 * Safeguarding referrals and joint working: each sharing with a partner agency (children's social
 * care, MASH, out-of-hours, health, education, probation, another force). Each is an s.62 disclosure.
 */
export const caseReferrals = sqliteTable(
  "case_referrals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    /** The agency type (setting "referrals.agencies"); `agencyName` names the receiving body in words. */
    agency: text("agency").notNull(),
    agencyName: text("agency_name").notNull(),
    team: text("team"),
    madeAt: integer("made_at", { mode: "timestamp_ms" }).notNull(),
    madeBy: text("made_by").notNull(),
    method: text("method").notNull(),
    theirReference: text("their_reference"),
    sharedSummary: text("shared_summary").notNull(),
    suspectedAbuse: integer("suspected_abuse", { mode: "boolean" }).notNull().default(false),
    recordedBy: integer("recorded_by").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("case_referrals_case_idx").on(t.caseId, t.madeAt), index("case_referrals_made_idx").on(t.madeAt)],
);

/** Research checks, one by one (PNC, PND, ViSOR, …). */
export const caseChecks = sqliteTable(
  "case_checks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    checkType: text("check_type").notNull(),
    doneBy: text("done_by").notNull(),
    doneAt: integer("done_at", { mode: "timestamp_ms" }).notNull(),
    resultSummary: text("result_summary").notNull(),
    relevant: integer("relevant", { mode: "boolean" }).notNull(),
    /** trace / no_trace / not_applicable (app/domain/research-checks.ts); null on checks recorded before results were kept. */
    result: text("result", { enum: ["trace", "no_trace", "not_applicable"] }),
    /** What a trace found (cso_convictions, other_convictions, registered_sex_offender, intelligence). */
    findings: text("findings", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Another officer who did the check with the signed-in user (who is `doneBy`). */
    otherOfficer: text("other_officer"),
    /** Children's social care: each named child's child protection plan status. */
    childPlans: text("child_plans", { mode: "json" }).$type<Array<{ childId: number; status: string }>>().notNull().default([]),
    recordedBy: integer("recorded_by").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("case_checks_case_idx").on(t.caseId)],
);

/**
 * Managers' decisions on a recommendation. Locked once signed (triggers refuse UPDATE); the
 * database refuses a decision by anyone who recorded a check or the assessment (four eyes).
 */
export const caseDecisions = sqliteTable(
  "case_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    decision: text("decision", { enum: ["approve", "reject", "return"] }).notNull(),
    outcome: text("outcome", { enum: ["disclose", "no_disclosure", "other_safeguarding"] }),
    reasons: text("reasons").notNull(),
    assessmentRecordId: integer("assessment_record_id").notNull(),
    /** The version of the assessment the manager read and decided (the form carries it). */
    assessmentVersion: integer("assessment_version"),
    /** For a disclosure: the approved recipient (a case_people row), why best placed, and the words. */
    recipientPersonId: integer("recipient_person_id"),
    recipientName: text("recipient_name"),
    recipientReason: text("recipient_reason"),
    wording: text("wording"),
    /** A departure from the presumption to disclose (app/domain/assessment-rules.ts) and its rationale. */
    departure: text("departure", { enum: ["convictions_not_disclosed", "disclosure_without_information"] }),
    departureRationale: text("departure_rationale"),
    decidedBy: integer("decided_by").notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("case_decisions_version_unique").on(t.caseId, t.version)],
);

/** The second manager's signature on a decision that departs from the presumption. Locked once signed. */
export const caseCountersignatures = sqliteTable(
  "case_countersignatures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => caseDecisions.id, { onDelete: "cascade" }),
    signedBy: integer("signed_by").notNull(),
    signedAt: integer("signed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("case_countersignatures_decision_unique").on(t.decisionId)],
);

export const caseOutcomes = sqliteTable(
  "case_outcomes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    recordedBy: integer("recorded_by"),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("case_outcomes_unique").on(t.caseId, t.code)],
);

export const caseNotes = sqliteTable(
  "case_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: integer("author_id").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId, t.at)],
);

/** England and Wales bank holidays, for clocks counted in working days. Editable by admins. */
export const bankHolidays = sqliteTable("bank_holidays", {
  date: text("date").primaryKey(),
  name: text("name").notNull(),
});

/** Reminders already sent, so a clock reminder goes out once per case, clock and kind. */
export const notificationsSent = sqliteTable(
  "notifications_sent",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("notifications_sent_key_unique").on(t.dedupeKey)],
);

/**
 * People in a case and their role. One table for every role so later stages (the recipient
 * best placed to protect the child, linked-record search, erasure) work on one shape.
 * Role-specific answers live in `details` (JSON); the columns are what is searched or shown everywhere.
 */
export const casePeople = sqliteTable(
  "case_people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["applicant", "child", "subject", "recipient"] }).notNull(),
    /** Order within the role (children 1..10). */
    position: integer("position").notNull().default(1),
    fullName: text("full_name").notNull(),
    /** Lower-cased, accents and punctuation removed: for matching linked records. */
    normalisedName: text("normalised_name").notNull(),
    otherNames: text("other_names"),
    /** ISO date (YYYY-MM-DD) when known. */
    dateOfBirth: text("date_of_birth"),
    /** Age in years when the date of birth is not known (may be approximate). */
    ageYears: integer("age_years"),
    address: text("address"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("case_people_case_idx").on(t.caseId, t.role, t.position),
    index("case_people_name_idx").on(t.role, t.normalisedName),
    index("case_people_dob_idx").on(t.dateOfBirth),
  ],
);

/** The timeline of a case: every event, in order. No personal data in `summary`. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    /** Staff user id, or null for the public / the system. */
    actorId: integer("actor_id"),
    actorKind: text("actor_kind", { enum: ["public", "staff", "system"] }).notNull(),
    type: text("type").notNull(),
    summary: text("summary").notNull(),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.at)],
);

/**
 * An application in progress, held server-side. The browser holds only a random token;
 * we store its SHA-256 so a copy of the database cannot be used to open someone's draft.
 */
export const applicationDrafts = sqliteTable(
  "application_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    submittedCaseId: integer("submitted_case_id").references(() => cases.id, {
      onDelete: "set null",
    }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("application_drafts_token_unique").on(t.tokenHash),
    index("application_drafts_expires_idx").on(t.expiresAt),
  ],
);

/** Transactional outbox: written in the same transaction as the change, delivered by a worker. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** What kind of message (e.g. "application_acknowledgement"); never personal data. */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Given up after too many attempts (kept for an operator to see). */
    failedAt: integer("failed_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_due_idx").on(t.sentAt, t.failedAt, t.nextAttemptAt)],
);

export type Case = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type CasePerson = typeof casePeople.$inferSelect;
export type NewCasePerson = typeof casePeople.$inferInsert;
export type ApplicationDraft = typeof applicationDrafts.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;


// ---------------------------------------------------------------------------------------------
// Staff, sessions and the access log
// ---------------------------------------------------------------------------------------------

export const STAFF_ROLES = ["reviewer", "manager", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Lower-cased. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    roles: text("roles", { mode: "json" }).$type<StaffRole[]>().notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Reviewers on duty receive urgent-application alerts. */
    onDuty: integer("on_duty", { mode: "boolean" }).notNull().default(true),
    /** argon2id PHC string; null until the person sets it through their set-up link. */
    passwordHash: text("password_hash"),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    /** TOTP secret, encrypted with a key derived from SESSION_SECRET (AES-256-GCM). */
    totpSecret: text("totp_secret"),
    totpEnrolledAt: integer("totp_enrolled_at", { mode: "timestamp_ms" }),
    /** The last 30-second step accepted: a code is usable once. */
    totpLastStep: integer("totp_last_step"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    deactivatedAt: integer("deactivated_at", { mode: "timestamp_ms" }),
    /** Wrong second-factor codes (authenticator or recovery) in a row, across all sessions. */
    codeFailures: integer("code_failures").notNull().default(0),
    codeFailedAt: integer("code_failed_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("staff_users_email_unique").on(t.email)],
);

/**
 * Two-person rule for account changes: resetting an enrolled second factor, granting the
 * manager or admin role. One admin asks; another (not the person concerned) decides.
 */
export const staffApprovals = sqliteTable(
  "staff_approvals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["reset_second_factor", "grant_roles"] }).notNull(),
    /** For grant_roles: the whole set of roles the person will have. */
    roles: text("roles", { mode: "json" }).$type<StaffRole[]>(),
    requestedBy: integer("requested_by").notNull(),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    decision: text("decision", { enum: ["approved", "rejected"] }),
    decidedBy: integer("decided_by"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("staff_approvals_user_idx").on(t.userId, t.decision)],
);
export type StaffApproval = typeof staffApprovals.$inferSelect;

export const staffRecoveryCodes = sqliteTable(
  "staff_recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("staff_recovery_codes_user_idx").on(t.userId)],
);

export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    /** SHA-256 of the 128-bit random token the cookie holds. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    /** password: second factor still to give; enrol: second factor still to set up; active: signed in. */
    stage: text("stage", { enum: ["password", "enrol", "active"] }).notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    /** Absolute expiry, fixed at creation. */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** When a TOTP code was last given in this session (step-up for sensitive actions). */
    secondFactorAt: integer("second_factor_at", { mode: "timestamp_ms" }),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
    /** The success message waiting for the next view of `path` (services/notice.server.ts). */
    notice: text("notice", { mode: "json" }).$type<{ path: string; text: string }>(),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);

/** One-time links: account set-up (and later password reset). Only the hash is stored. */
export const staffTokens = sqliteTable(
  "staff_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["setup"] }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("staff_tokens_hash_unique").on(t.tokenHash)],
);

/** Failed sign-ins per email address (hashed; kept whether or not the account exists). */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  windowStart: integer("window_start", { mode: "timestamp_ms" }).notNull(),
  windowFailures: integer("window_failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
});

/** Per-force settings (clocks, timeouts, lists), as JSON values with defaults in code. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: integer("updated_by"),
});

/**
 * The DPA 2018 s.62 log. Append-only (triggers refuse UPDATE and DELETE) and hash-chained:
 * each row's `hash` is SHA-256 over its content and the previous row's hash.
 * It records which fields changed, never their values.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorKind: text("actor_kind", { enum: ["staff", "public", "system"] }).notNull(),
    actorId: integer("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    fields: text("fields", { mode: "json" }).$type<string[]>(),
    reason: text("reason"),
    recipient: text("recipient"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_at_idx").on(t.at),
  ],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

/**
 * A failed form's result, kept on the server for the page to show once after POST → 303 → GET
 * (so "Error: " can be in the title without JavaScript). The browser holds only a random token.
 */
export const formFlash = sqliteTable(
  "form_flash",
  {
    tokenHash: text("token_hash").primaryKey(),
    formKey: text("form_key").notNull(),
    result: text("result", { mode: "json" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("form_flash_expires_idx").on(t.expiresAt)],
);

/** Retention reviews: a reviewer proposes keep (with a new date) or erase; erasure needs a manager. */
export const retentionReviews = sqliteTable(
  "retention_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    proposal: text("proposal", { enum: ["keep", "erase"] }).notNull(),
    reason: text("reason").notNull(),
    newReviewAt: integer("new_review_at", { mode: "timestamp_ms" }),
    proposedBy: integer("proposed_by").notNull(),
    proposedAt: integer("proposed_at", { mode: "timestamp_ms" }).notNull(),
    decision: text("decision", { enum: ["approved", "rejected"] }),
    decidedBy: integer("decided_by"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("retention_reviews_case_idx").on(t.caseId, t.proposedAt)],
);

export type CaseDecision = typeof caseDecisions.$inferSelect;
export type CaseReferral = typeof caseReferrals.$inferSelect;

// Migration 0012 also creates `case_people_search`, an FTS5 trigram index (contentless) over each
// person's names and address, kept in step with case_people by triggers. drizzle has no type for
// virtual tables: app/services/case-search.server.ts queries it with SQL.

/**
 * A search a member of staff ran, kept briefly so its results page has a plain address (a random
 * token, nothing personal in the URL) that survives Back and reload. Only its owner can open it.
 */
export const staffSearches = sqliteTable(
  "staff_searches",
  {
    /** SHA-256 of the token in the results page's address. */
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    criteria: text("criteria", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("staff_searches_expires_idx").on(t.expiresAt)],
);

/** Typed answers of a long staff form (assessment, delivery), kept per person and case until sent. */
export const staffFormDrafts = sqliteTable(
  "staff_form_drafts",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    form: text("form").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.caseId, t.form] })],
);
