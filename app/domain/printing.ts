// What goes on paper: the disclosure record with the confidentiality undertaking the recipient
// signs, and the outcome letter to an applicant who said post is safe. Pure: the route reads the
// case (logged as a consultation) and hands plain values here.
import { DEFAULT_APPLICANT_WORDING, DEFAULT_NOT_PROGRESSED_WORDING } from "./decision-binding";
import { formatDate, formatDateTime } from "./time";
import { normaliseName } from "./names";

/** The Government Security Classification every printed page carries. */
export const PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE";

/** Said to every recipient and printed on the record they keep a copy of. */
export const ONWARD_DISCLOSURE_WARNINGS = [
  "This information is given to you in confidence, only so that you can protect the child or children named on this record.",
  "Do not share it with anyone else unless the police have agreed. If you think someone else needs to know, talk to the officers first.",
  "Do not confront the person it is about, and do not tell them or anyone else how you came to know it.",
  "Sharing or misusing it may lead to legal action against you, and could put the child, you or others at risk.",
  "If a child is in danger now, call 999. If you are worried about a child's safety, call 101.",
] as const;

/** The undertaking the recipient signs; `{children}` is replaced by the names of the children. */
export const CONFIDENTIALITY_UNDERTAKING = [
  "I understand that the information the police have told me is confidential.",
  "I will use it only to protect {children}.",
  "I will not share it with anyone else without the agreement of the police.",
  "I understand that if I share or misuse it, legal action may be taken against me.",
  "I have been told what the information is, why it has been given to me, and what to do if I am worried about a child's safety.",
] as const;

export type PrintPerson = { role: string; fullName: string; address: string | null; details: Record<string, unknown> };
export type PrintRecord = { kind: string; version: number; data: Record<string, unknown>; recordedAt: Date };
export type PrintDecision = {
  decision: string;
  outcome: string | null;
  decidedAt: Date;
  deciderName: string | null;
  /** For a disclosure: the recipient and the words the decision approved (issue 10). */
  recipientName?: string | null;
  wording?: string | null;
};

export type DisclosureRecordInput = {
  reference: string;
  forceName: string;
  people: PrintPerson[];
  records: PrintRecord[];
  /** Newest first. */
  decisions: PrintDecision[];
};

export type DisclosureRecord = {
  reference: string;
  forceName: string;
  recipient: string;
  relationship: string | null;
  children: string[];
  wording: string;
  /** The warnings said to the recipient: the standard ones and any recorded at delivery. */
  warnings: string[];
  recordedWarnings: string | null;
  undertaking: string[];
  authorisedBy: string | null;
  authorisedOn: string | null;
  /** Filled in from the delivery record once it is recorded; blank lines to write on before. */
  deliveredAt: string | null;
  place: string | null;
  officers: string | null;
  undertakingResult: string | null;
};

function latest(records: PrintRecord[], kind: string, where: (r: PrintRecord) => boolean = () => true): PrintRecord | undefined {
  return records.filter((r) => r.kind === kind && where(r)).sort((a, b) => b.version - a.version || b.recordedAt.getTime() - a.recordedAt.getTime())[0];
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** The signed decision that stands (a return is not a decision on the outcome). */
function standingDecision(decisions: PrintDecision[]): PrintDecision | undefined {
  return decisions.find((d) => d.decision !== "return");
}

/**
 * The disclosure record to print, or why there is none: only a case whose standing decision is
 * to disclose has one. Recipient and wording are those approved (the assessment's, as the
 * delivery page shows them); once delivery is recorded, its date, place and officers fill the lines.
 */
export function disclosureRecord(input: DisclosureRecordInput): { ok: true; record: DisclosureRecord } | { ok: false; reason: string } {
  const decision = standingDecision(input.decisions);
  if (!decision || decision.outcome !== "disclose") {
    return { ok: false, reason: "No disclosure has been approved on this case, so there is no disclosure record to print." };
  }
  const assessment = latest(input.records, "assessment");
  const delivery = latest(input.records, "delivery", (r) => r.data.kind === "disclosure");
  const recipientPerson = input.people.find((p) => p.role === "recipient");
  const children = input.people.filter((p) => p.role === "child").map((p) => p.fullName);
  const recordedWarnings = text(delivery?.data.warningsGiven);
  const undertakingResult = delivery ? (delivery.data.undertaking === "signed" ? "Signed" : delivery.data.undertaking === "refused" ? "Refused" : null) : null;
  return {
    ok: true,
    record: {
      reference: input.reference,
      forceName: input.forceName,
      // The signed decision's recipient and words first: a disclosure carries out that decision.
      recipient: text(decision.recipientName) ?? text(delivery?.data.recipientName) ?? text(assessment?.data.recipientName) ?? recipientPerson?.fullName ?? "",
      relationship: text(assessment?.data.recipientRelationship) ?? text(recipientPerson?.details.relationshipToChild),
      children,
      wording: text(decision.wording) ?? text(delivery?.data.wordingUsed) ?? text(assessment?.data.proposedWording) ?? "",
      warnings: [...ONWARD_DISCLOSURE_WARNINGS],
      recordedWarnings,
      undertaking: CONFIDENTIALITY_UNDERTAKING.map((line) => line.replace("{children}", childrenWords(children))),
      authorisedBy: decision.deciderName,
      authorisedOn: formatDate(decision.decidedAt),
      deliveredAt: delivery?.data.deliveredAt ? formatDateTime(delivery.data.deliveredAt as string) : null,
      place: text(delivery?.data.place),
      officers: text(delivery?.data.officers),
      undertakingResult,
    },
  };
}

function childrenWords(children: string[]): string {
  if (children.length === 0) return "the child";
  if (children.length === 1) return children[0];
  return `${children.slice(0, -1).join(", ")} and ${children.at(-1)}`;
}

export type OutcomeLetterInput = {
  reference: string;
  forceName: string;
  status: string;
  people: PrintPerson[];
  records: PrintRecord[];
  decisions: PrintDecision[];
  outcomes: string[];
  /** The force's controlled wording (settings), else the defaults in decision-binding. */
  wording?: { applicant?: string; notProgressed?: string };
  today: Date;
};

export type OutcomeLetter = {
  reference: string;
  forceName: string;
  date: string;
  name: string;
  addressLines: string[];
  paragraphs: string[];
};

/**
 * The outcome letter, or why none may be sent (csods.md §8): only to an applicant who chose post
 * as a safe route; an unverified or anonymous applicant is told nothing under the scheme; an
 * applicant who receives the disclosure in person is not sent a letter about it; the words are
 * the force's controlled wording, which never says whether a disclosure was made to someone else
 * or whether the subject has a record. An application not taken forward gets its own wording.
 */
export function outcomeLetter(input: OutcomeLetterInput): { ok: true; letter: OutcomeLetter } | { ok: false; reason: string } {
  const applicant = input.people.find((p) => p.role === "applicant");
  if (!applicant) return { ok: false, reason: "This case has no applicant to write to." };
  const methods = Array.isArray(applicant.details.contactMethods) ? (applicant.details.contactMethods as unknown[]) : [];
  if (!methods.includes("letter")) {
    return { ok: false, reason: "The applicant did not say a letter is a safe way to contact them, so do not write to them." };
  }
  if (!applicant.address) return { ok: false, reason: "There is no address for the applicant." };
  const inScope = latest(input.records, "scope")?.data.inScope;
  const notProgressed = input.outcomes.includes("not_progressed") || inScope === "no" || inScope === false;
  const decision = standingDecision(input.decisions);
  if (!notProgressed) {
    const verification = latest(input.records, "verification")?.data.result;
    if (verification !== "verified") {
      return {
        ok: false,
        reason:
          verification === "anonymous" || verification === "not_verified"
            ? "The applicant was not verified, so they are told nothing under the scheme."
            : "The applicant has not been verified yet.",
      };
    }
    if (!decision && input.status !== "closed") return { ok: false, reason: "There is no decision to tell the applicant about yet." };
    const recipient = input.people.find((p) => p.role === "recipient");
    if (decision?.outcome === "disclose" && recipient && normaliseName(recipient.fullName) === normaliseName(applicant.fullName)) {
      return { ok: false, reason: "The applicant is the person receiving the disclosure: it is given to them in person, not by letter." };
    }
  }
  const words = notProgressed
    ? (input.wording?.notProgressed ?? DEFAULT_NOT_PROGRESSED_WORDING)
    : (input.wording?.applicant ?? DEFAULT_APPLICANT_WORDING);
  return {
    ok: true,
    letter: {
      reference: input.reference,
      forceName: input.forceName,
      date: formatDate(input.today),
      name: applicant.fullName,
      addressLines: applicant.address.split("\n").filter((l) => l.trim() !== ""),
      paragraphs: [`Thank you for contacting us. Your reference is ${input.reference}.`, ...words.split(/\n\s*\n/)],
    },
  };
}

/** Which printed documents a case has now, for the links on the case page. */
export function printableDocuments(input: Omit<OutcomeLetterInput, "forceName" | "wording">): { disclosureRecord: boolean; outcomeLetter: boolean } {
  const withForce = { ...input, forceName: "" };
  return { disclosureRecord: disclosureRecord(withForce).ok, outcomeLetter: outcomeLetter(withForce).ok };
}
