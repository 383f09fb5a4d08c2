import { describe, expect, it } from "vitest";
import { availableActions, checkTransition, STATUSES, TRANSITIONS, type Action, type Status } from "~/domain/workflow";

const reviewer = { id: 1, roles: ["reviewer"] };
const manager = { id: 2, roles: ["manager"] };
const admin = { id: 3, roles: ["admin"] };

/**
 * The whole table, spelled out: for every action, the stages it may start from and where it
 * leads. A change to the state machine must change this table too.
 */
const EXPECTED: Record<Action, { from: Status[] | "open" | "any"; to: Status | "same"; by: "caseworker" | "manager" | "reviewer" }> = {
  risk_check: { from: ["received"], to: "scope", by: "caseworker" },
  scope_in: { from: ["scope"], to: "verification", by: "caseworker" },
  scope_out: { from: ["scope"], to: "closed", by: "caseworker" },
  verification: { from: ["verification"], to: "checks", by: "caseworker" },
  add_check: { from: ["checks", "assessment"], to: "same", by: "caseworker" },
  confirm_identity: { from: ["checks", "assessment"], to: "same", by: "caseworker" },
  complete_checks: { from: ["checks"], to: "assessment", by: "caseworker" },
  submit_assessment: { from: ["assessment"], to: "decision", by: "caseworker" },
  approve: { from: ["decision"], to: "delivery", by: "manager" },
  reject: { from: ["decision"], to: "delivery", by: "manager" },
  return: { from: ["decision"], to: "assessment", by: "manager" },
  countersign: { from: ["decision"], to: "delivery", by: "manager" },
  record_delivery: { from: ["delivery"], to: "closure", by: "caseworker" },
  close: { from: ["closure"], to: "closed", by: "caseworker" },
  side_exit: { from: "open", to: "closed", by: "caseworker" },
  extend: { from: "open", to: "same", by: "manager" },
  retriage: { from: "open", to: "same", by: "caseworker" },
  add_note: { from: "any", to: "same", by: "caseworker" },
  add_referral: { from: "open", to: "same", by: "caseworker" },
  strategy_discussion: { from: "open", to: "same", by: "caseworker" },
  assign: { from: "open", to: "same", by: "manager" },
  take: { from: "open", to: "same", by: "reviewer" },
};

const fromStatuses = (from: Status[] | "open" | "any"): Status[] =>
  from === "any" ? [...STATUSES] : from === "open" ? STATUSES.filter((s) => s !== "closed") : from;

describe("the transition table", () => {
  it("covers exactly the actions expected", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Every (action, status, role) combination: 20 actions × 9 statuses × 3 roles.
  for (const [action, rule] of Object.entries(EXPECTED) as [Action, (typeof EXPECTED)[Action]][]) {
    for (const status of STATUSES) {
      for (const actor of [reviewer, manager, admin]) {
        const allowedStage = fromStatuses(rule.from).includes(status);
        const allowedRole =
          rule.by === "caseworker" ? actor !== admin : rule.by === "manager" ? actor === manager : actor === reviewer;
        const expected = allowedStage && allowedRole;
        it(`${action} at ${status} by ${actor.roles[0]} is ${expected ? "allowed" : "refused"}`, () => {
          const result = checkTransition({ status, action, actor, assignedTo: null });
          expect(result.ok).toBe(expected);
          if (result.ok) expect(result.to).toBe(rule.to === "same" ? status : rule.to);
          else expect(result.reason.length).toBeGreaterThan(10);
        });
      }
    }
  }
});

describe("four eyes and assignment", () => {
  it("refuses a decision by a manager who researched or assessed the case", () => {
    for (const action of ["approve", "reject", "return", "countersign"] as const) {
      expect(checkTransition({ status: "decision", action, actor: manager, researchers: [manager.id] })).toMatchObject({ ok: false });
      expect(checkTransition({ status: "decision", action, actor: manager, researchers: [reviewer.id] })).toMatchObject({ ok: true });
    }
  });

  it("lets a reviewer take only an unassigned case", () => {
    expect(checkTransition({ status: "scope", action: "take", actor: reviewer, assignedTo: null }).ok).toBe(true);
    expect(checkTransition({ status: "scope", action: "take", actor: reviewer, assignedTo: 9 }).ok).toBe(false);
  });

  it("offers a manager who assessed the case no decision buttons", () => {
    const actions = availableActions({ status: "decision", actor: manager, researchers: [manager.id] });
    expect(actions).not.toContain("approve");
    expect(actions).toContain("extend");
  });
});
