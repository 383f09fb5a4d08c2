// The case state machine: which action may happen at which stage, by which role, and where it
// leads. Pure functions over plain values; the only place these rules live.
import { CASEWORKERS, MANAGERS, REVIEWERS, type Role } from "./roles";

export const STATUSES = [
  "received",
  "scope",
  "verification",
  "checks",
  "assessment",
  "decision",
  "delivery",
  "closure",
  "closed",
] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES = STATUSES.filter((s) => s !== "closed");

export const STATUS_NAMES: Record<Status, string> = {
  received: "Immediate-risk check",
  scope: "Scope decision",
  verification: "Interview and verification",
  checks: "Research and checks",
  assessment: "Risk assessment",
  decision: "Awaiting decision",
  delivery: "Disclosure or outcome to deliver",
  closure: "Outcomes and closure",
  closed: "Closed",
};

export const OUTCOMES = {
  disclosure_cso: "Disclosure (child sexual offence convictions)",
  disclosure_other: "Disclosure (other relevant information)",
  no_disclosure: "No disclosure",
  other_safeguarding: "Other safeguarding action",
  immediate_police_action: "Immediate police action",
  not_progressed: "Not progressed (out of scope)",
  applicant_not_verified: "Applicant not verified",
  withdrawn: "Withdrawn",
  unable_to_contact: "Unable to contact",
  transferred: "Transferred to another force",
} as const;
export type OutcomeCode = keyof typeof OUTCOMES;

export const SIDE_EXITS = ["withdrawn", "unable_to_contact", "transferred"] as const;
export type SideExit = (typeof SIDE_EXITS)[number];

export type Action =
  | "risk_check"
  | "scope_in"
  | "scope_out"
  | "verification"
  | "add_check"
  | "confirm_identity"
  | "complete_checks"
  | "submit_assessment"
  | "approve"
  | "reject"
  | "return"
  | "countersign"
  | "record_delivery"
  | "close"
  | "side_exit"
  | "extend"
  | "retriage"
  | "add_note"
  | "add_referral"
  | "strategy_discussion"
  | "assign"
  | "take";

/** Actions that sign or return a decision: never by someone who researched or assessed the case. */
export const DECIDING_ACTIONS: readonly Action[] = ["approve", "reject", "return", "countersign"];

type Rule = { from: readonly Status[]; to: Status | "same"; roles: readonly Role[] };

/** The whole transition table. `to: "same"` means the action records something without moving the case. */
export const TRANSITIONS: Record<Action, Rule> = {
  risk_check: { from: ["received"], to: "scope", roles: CASEWORKERS },
  scope_in: { from: ["scope"], to: "verification", roles: CASEWORKERS },
  scope_out: { from: ["scope"], to: "closed", roles: CASEWORKERS },
  verification: { from: ["verification"], to: "checks", roles: CASEWORKERS },
  add_check: { from: ["checks", "assessment"], to: "same", roles: CASEWORKERS },
  confirm_identity: { from: ["checks", "assessment"], to: "same", roles: CASEWORKERS },
  complete_checks: { from: ["checks"], to: "assessment", roles: CASEWORKERS },
  submit_assessment: { from: ["assessment"], to: "decision", roles: CASEWORKERS },
  approve: { from: ["decision"], to: "delivery", roles: MANAGERS },
  reject: { from: ["decision"], to: "delivery", roles: MANAGERS },
  return: { from: ["decision"], to: "assessment", roles: MANAGERS },
  /** The second signature on a decision that departs from the presumption to disclose. */
  countersign: { from: ["decision"], to: "delivery", roles: MANAGERS },
  record_delivery: { from: ["delivery"], to: "closure", roles: CASEWORKERS },
  close: { from: ["closure"], to: "closed", roles: CASEWORKERS },
  side_exit: { from: OPEN_STATUSES, to: "closed", roles: CASEWORKERS },
  extend: { from: OPEN_STATUSES, to: "same", roles: MANAGERS },
  retriage: { from: OPEN_STATUSES, to: "same", roles: CASEWORKERS },
  add_note: { from: STATUSES, to: "same", roles: CASEWORKERS },
  // Joint working with partner agencies happens alongside every open stage (csods.md §8).
  add_referral: { from: OPEN_STATUSES, to: "same", roles: CASEWORKERS },
  strategy_discussion: { from: OPEN_STATUSES, to: "same", roles: CASEWORKERS },
  assign: { from: OPEN_STATUSES, to: "same", roles: MANAGERS },
  take: { from: OPEN_STATUSES, to: "same", roles: REVIEWERS },
};

export type TransitionInput = {
  status: Status;
  action: Action;
  actor: { id: number; roles: readonly string[] };
  /** Staff who recorded a check or the assessment: they may not decide (four eyes). */
  researchers?: readonly number[];
  assignedTo?: number | null;
};

export type TransitionCheck = { ok: true; to: Status } | { ok: false; reason: string };

export function checkTransition({ status, action, actor, researchers = [], assignedTo }: TransitionInput): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return { ok: false, reason: `This cannot be done while the case is at "${STATUS_NAMES[status]}"` };
  }
  if (!rule.roles.some((r) => actor.roles.includes(r))) {
    return { ok: false, reason: `Only a ${rule.roles.join(" or ")} can do this` };
  }
  if (DECIDING_ACTIONS.includes(action) && researchers.includes(actor.id)) {
    return { ok: false, reason: "You researched or assessed this case, so another manager must decide it" };
  }
  if (action === "take" && assignedTo != null) {
    return { ok: false, reason: "This case is already assigned" };
  }
  return { ok: true, to: rule.to === "same" ? status : rule.to };
}

/** The actions a person could take on a case now (for showing only the buttons that will work). */
export function availableActions(input: Omit<TransitionInput, "action">): Action[] {
  return (Object.keys(TRANSITIONS) as Action[]).filter((action) => checkTransition({ ...input, action }).ok);
}
