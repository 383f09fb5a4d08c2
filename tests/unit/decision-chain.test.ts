// The rules that bind checks → assessment → decision → delivery → closure (issue 10).
import { describe, expect, it } from "vitest";
import {
  contradictions,
  countersignBlocker,
  mappaDecisionPending,
  mappaErrors,
  prefillFromChecks,
  presumptionDeparture,
  presumptionFacts,
  type DecisionOutcome,
} from "~/domain/assessment-rules";
import {
  applicantMessagePolicy,
  assessmentVersionBlocker,
  decisionVersionBlocker,
  deliveryDateBlocker,
  disclosureMismatch,
  STALE_ASSESSMENT,
} from "~/domain/decision-binding";
import { closureOutcomes, derivedOutcomes, outcomeContradiction, riskCheckContradiction } from "~/domain/outcome-rules";
import { checksCompleteBlocker, DEFAULT_MANDATORY_CHECKS, factsFromChecks, missingMandatoryChecks, type RecordedCheck } from "~/domain/research-checks";

const check = (checkType: string, result: RecordedCheck["result"], findings: RecordedCheck["findings"] = []): RecordedCheck => ({ checkType, result, findings });
const MANDATORY = [...DEFAULT_MANDATORY_CHECKS];
const allClear = MANDATORY.map((t) => check(t, "no_trace"));

describe("mandatory checks", () => {
  it("lists every mandatory check still without a result, in the force's order", () => {
    expect(missingMandatoryChecks(MANDATORY, [])).toEqual(MANDATORY);
    expect(missingMandatoryChecks(MANDATORY, [check("ViSOR", "trace"), check("Local intelligence", "trace")])).toEqual([
      "PNC (Police National Computer)",
      "PND (Police National Database)",
      "Children's social care",
    ]);
  });

  it("counts 'not applicable' as a result, but not a check recorded before results were kept", () => {
    expect(missingMandatoryChecks(["ViSOR"], [check("ViSOR", "not_applicable")])).toEqual([]);
    expect(missingMandatoryChecks(["ViSOR"], [check("ViSOR", null)])).toEqual(["ViSOR"]);
  });

  it("refuses 'checks complete' until each has a result, naming what is missing", () => {
    expect(checksCompleteBlocker(MANDATORY, [])).toBe(
      "Record a result for every required check first. Still to do: PNC (Police National Computer), PND (Police National Database), ViSOR, Children's social care",
    );
    expect(checksCompleteBlocker(MANDATORY, allClear)).toBeNull();
    // A force with no mandatory checks is never blocked.
    expect(checksCompleteBlocker([], [])).toBeNull();
  });

  it("reads facts only from traces", () => {
    // A finding ticked on a 'no trace' result is ignored.
    expect(factsFromChecks([check("PNC (Police National Computer)", "no_trace", ["cso_convictions"])]).csoConvictions).toBe(false);
    expect(factsFromChecks([check("PNC (Police National Computer)", "trace", ["cso_convictions"])]).csoConvictions).toBe(true);
    expect(factsFromChecks([check("PNC (Police National Computer)", "not_applicable")]).csoConvictions).toBeNull();
    expect(factsFromChecks([check("Local intelligence", "trace", ["intelligence"])]).otherRelevantInformation).toBe(true);
  });
});

describe("the assessment against the checks", () => {
  const found = [check("PNC (Police National Computer)", "trace", ["cso_convictions"]), check("ViSOR", "trace", ["registered_sex_offender"])];

  it("is pre-filled from the check results; a registered sex offender starts as MAPPA category 1", () => {
    expect(prefillFromChecks(found)).toEqual({ csoConvictions: "yes", registeredSexOffender: "yes", mappaManaged: "yes", mappaCategory: "1" });
    expect(prefillFromChecks(allClear)).toEqual({ csoConvictions: "no", registeredSexOffender: "no" });
    expect(prefillFromChecks([])).toEqual({});
  });

  it("flags an answer that contradicts a check, naming the check", () => {
    expect(contradictions({ csoConvictions: "no", registeredSexOffender: "no" }, found)).toEqual([
      { field: "csoConvictions", text: "The assessment says no, but PNC (Police National Computer) recorded convictions for child sexual offences" },
      { field: "registeredSexOffender", text: "The assessment says no, but ViSOR recorded registered sex offender" },
    ]);
    expect(contradictions({ csoConvictions: "yes", registeredSexOffender: "no" }, allClear)).toEqual([
      { field: "csoConvictions", text: "The assessment says yes, but no check recorded convictions for child sexual offences" },
    ]);
    expect(contradictions({ csoConvictions: "yes", registeredSexOffender: "yes" }, found)).toEqual([]);
    // No check results: nothing to contradict.
    expect(contradictions({ csoConvictions: "yes", registeredSexOffender: "no" }, [])).toEqual([]);
  });
});

describe("registered sex offender ⇒ MAPPA category 1", () => {
  it("refuses a registered sex offender who is not MAPPA-managed, or not category 1", () => {
    expect(mappaErrors({ registeredSexOffender: "yes", mappaManaged: "no" })).toEqual([
      { field: "mappaManaged", message: "A registered sex offender is managed under MAPPA: select yes" },
    ]);
    expect(mappaErrors({ registeredSexOffender: "yes", mappaManaged: "yes", mappaCategory: "2" })).toEqual([
      { field: "mappaCategory", message: "A registered sex offender is MAPPA category 1: select category 1" },
    ]);
    expect(mappaErrors({ registeredSexOffender: "yes", mappaManaged: "yes", mappaCategory: "1" })).toEqual([]);
    expect(mappaErrors({ registeredSexOffender: "no", mappaManaged: "yes", mappaCategory: "2" })).toEqual([]);
    expect(mappaErrors({ registeredSexOffender: "no", mappaManaged: "no" })).toEqual([]);
  });

  it("holds the case from the decision while a MAPPA decision is pending", () => {
    expect(mappaDecisionPending({ mappaManaged: "yes", mappaDecisionStatus: "pending" })).toBe(true);
    expect(mappaDecisionPending({ mappaManaged: "yes", mappaDecisionStatus: "made" })).toBe(false);
    expect(mappaDecisionPending({ mappaManaged: "no", mappaDecisionStatus: "pending" })).toBe(false);
    expect(mappaDecisionPending(null)).toBe(false);
  });
});

describe("presumption departure", () => {
  const outcomes: DecisionOutcome[] = ["disclose", "no_disclosure", "other_safeguarding"];
  // The whole matrix: convictions × other information × outcome.
  const matrix: Array<[boolean, boolean, DecisionOutcome, string | null]> = [
    [true, true, "disclose", null],
    [true, true, "no_disclosure", "convictions_not_disclosed"],
    [true, true, "other_safeguarding", "convictions_not_disclosed"],
    [true, false, "disclose", null],
    [true, false, "no_disclosure", "convictions_not_disclosed"],
    [true, false, "other_safeguarding", "convictions_not_disclosed"],
    [false, true, "disclose", null],
    [false, true, "no_disclosure", null],
    [false, true, "other_safeguarding", null],
    [false, false, "disclose", "disclosure_without_information"],
    [false, false, "no_disclosure", null],
    [false, false, "other_safeguarding", null],
  ];
  it.each(matrix)("convictions %s, other information %s, %s → %s", (cso, other, outcome, expected) => {
    expect(presumptionDeparture({ csoConvictions: cso, otherRelevantInformation: other }, outcome)).toBe(expected);
  });
  it("covers every outcome", () => {
    expect(new Set(matrix.map((m) => m[2]))).toEqual(new Set(outcomes));
  });

  it("takes convictions from the assessment or from any check", () => {
    expect(presumptionFacts({ csoConvictions: "no" }, [check("PNC (Police National Computer)", "trace", ["cso_convictions"])])).toEqual({ csoConvictions: true, otherRelevantInformation: false });
    expect(presumptionFacts({ csoConvictions: "yes" }, [])).toEqual({ csoConvictions: true, otherRelevantInformation: false });
    expect(presumptionFacts({ csoConvictions: "no", intelligence: "  " }, allClear)).toEqual({ csoConvictions: false, otherRelevantInformation: false });
    expect(presumptionFacts({ csoConvictions: "no", intelligence: "Seen near schools" }, allClear).otherRelevantInformation).toBe(true);
  });

  it("needs a second manager who neither assessed nor signed first", () => {
    const researchers = [1];
    expect(countersignBlocker({ id: 2, roles: ["reviewer"] }, researchers, 3)).toBe("Only a manager can do this");
    expect(countersignBlocker({ id: 3, roles: ["manager"] }, researchers, 3)).toMatch(/You signed this decision/);
    expect(countersignBlocker({ id: 1, roles: ["manager"] }, researchers, 3)).toMatch(/You researched or assessed/);
    expect(countersignBlocker({ id: 4, roles: ["manager"] }, researchers, 3)).toBeNull();
  });
});

describe("version binding", () => {
  it("refuses a decision on anything but the latest assessment", () => {
    expect(assessmentVersionBlocker(7, 7)).toBeNull();
    expect(assessmentVersionBlocker(6, 7)).toBe(STALE_ASSESSMENT);
    expect(STALE_ASSESSMENT).toBe("The assessment changed since you opened it — read it again");
    expect(assessmentVersionBlocker(undefined, 7)).toBe(STALE_ASSESSMENT);
    expect(assessmentVersionBlocker(7, null)).toBe("There is no assessment to decide on");
  });

  it("binds a second signature or a delivery to the decision shown", () => {
    expect(decisionVersionBlocker(3, 3)).toBeNull();
    expect(decisionVersionBlocker(2, 3)).toMatch(/The decision changed since you opened this page/);
    expect(decisionVersionBlocker(3, null)).toBe("There is no signed decision");
  });
});

describe("delivery binding", () => {
  const approved = { recipientPersonId: 5, recipientName: "Pat Parent", wording: "The words approved." };

  it("accepts only the approved recipient and words", () => {
    expect(disclosureMismatch(approved, { recipientPersonId: 5, wording: "The words approved." })).toBeNull();
    expect(disclosureMismatch(approved, { recipientPersonId: 6 })).toBe("A disclosure to anyone other than the approved recipient needs a new decision");
    expect(disclosureMismatch(approved, { wording: "COMPLETELY DIFFERENT WORDING" })).toBe("A disclosure in other words than those approved needs a new decision");
  });

  it("cannot be dated before the decision", () => {
    const decidedAt = new Date("2026-11-20T14:05:00Z");
    expect(deliveryDateBlocker(new Date("2026-11-20T14:04:00Z"), decidedAt)).toBe(
      "The date and time cannot be before the decision was signed (20 November 2026 at 2:05pm)",
    );
    expect(deliveryDateBlocker(decidedAt, decidedAt)).toBeNull();
    // Times are entered to the minute: the minute the decision was signed in is allowed.
    expect(deliveryDateBlocker(new Date("2026-11-20T14:05:00Z"), new Date("2026-11-20T14:05:40Z"))).toBeNull();
    expect(deliveryDateBlocker(new Date("2026-11-21T09:00:00Z"), decidedAt)).toBeNull();
  });
});

describe("what the applicant may be told", () => {
  const base = { hasApplicant: true, verification: "verified" as const, applicantIsRecipient: false, disclosing: false };
  it("tells an unverified or anonymous applicant nothing under the scheme", () => {
    expect(applicantMessagePolicy({ ...base, verification: "not_verified" })).toMatchObject({ kind: "none", reason: expect.stringMatching(/not verified/) });
    expect(applicantMessagePolicy({ ...base, verification: "anonymous", disclosing: true, applicantIsRecipient: true })).toMatchObject({ kind: "none", reason: expect.stringMatching(/anonymous/) });
    expect(applicantMessagePolicy({ ...base, verification: null })).toMatchObject({ kind: "none" });
  });
  it("gives a verified applicant who is not the recipient only the controlled wording, whatever the outcome", () => {
    expect(applicantMessagePolicy({ ...base, disclosing: true })).toEqual({ kind: "controlled" });
    expect(applicantMessagePolicy({ ...base, disclosing: false })).toEqual({ kind: "controlled" });
    expect(applicantMessagePolicy({ ...base, disclosing: false, applicantIsRecipient: true })).toEqual({ kind: "controlled" });
  });
  it("a verified applicant who is the person best placed receives the disclosure itself", () => {
    expect(applicantMessagePolicy({ ...base, disclosing: true, applicantIsRecipient: true })).toEqual({ kind: "is_recipient" });
  });
  it("a case with no applicant tells nobody", () => {
    expect(applicantMessagePolicy({ ...base, hasApplicant: false })).toEqual({ kind: "no_applicant" });
  });
});

describe("outcomes derived from the records", () => {
  it("derives disclosure, no disclosure and other safeguarding from the decision and the delivery", () => {
    expect(derivedOutcomes({ decisionOutcome: "disclose", disclosed: true, csoConvictions: true })).toEqual(["disclosure_cso"]);
    expect(derivedOutcomes({ decisionOutcome: "disclose", disclosed: true, csoConvictions: false })).toEqual(["disclosure_other"]);
    // Decided, but the undertaking was refused and the disclosure did not go ahead.
    expect(derivedOutcomes({ decisionOutcome: "disclose", disclosed: false, csoConvictions: true })).toEqual(["no_disclosure"]);
    expect(derivedOutcomes({ decisionOutcome: "no_disclosure", disclosed: false, csoConvictions: true })).toEqual(["no_disclosure"]);
    expect(derivedOutcomes({ decisionOutcome: "other_safeguarding", disclosed: false, csoConvictions: false })).toEqual(["other_safeguarding"]);
    expect(derivedOutcomes({ decisionOutcome: null, disclosed: null, csoConvictions: false })).toEqual([]);
  });

  it("refuses the contradictory closure: Disclosure + No disclosure + Withdrawn", () => {
    const derived = derivedOutcomes({ decisionOutcome: "disclose", disclosed: true, csoConvictions: true });
    expect(closureOutcomes(derived, ["disclosure_cso", "no_disclosure", "withdrawn"])).toEqual({
      ok: false,
      reason: '"No disclosure" is recorded from the decision and the delivery, and they do not show it',
    });
    expect(closureOutcomes(derived, ["withdrawn"])).toEqual({ ok: false, reason: '"Withdrawn" closes a case early: use "Close the case early" instead' });
    expect(closureOutcomes(derived, ["disclosure_other"])).toMatchObject({ ok: false });
    expect(closureOutcomes(derived, ["nonsense"])).toMatchObject({ ok: false });
  });

  it("records the derived outcomes plus the extras chosen", () => {
    const derived = derivedOutcomes({ decisionOutcome: "no_disclosure", disclosed: false, csoConvictions: false });
    expect(closureOutcomes(derived, [])).toEqual({ ok: true, outcomes: ["no_disclosure"] });
    expect(closureOutcomes(derived, ["no_disclosure", "other_safeguarding"])).toEqual({ ok: true, outcomes: ["no_disclosure", "other_safeguarding"] });
  });

  it("names sets of outcomes that cannot all be true", () => {
    expect(outcomeContradiction(["disclosure_cso", "no_disclosure"])).toBe("A case cannot end in both a disclosure and no disclosure");
    expect(outcomeContradiction(["disclosure_cso", "disclosure_other"])).toBe("Choose one kind of disclosure");
    expect(outcomeContradiction(["no_disclosure", "withdrawn"])).toMatch(/cannot also be "Withdrawn"/);
    expect(outcomeContradiction(["withdrawn", "transferred"])).toBe("A case closes early for one reason");
    expect(outcomeContradiction(["disclosure_cso", "other_safeguarding", "immediate_police_action", "applicant_not_verified"])).toBeNull();
  });
});

describe("the immediate-risk check agrees with its actions", () => {
  it("refuses 'no immediate action' with an action, and no risk with a 999 response", () => {
    expect(riskCheckContradiction("no", ["none", "police_action"])).toMatchObject({ field: "actions" });
    expect(riskCheckContradiction("yes", ["none"])).toMatchObject({ field: "actions", message: expect.stringMatching(/needs an action/) });
    expect(riskCheckContradiction("no", ["999_response"])).toMatchObject({ field: "immediateRisk" });
    expect(riskCheckContradiction("no", ["none"])).toBeNull();
    expect(riskCheckContradiction("yes", ["999_response", "police_action"])).toBeNull();
    expect(riskCheckContradiction("no", ["other"])).toBeNull();
  });
});
