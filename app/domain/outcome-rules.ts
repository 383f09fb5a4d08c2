// Outcomes that agree with the records: derived from the decision and the delivery where they can
// be, never typed twice, so statistics cannot contradict themselves. Pure rules.
import type { DecisionOutcome } from "./assessment-rules";
import { OUTCOMES, type OutcomeCode } from "./workflow";

/** Outcomes staff may add at closure: everything else comes from the records or a side exit. */
export const CLOSURE_EXTRAS = ["other_safeguarding", "immediate_police_action"] as const satisfies readonly OutcomeCode[];

const SIDE_EXIT_OUTCOMES: readonly OutcomeCode[] = ["withdrawn", "unable_to_contact", "transferred", "not_progressed"];
const DISCLOSURE_OUTCOMES: readonly OutcomeCode[] = ["disclosure_cso", "disclosure_other"];

export type OutcomeFacts = {
  decisionOutcome: DecisionOutcome | null;
  /** From the delivery record: was anything actually disclosed. */
  disclosed: boolean | null;
  /** From the checks or the assessment. */
  csoConvictions: boolean;
};

/** The outcomes the records already settle. */
export function derivedOutcomes(f: OutcomeFacts): OutcomeCode[] {
  const out: OutcomeCode[] = [];
  if (f.disclosed) out.push(f.csoConvictions ? "disclosure_cso" : "disclosure_other");
  else if (f.decisionOutcome === "disclose" || f.decisionOutcome === "no_disclosure") out.push("no_disclosure");
  if (f.decisionOutcome === "other_safeguarding") out.push("other_safeguarding");
  return out;
}

/**
 * Checks the outcomes chosen at closure: only the extras may be chosen; the rest are derived.
 * Returns the full set to record, or the reason it is refused.
 */
export function closureOutcomes(derived: readonly OutcomeCode[], chosen: readonly string[]): { ok: true; outcomes: OutcomeCode[] } | { ok: false; reason: string } {
  for (const code of chosen) {
    if (!(code in OUTCOMES)) return { ok: false, reason: "Select only outcomes from the list" };
    const name = OUTCOMES[code as OutcomeCode];
    if (SIDE_EXIT_OUTCOMES.includes(code as OutcomeCode)) {
      return { ok: false, reason: `"${name}" closes a case early: use "Close the case early" instead` };
    }
    if (!(CLOSURE_EXTRAS as readonly string[]).includes(code) && !derived.includes(code as OutcomeCode)) {
      return { ok: false, reason: `"${name}" is recorded from the decision and the delivery, and they do not show it` };
    }
  }
  const outcomes = [...new Set([...derived, ...(chosen as OutcomeCode[])])];
  const contradiction = outcomeContradiction(outcomes);
  return contradiction ? { ok: false, reason: contradiction } : { ok: true, outcomes };
}

/** A set of outcomes that cannot all be true of one case. */
export function outcomeContradiction(outcomes: readonly OutcomeCode[]): string | null {
  const disclosures = outcomes.filter((o) => DISCLOSURE_OUTCOMES.includes(o));
  if (disclosures.length > 0 && outcomes.includes("no_disclosure")) return "A case cannot end in both a disclosure and no disclosure";
  if (disclosures.length > 1) return "Choose one kind of disclosure";
  const exits = outcomes.filter((o) => SIDE_EXIT_OUTCOMES.includes(o));
  if (exits.length > 0 && (disclosures.length > 0 || outcomes.includes("no_disclosure"))) {
    return `A case that reached a decision cannot also be "${OUTCOMES[exits[0]]}"`;
  }
  if (exits.length > 1) return "A case closes early for one reason";
  return null;
}

/** The immediate-risk check's actions must agree with its outcome. */
export function riskCheckContradiction(immediateRisk: "yes" | "no", actions: readonly string[]): { field: string; message: string } | null {
  if (actions.includes("none") && actions.length > 1) {
    return { field: "actions", message: "'No immediate action needed' cannot be selected with an action taken: select one or the other" };
  }
  if (immediateRisk === "yes" && actions.includes("none")) {
    return { field: "actions", message: "A child at immediate risk needs an action: select what was done" };
  }
  if (immediateRisk === "no" && actions.includes("999_response")) {
    return { field: "immediateRisk", message: "An emergency (999) response means a child was at immediate risk: select yes, or remove the 999 response" };
  }
  return null;
}
