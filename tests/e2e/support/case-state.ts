// End-to-end support: a case taken on to the stage a browser test is about through the app's own
// service (the state machine, its checks and audit rows), in the e2e server's database. For tests
// about a later page, not the stages before it: those are walked in staff-workflow.spec.ts.
import { eq } from "drizzle-orm";
import type { StaffUser } from "../../../db/schema";
import { latestAssessment, latestDecision, performAction, type ActionInput } from "~/services/case-actions.server";
import { childrenOf } from "~/services/case-view.server";
import { getDb, schema } from "~/services/db.server";
import { assessment, mandatoryChecks } from "../../support/case-steps";
import { submitTestCase } from "../../support/cases";
// Points the app's services in this worker at the e2e server's database (before they read it).
import "./staff-sessions";

type Data = Record<string, unknown>;

const staffUser = (id: number): StaffUser => getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)).get()!;

function step(caseId: number, input: ActionInput, byId: number) {
  const result = performAction(caseId, input, staffUser(byId), "e2e-case-state");
  if (!result.ok) throw new Error(`${input.action} on case ${caseId}: ${result.reason}`);
}

/** A submitted application taken by the reviewer to research and checks (immediate risk, scope, verification recorded). */
export async function caseAtChecks(reviewerId: number, options: { childName?: string; verification?: string } = {}): Promise<number> {
  const { caseId } = await submitTestCase({ childName: options.childName });
  step(caseId, { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } }, reviewerId);
  step(caseId, { action: "scope_in", data: { inScope: "yes" } }, reviewerId);
  step(caseId, { action: "verification", data: { result: options.verification ?? "verified" } }, reviewerId);
  return caseId;
}

/**
 * Every required check recorded (convictions and registration found, or nothing), children's social
 * care with `childPlan` for each child; and the subject's identity as the checks confirmed it.
 */
export function checksRecorded(caseId: number, reviewerId: number, convictions: boolean, options: { childPlan?: string; identity?: { fullName: string; dateOfBirth: string } } = {}): void {
  for (const check of mandatoryChecks(convictions)) {
    const plans = options.childPlan && check.checkType === "Children's social care" ? { childPlans: childrenOf(caseId).map((c) => ({ childId: c.id, status: options.childPlan! })) } : {};
    step(caseId, { action: "add_check", check: { ...check, ...plans } }, reviewerId);
  }
  if (options.identity) step(caseId, { action: "confirm_identity", identity: options.identity }, reviewerId);
}

/** Every required check recorded and the checks completed: the case waits at risk assessment. */
export function checksDone(caseId: number, reviewerId: number, convictions: boolean): void {
  checksRecorded(caseId, reviewerId, convictions);
  step(caseId, { action: "complete_checks" }, reviewerId);
}

/** The assessment sent for a decision ("disclose", "no_disclosure"…, with `overrides` of its answers). */
export function assessed(caseId: number, reviewerId: number, recommendation: string, overrides: Data = {}): void {
  step(caseId, { action: "submit_assessment", data: assessment(recommendation, overrides) }, reviewerId);
}

/** A manager approves the recommendation shown (a departure needs `departureRationale`). */
export function approved(caseId: number, managerId: number, departureRationale?: string): void {
  const assessmentId = latestAssessment(getDb(), caseId)!.id;
  step(caseId, { action: "approve", decision: { outcome: null, reasons: "Approved.", assessmentId, departureRationale } }, managerId);
}

/** A second manager countersigns the decision waiting for it. */
export function countersigned(caseId: number, managerId: number): void {
  step(caseId, { action: "countersign", decisionId: latestDecision(getDb(), caseId)!.id }, managerId);
}
