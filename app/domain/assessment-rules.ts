// The rules that bind the risk assessment to the checks and the decision to the presumption to
// disclose (csods.md §8). Pure functions over plain values.
import { CHECK_FINDINGS, factsFromChecks, type CheckFinding, type RecordedCheck } from "./research-checks";

export const MAPPA_CATEGORIES = {
  "1": "Category 1 (registered sexual offender)",
  "2": "Category 2 (violent or other sexual offender)",
  "3": "Category 3 (other dangerous offender)",
} as const;
export const MAPPA_LEVELS = {
  "1": "Level 1 (ordinary agency management)",
  "2": "Level 2 (multi-agency, active)",
  "3": "Level 3 (multi-agency, senior)",
} as const;
export const MAPPA_DECISION_STATUSES = {
  pending: "Pending: the MAPPA meeting has not decided yet",
  made: "Made",
} as const;

export const PRESUMPTION_HINT =
  "If yes, and the person poses a risk of harm to the child, there is a presumption to disclose. A disclosure must still be necessary and proportionate.";

type YesNo = "yes" | "no";

/** The assessment answers these rules read (the whole assessment is a record of its own). */
export type AssessmentFacts = {
  csoConvictions?: YesNo;
  registeredSexOffender?: YesNo;
  mappaManaged?: YesNo;
  mappaCategory?: string;
  mappaDecisionStatus?: string;
  otherConvictions?: string | null;
  intelligence?: string | null;
};

/** Answers the assessment form starts from, read from the check results. */
export function prefillFromChecks(checks: readonly RecordedCheck[]): Partial<Record<string, string>> {
  const facts = factsFromChecks(checks);
  const yesNo = (v: boolean | null) => (v === null ? undefined : v ? "yes" : "no");
  const prefill: Partial<Record<string, string>> = {
    csoConvictions: yesNo(facts.csoConvictions),
    registeredSexOffender: yesNo(facts.registeredSexOffender),
  };
  if (facts.registeredSexOffender) {
    prefill.mappaManaged = "yes";
    prefill.mappaCategory = "1";
  }
  return Object.fromEntries(Object.entries(prefill).filter(([, v]) => v !== undefined));
}

export type Contradiction = { field: "csoConvictions" | "registeredSexOffender"; text: string };

const sourceList = (sources: string[]) => sources.join(", ");

/** Where an answer disagrees with the checks: shown as a flag on the assessment and the decision. */
export function contradictions(a: AssessmentFacts, checks: readonly RecordedCheck[]): Contradiction[] {
  const facts = factsFromChecks(checks);
  const out: Contradiction[] = [];
  const compare = (field: Contradiction["field"], finding: CheckFinding, answer: YesNo | undefined, fact: boolean | null) => {
    const label = CHECK_FINDINGS[finding].toLowerCase();
    if (answer === "no" && fact === true) {
      out.push({ field, text: `The assessment says no, but ${sourceList(facts.sources[finding])} recorded ${label}` });
    } else if (answer === "yes" && fact === false) {
      out.push({ field, text: `The assessment says yes, but no check recorded ${label}` });
    }
  };
  compare("csoConvictions", "cso_convictions", a.csoConvictions, facts.csoConvictions);
  compare("registeredSexOffender", "registered_sex_offender", a.registeredSexOffender, facts.registeredSexOffender);
  return out;
}

/**
 * Every registered sex offender is MAPPA-managed, category 1 (Criminal Justice Act 2003).
 * Returns the errors by field, empty when the answers agree.
 */
export function mappaErrors(a: AssessmentFacts): Array<{ field: string; message: string }> {
  if (a.registeredSexOffender !== "yes") return [];
  const errors: Array<{ field: string; message: string }> = [];
  if (a.mappaManaged !== "yes") {
    errors.push({ field: "mappaManaged", message: "A registered sex offender is managed under MAPPA: select yes" });
  } else if (a.mappaCategory !== "1") {
    errors.push({ field: "mappaCategory", message: "A registered sex offender is MAPPA category 1: select category 1" });
  }
  return errors;
}

/** While the MAPPA meeting has not decided, the case is held back from the decision stage. */
export function mappaDecisionPending(a: AssessmentFacts | null | undefined): boolean {
  return a?.mappaManaged === "yes" && a.mappaDecisionStatus === "pending";
}

export const MAPPA_PENDING_REASON =
  "The MAPPA decision is pending: the case stays at risk assessment until the MAPPA meeting has decided";

export type DecisionOutcome = "disclose" | "no_disclosure" | "other_safeguarding";

export type PresumptionFacts = { csoConvictions: boolean; otherRelevantInformation: boolean };

/** The facts the presumption rests on: what the assessment says or any check found. */
export function presumptionFacts(a: AssessmentFacts, checks: readonly RecordedCheck[]): PresumptionFacts {
  const facts = factsFromChecks(checks);
  const written = (v: string | null | undefined) => typeof v === "string" && v.trim() !== "";
  return {
    csoConvictions: a.csoConvictions === "yes" || facts.csoConvictions === true,
    otherRelevantInformation: written(a.otherConvictions) || written(a.intelligence) || facts.otherRelevantInformation === true,
  };
}

export type Departure = "convictions_not_disclosed" | "disclosure_without_information";

export const DEPARTURE_NAMES: Record<Departure, string> = {
  convictions_not_disclosed: "Convictions for child sexual offences are recorded, but the decision is not to disclose",
  disclosure_without_information: "A disclosure is decided, but neither convictions nor other relevant information are recorded",
};

/**
 * A decision departs from the presumption when convictions for child sexual offences are
 * recorded and the decision is anything but disclosure, or when a disclosure is decided with
 * neither convictions nor other relevant information recorded. A departure needs a written
 * rationale and a second manager's signature.
 */
export function presumptionDeparture(facts: PresumptionFacts, outcome: DecisionOutcome): Departure | null {
  if (facts.csoConvictions && outcome !== "disclose") return "convictions_not_disclosed";
  if (outcome === "disclose" && !facts.csoConvictions && !facts.otherRelevantInformation) return "disclosure_without_information";
  return null;
}

/** Who may give the second signature on a departure: a manager who neither assessed nor signed first. */
export function countersignBlocker(actor: { id: number; roles: readonly string[] }, researchers: readonly number[], firstSignerId: number): string | null {
  if (!actor.roles.includes("manager")) return "Only a manager can do this";
  if (actor.id === firstSignerId) return "You signed this decision, so another manager must give the second signature";
  if (researchers.includes(actor.id)) return "You researched or assessed this case, so another manager must give the second signature";
  return null;
}
