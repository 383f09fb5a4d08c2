// Driving a case through the stages for integration tests, through the real service (no mocks).
// The stage data and steps themselves are in case-steps.ts (no Vitest there: the browser tests use them too).
import { expect } from "vitest";
import type { StaffUser } from "../../db/schema";
import { performAction } from "~/services/case-actions.server";
import { submitTestCase } from "./cases";
import { assessment, mandatoryChecks } from "./case-steps";

export { check, mandatoryChecks, assessment, shownAssessment, shownDecision, decide, deliver } from "./case-steps";

type Data = Record<string, unknown>;

export const ok = (r: { ok: boolean; reason?: string }) => expect(r).toMatchObject({ ok: true });

/** A submitted application taken by `reviewer` through every stage to "awaiting decision". */
export async function caseAtDecision(
  reviewer: StaffUser,
  recommendation: string,
  options: { assessor?: StaffUser; convictions?: boolean; assessment?: Data; verification?: string } = {},
) {
  const { caseId, reference } = await submitTestCase();
  ok(performAction(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } }, reviewer, "t"));
  ok(performAction(caseId, { action: "scope_in", data: { inScope: "yes" } }, reviewer));
  ok(performAction(caseId, { action: "verification", data: { result: options.verification ?? "verified" } }, reviewer));
  for (const c of mandatoryChecks(options.convictions ?? recommendation === "disclose")) ok(performAction(caseId, { action: "add_check", check: c }, reviewer));
  ok(performAction(caseId, { action: "complete_checks" }, reviewer));
  const result = performAction(caseId, { action: "submit_assessment", data: assessment(recommendation, options.assessment) }, options.assessor ?? reviewer);
  expect(result).toMatchObject({ ok: true });
  return { caseId, reference };
}
