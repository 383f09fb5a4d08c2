// Stage data and steps of a case through the real service (no mocks), without Vitest, so that the
// integration tests (casework.ts) and the browser tests' set-up (e2e/support/case-stages.ts) share them.
import type { StaffUser } from "../../db/schema";
import { DEFAULT_MANDATORY_CHECKS, type CheckFinding, type CheckResult } from "~/domain/research-checks";
import { latestAssessment, latestDecision, performAction, type NewCheck } from "~/services/case-actions.server";
import { getDb } from "~/services/db.server";

type Data = Record<string, unknown>;

export function check(checkType: string, result: CheckResult, findings: CheckFinding[] = [], extra: Partial<NewCheck> = {}): NewCheck {
  return { checkType, doneBy: "Checker", doneAt: new Date(Date.now() - 60_000), result, findings, resultSummary: `${checkType}: ${result}`, ...extra };
}

/** Every mandatory check done: PNC finds child sexual offence convictions, ViSOR registration, when `convictions`. */
export function mandatoryChecks(convictions: boolean): NewCheck[] {
  return DEFAULT_MANDATORY_CHECKS.map((type) =>
    convictions && type.startsWith("PNC")
      ? check(type, "trace", ["cso_convictions"])
      : convictions && type === "ViSOR"
        ? check(type, "trace", ["registered_sex_offender"])
        : check(type, "no_trace"),
  );
}

export function assessment(recommendation: string, overrides: Data = {}): Data {
  const convictions = overrides.csoConvictions ?? (recommendation === "disclose" ? "yes" : "no");
  const rso = overrides.registeredSexOffender ?? convictions;
  return {
    csoConvictions: convictions,
    csoDetails: convictions === "yes" ? "2015 conviction" : undefined,
    riskToChild: "High",
    registeredSexOffender: rso,
    mappaManaged: rso === "yes" ? "yes" : "no",
    mappaCategory: rso === "yes" ? "1" : undefined,
    mappaLevel: rso === "yes" ? "1" : undefined,
    mappaDecisionStatus: rso === "yes" ? "made" : undefined,
    mappaDecision: rso === "yes" ? "Disclosure supported" : undefined,
    necessity: "n",
    proportionality: "p",
    article8: "a8",
    representationsSought: "no",
    representationsReason: "risk of harm",
    recommendation,
    recipientIs: recommendation === "disclose" ? "other" : undefined,
    recipientName: recommendation === "disclose" ? "Pat Parent" : undefined,
    recipientRelationship: "Mother",
    recipientReason: "Lives with the child",
    proposedWording: "Words",
    ...overrides,
  };
}

/** The id of the assessment a manager would be shown now. */
export const shownAssessment = (caseId: number) => latestAssessment(getDb(), caseId)!.id;
export const shownDecision = (caseId: number) => latestDecision(getDb(), caseId)!.id;

export function decide(caseId: number, manager: StaffUser, action: "approve" | "reject" | "return", extra: Partial<{ outcome: string | null; reasons: string; departureRationale: string; recipient: Data; wording: string; assessmentId: number }> = {}) {
  return performAction(caseId, { action, decision: { outcome: null, reasons: "Reasons", assessmentId: shownAssessment(caseId), ...extra } }, manager);
}

export function deliver(caseId: number, reviewer: StaffUser, disclosed: boolean, extra: { data?: Data; decisionId?: number } = {}) {
  return performAction(
    caseId,
    {
      action: "record_delivery",
      decisionId: extra.decisionId ?? shownDecision(caseId),
      disclosed,
      data: { kind: disclosed ? "disclosure" : "outcome", deliveredAt: new Date().toISOString(), ...extra.data },
      applicantMessage: null,
    },
    reviewer,
  );
}
