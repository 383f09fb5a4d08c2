// What binds one stage to the next: a decision to the assessment version the manager read, a
// delivery to the decision signed, and what the applicant may be told to the facts of the case.
// Pure functions over plain values.
import { formatDateTime } from "./time";

export const STALE_ASSESSMENT = "The assessment changed since you opened it — read it again";
export const STALE_DECISION = "The decision changed since you opened this page — read it again";

/** A decision may only be signed against the assessment version the manager was shown. */
export function assessmentVersionBlocker(shownAssessmentId: number | null | undefined, latestAssessmentId: number | null): string | null {
  if (latestAssessmentId === null) return "There is no assessment to decide on";
  return shownAssessmentId === latestAssessmentId ? null : STALE_ASSESSMENT;
}

/** A second signature or a delivery is bound to the decision shown on the page. */
export function decisionVersionBlocker(shownDecisionId: number | null | undefined, latestDecisionId: number | null): string | null {
  if (latestDecisionId === null) return "There is no signed decision";
  return shownDecisionId === latestDecisionId ? null : STALE_DECISION;
}

/** Delivery cannot be dated before the decision was signed (to the minute: times are entered in minutes). */
export function deliveryDateBlocker(deliveredAt: Date, decidedAt: Date): string | null {
  const decidedMinute = Math.floor(decidedAt.getTime() / 60_000) * 60_000;
  return deliveredAt.getTime() < decidedMinute
    ? `The date and time cannot be before the decision was signed (${formatDateTime(decidedAt)})`
    : null;
}

export type ApprovedDisclosure = { recipientPersonId: number; recipientName: string; wording: string };

/**
 * The disclosure recorded is the one approved: same recipient, same words. Anything else needs
 * a new decision. (The delivery form shows them read-only; this guards forged posts.)
 */
export function disclosureMismatch(
  approved: ApprovedDisclosure,
  recorded: { recipientPersonId?: number | null; wording?: string | null },
): string | null {
  if (recorded.recipientPersonId != null && recorded.recipientPersonId !== approved.recipientPersonId) {
    return "A disclosure to anyone other than the approved recipient needs a new decision";
  }
  if (recorded.wording != null && recorded.wording.trim() !== approved.wording.trim()) {
    return "A disclosure in other words than those approved needs a new decision";
  }
  return null;
}

export type VerificationResult = "verified" | "not_verified" | "anonymous";

export type ApplicantMessagePolicy =
  /** A proactive case: nobody asked. */
  | { kind: "no_applicant" }
  /** Unverified or anonymous: told nothing under the scheme. */
  | { kind: "none"; reason: string }
  /** The applicant is the person best placed and receives the disclosure itself. */
  | { kind: "is_recipient" }
  /** Told only the controlled wording, by a safe route. */
  | { kind: "controlled" };

/**
 * What the applicant may be told (csods.md §8): an unverified or anonymous applicant nothing
 * under the scheme; an applicant who is not the person receiving a disclosure only the force's
 * controlled wording, which never says whether a disclosure was made to someone else or whether
 * the subject has a record.
 */
export function applicantMessagePolicy(input: {
  hasApplicant: boolean;
  verification: VerificationResult | null;
  applicantIsRecipient: boolean;
  disclosing: boolean;
}): ApplicantMessagePolicy {
  if (!input.hasApplicant) return { kind: "no_applicant" };
  if (input.verification !== "verified") {
    return {
      kind: "none",
      reason:
        input.verification === "anonymous"
          ? "The applicant is anonymous, so they are told nothing under the scheme. Act on any risk to the child as usual."
          : "The applicant was not verified, so they are told nothing under the scheme. Act on any risk to the child as usual.",
    };
  }
  if (input.disclosing && input.applicantIsRecipient) return { kind: "is_recipient" };
  return { kind: "controlled" };
}

export const DEFAULT_APPLICANT_WORDING =
  "The police have considered your application under the Child Sex Offender Disclosure Scheme and have taken any action needed to protect the child. We cannot tell you more than this. If you are worried about a child's safety at any time, call 999 in an emergency or 101 otherwise.";

export const DEFAULT_NOT_PROGRESSED_WORDING =
  "The police have considered your application. It cannot be taken forward under the Child Sex Offender Disclosure Scheme. If you are worried about a child's safety at any time, call 999 in an emergency or 101 otherwise.";
