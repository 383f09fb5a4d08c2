// Safeguarding referrals and joint working (csods.md §8): the forms staff use when they share a
// case with a partner agency, and the strategy discussion that follows. Field specifications
// (app/domain/form-spec.ts); the agency list is the force's setting "referrals.agencies".
import { defineForm, YES_NO } from "./form-spec";

const LONG = 5000;

export const REFERRAL_METHODS = {
  phone: "Phone call",
  secure_email: "Secure email",
  online_form: "Online referral form",
  in_person: "In person or at a meeting",
  mash_system: "MASH system",
  other: "Other",
} as const;

export const STRATEGY_OUTCOMES = {
  single_agency: "Single-agency action",
  joint_s47: "Joint section 47 enquiry",
  nfa: "No further action",
} as const;

/** The receiving body in words, for the s.62 log and the case page: "Children's social care (Leeds City Council)". */
export function receivingAgency(agency: string, name: string | null | undefined): string {
  return name ? `${agency} (${name})` : agency;
}

/** Agencies whose referral meets the clock for a referral of suspected abuse to children's social care. */
export function isSocialCareRoute(agency: string): boolean {
  return /social care|MASH|safeguarding hub|out-of-hours|out of hours/i.test(agency);
}

/** The referral form for this force's agency list (each agency is its own answer and label). */
export function referralForm(agencies: readonly string[]) {
  return defineForm({
    agency: {
      kind: "radios",
      label: "Which agency was the case referred to or shared with?",
      options: Object.fromEntries(agencies.map((a) => [a, a])) as Record<string, string>,
      required: "Select the agency",
    },
    agencyName: {
      kind: "text",
      label: "Name of the local authority, force or organisation",
      hint: "For example, Leeds City Council children's social care, or West Yorkshire Police",
      max: 200,
      required: "Enter the name of the local authority, force or organisation",
      noun: "The name of the organisation",
    },
    team: { kind: "text", label: "Team (optional)", summary: { label: "Team" }, max: 200, noun: "The team" },
    made: { kind: "date", label: "When was the referral made?", summary: { label: "Made at" }, errorLabel: "The date of the referral", withTime: "madeTime", recordKey: "madeAt" },
    madeTime: { kind: "time", label: "Time", hint: "For example, 14:30", errorLabel: "the time of the referral", summary: false },
    madeBy: { kind: "text", label: "Who made the referral", max: 100, required: "Enter who made the referral", noun: "Who made the referral" },
    method: { kind: "radios", label: "How was it made?", options: REFERRAL_METHODS, required: "Select how the referral was made" },
    theirReference: { kind: "text", label: "Their reference (optional)", summary: { label: "Their reference" }, max: 100, noun: "Their reference" },
    sharedSummary: {
      kind: "textarea",
      label: "What was shared",
      hint: "A summary: what information went to the agency. It is logged as a disclosure to them.",
      max: LONG,
      required: "Enter a summary of what was shared",
      noun: "The summary of what was shared",
    },
    suspectedAbuse: { kind: "radios", label: "Is this a referral of suspected abuse?", options: YES_NO, required: "Select yes if this is a referral of suspected abuse" },
  });
}

export type ReferralForm = ReturnType<typeof referralForm>;

export const strategyDiscussionForm = defineForm({
  held: { kind: "date", label: "When was the strategy discussion held?", summary: { label: "Held on" }, errorLabel: "The date of the strategy discussion", recordKey: "heldOn" },
  agenciesPresent: {
    kind: "textarea",
    label: "Agencies present",
    hint: "For example, children's social care, police, health, the child's school",
    max: 1000,
    required: "Enter the agencies present",
    noun: "The agencies present",
  },
  outcome: { kind: "radios", label: "Outcome", options: STRATEGY_OUTCOMES, required: "Select the outcome of the strategy discussion" },
  notes: { kind: "textarea", label: "Notes (optional)", summary: { label: "Notes" }, max: LONG, noun: "Notes" },
});
