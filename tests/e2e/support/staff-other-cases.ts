// Cases set up straight through the app's own services in the e2e database, for browser tests whose
// subject is a page late in a case (printing, search, oversight): no walking of the stages before it.
// Stages are moved on by case-stages.ts (the integration tests' own stage data).
import "./staff-sessions"; // points the app's services in this worker at the e2e database first
import { performAction } from "~/services/case-actions.server";
import { getStaff } from "~/services/staff-accounts.server";
import { submitTestCase } from "../../support/cases";
import { moveCaseTo } from "./case-stages";

/** An address of its own for each application: the e2e database keeps per-address counts between runs. */
const someAddress = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

/**
 * An online application from an applicant who chose post (nothing else), about `childName`, moved on
 * to a disclosure recorded (to "Pat Parent", not the applicant) and, with `close`, closed.
 */
export async function caseWithDisclosureMade(
  actors: { reviewer: { id: number }; manager: { id: number } },
  d: { childName: string; close?: boolean },
): Promise<{ caseId: number; reference: string }> {
  const sent = await submitTestCase({ contact: { methods: ["letter"], leaveMessages: "no" }, childName: d.childName, ip: someAddress() });
  moveCaseTo(sent.caseId, d.close ? "closed" : "closure", actors);
  return sent;
}

/** An online application about a child called `childName`, closed as out of scope by the reviewer. */
export async function caseClosedOutOfScope(reviewerId: number, childName: string): Promise<{ caseId: number; reference: string }> {
  const sent = await submitTestCase({ childName, ip: someAddress() });
  moveCaseTo(sent.caseId, "scope", { reviewer: { id: reviewerId } });
  const result = performAction(sent.caseId, { action: "scope_out", data: { inScope: false } }, getStaff(reviewerId)!, "e2e-set-up");
  if (!result.ok) throw new Error(`case ${sent.caseId}: scope_out refused: ${result.reason}`);
  return sent;
}

/** A new online application, as sent by the public (its collection row in the access log), about `names` if given. */
export async function applicationSent(names: { childName?: string; subjectName?: string } = {}): Promise<{ caseId: number; reference: string }> {
  return submitTestCase({ ...names, ip: someAddress() });
}
