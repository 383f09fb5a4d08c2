// End-to-end support: a case moved on to a later stage by the app's own service (performAction, in
// this worker, on the e2e server's database), for tests about that stage's pages: no page is walked
// to reach it. The stage data is the integration tests' own (tests/support/case-steps.ts).
import type { Status } from "~/domain/workflow";
import { performAction, type ActionInput, type ActionResult } from "~/services/case-actions.server";
import { caseSummary } from "~/services/case-view.server";
import { getStaff } from "~/services/staff-accounts.server";
import * as steps from "../../support/case-steps";
// Points this worker's services at the e2e server's database and keys (set there, on import).
import "./staff-sessions";

export type StageActors = { reviewer: { id: number }; manager?: { id: number } };

function staffUser(account: { id: number } | undefined, role: string) {
  const user = account && getStaff(account.id);
  if (!user) throw new Error(`moving a case on needs a ${role}`);
  return user;
}

function must(caseId: number, result: ActionResult, what: string): void {
  if (!result.ok) throw new Error(`case ${caseId}: ${what} refused: ${result.reason}`);
}

/**
 * Moves a case on, one stage at a time, until it is at `target`: the reviewer records every stage
 * (a disclosure recommended, convictions and registration found; the case taken if nobody has it),
 * the manager approves, the reviewer records the disclosure and closes the case.
 */
export function moveCaseTo(caseId: number, target: Status, actors: StageActors): void {
  const reviewer = staffUser(actors.reviewer, "reviewer");
  const act = (input: ActionInput, by = reviewer) => must(caseId, performAction(caseId, input, by, "e2e-set-up"), input.action);
  for (let guard = 0; guard < 12; guard += 1) {
    const summary = caseSummary(caseId);
    if (!summary) throw new Error(`no case ${caseId}`);
    if (summary.status === target) return;
    switch (summary.status) {
      case "received":
        if (summary.assignedTo === null) act({ action: "take" });
        act({ action: "risk_check", data: { immediateRisk: "no", actions: ["none"], suspectedAbuse: "no" } });
        break;
      case "scope":
        act({ action: "scope_in", data: { inScope: "yes" } });
        break;
      case "verification":
        act({ action: "verification", data: { result: "verified" } });
        break;
      case "checks":
        for (const check of steps.mandatoryChecks(true)) act({ action: "add_check", check });
        act({ action: "complete_checks" });
        break;
      case "assessment":
        act({ action: "submit_assessment", data: steps.assessment("disclose") });
        break;
      case "decision":
        must(caseId, steps.decide(caseId, staffUser(actors.manager, "manager"), "approve", { reasons: "Necessary and proportionate." }), "approve");
        break;
      case "delivery":
        must(caseId, steps.deliver(caseId, reviewer, true, { data: { place: "Testtown police station", officers: "PC 1234 Example", warnings: "Confidential.", undertaking: "signed" } }), "record_delivery");
        break;
      case "closure":
        act({ action: "close", outcomes: [] });
        break;
      default:
        throw new Error(`case ${caseId} is ${summary.status}: it cannot be moved on to ${target}`);
    }
  }
  throw new Error(`case ${caseId} did not reach ${target}`);
}
