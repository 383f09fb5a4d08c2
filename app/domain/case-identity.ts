// The identity bar at the top of every case page and stage form (after the MOJ Pattern Library's
// identity bar): who the case is about and where it stands. And the evidence each stage form is
// shown beside: the concern on the immediate-risk check, the subject's details on the checks.
import { SUBJECT_CONTACT_TYPES } from "./application";
import { clockState, describeDue, type ClockState } from "./clocks";
import { formatIsoDate } from "./time";
import { STATUS_NAMES, type Action, type Status } from "./workflow";

export type IdentityPerson = {
  role: "applicant" | "child" | "subject" | "recipient";
  position: number;
  fullName: string;
  otherNames: string | null;
  dateOfBirth: string | null;
  ageYears: number | null;
  address: string | null;
  details: Record<string, unknown>;
};

export type IdentitySource = {
  id: number;
  reference: string;
  status: Status;
  urgent: boolean;
  closedAt: Date | null;
  nextDueAt: Date | null;
  assigneeName: string | null;
  concern: string;
  contactTypes: string[];
  contactDetails: string | null;
  people: IdentityPerson[];
};

export type CaseBar = {
  id: number;
  reference: string;
  stage: string;
  closed: boolean;
  urgent: boolean;
  children: string[];
  subject: string | null;
  assignee: string | null;
  /** The next clock, in words ("Due in 3 days", "Overdue by 2 hours"), or null when none runs. */
  nextDue: { text: string; state: ClockState } | null;
};

export function caseBar(c: IdentitySource, at: Date): CaseBar {
  const byRole = (role: IdentityPerson["role"]) => c.people.filter((p) => p.role === role).sort((a, b) => a.position - b.position);
  return {
    id: c.id,
    reference: c.reference,
    stage: STATUS_NAMES[c.status],
    closed: c.status === "closed",
    urgent: c.urgent,
    children: byRole("child").map((p) => p.fullName),
    subject: byRole("subject")[0]?.fullName ?? null,
    assignee: c.assigneeName,
    nextDue: c.closedAt || !c.nextDueAt ? null : { text: describeDue(c.nextDueAt, at), state: clockState(c.nextDueAt, null, at) },
  };
}

/** The sections of a case, in the sub-navigation's order. */
export const CASE_SECTIONS = {
  summary: "Summary",
  application: "Application",
  checks: "Checks",
  assessment: "Assessment",
  decision: "Decision",
  delivery: "Delivery",
  referrals: "Referrals",
  timeline: "Timeline",
  notes: "Notes",
} as const;
export type CaseSection = keyof typeof CASE_SECTIONS;

/** Which section a stage form belongs to (highlighted in the sub-navigation on the form). */
export const SECTION_OF_ACTION: Partial<Record<Action, CaseSection>> = {
  risk_check: "checks",
  scope_in: "checks",
  verification: "checks",
  add_check: "checks",
  complete_checks: "checks",
  submit_assessment: "assessment",
  approve: "decision",
  extend: "decision",
  record_delivery: "delivery",
  close: "delivery",
  side_exit: "summary",
  retriage: "summary",
};

export type Evidence = { title: string; rows: Array<{ key: string; value: string }> };

function ageText(p: IdentityPerson): string {
  if (p.dateOfBirth) return formatIsoDate(p.dateOfBirth);
  if (p.ageYears != null) return `${p.details.ageIsApproximate ? "About " : ""}${p.ageYears} years old`;
  return "Not known";
}

/** What a stage form needs in view to be filled in well. */
export function evidenceFor(action: Action, c: IdentitySource): Evidence[] {
  const children = c.people.filter((p) => p.role === "child").sort((a, b) => a.position - b.position);
  const subject = c.people.find((p) => p.role === "subject");
  const subjectCard = (): Evidence[] =>
    subject
      ? [
          {
            title: "The subject (the person asked about)",
            rows: [
              { key: "Name", value: subject.fullName },
              { key: "Other names", value: subject.otherNames ?? "None given" },
              { key: "Date of birth or age", value: ageText(subject) },
              { key: "Address", value: subject.address ?? "Not known" },
              { key: "Description", value: String(subject.details.description ?? "None given") },
              { key: "Occupation", value: String(subject.details.occupation ?? "Not known") },
            ],
          },
        ]
      : [];
  const childrenCard = (): Evidence => ({
    title: children.length === 1 ? "The child" : "The children",
    rows: children.map((p) => ({ key: p.fullName, value: `${ageText(p)}. Lives with or at: ${p.address ?? "not known"}` })),
  });
  const concernCard = (): Evidence => ({
    title: "The concern",
    rows: [
      { key: "Why the applicant is worried", value: c.concern || "Not recorded" },
      { key: "How the subject has contact", value: c.contactTypes.map((t) => SUBJECT_CONTACT_TYPES[t as keyof typeof SUBJECT_CONTACT_TYPES] ?? t).join("\n") },
      ...(c.contactDetails ? [{ key: "More about the contact", value: c.contactDetails }] : []),
    ],
  });
  switch (action) {
    case "risk_check":
    case "retriage":
      return [concernCard(), childrenCard()];
    case "scope_in":
      return [concernCard(), childrenCard(), ...subjectCard()];
    case "add_check":
    case "complete_checks":
      return [...subjectCard(), childrenCard()];
    default:
      return [];
  }
}
