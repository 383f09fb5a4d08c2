// Research checks: what each check found, which checks a force requires before the case may go
// to risk assessment, and what the checks say about the subject (for pre-filling the assessment).
// Pure rules; the list of checks and the mandatory set are per-force settings.

export const CHECK_RESULTS = {
  trace: "Trace (something found)",
  no_trace: "No trace",
  not_applicable: "Not applicable",
} as const;
export type CheckResult = keyof typeof CHECK_RESULTS;

/** What a check with a trace found about the subject: the facts the assessment rests on. */
export const CHECK_FINDINGS = {
  cso_convictions: "Convictions for child sexual offences",
  other_convictions: "Other relevant convictions",
  registered_sex_offender: "Registered sex offender",
  intelligence: "Relevant intelligence",
} as const;
export type CheckFinding = keyof typeof CHECK_FINDINGS;

/** Whether each named child is the subject of a child protection plan (children's social care check). */
export const CP_PLAN_STATUSES = {
  current: "Subject of a child protection plan now",
  past: "Was subject of a child protection plan in the past",
  none: "Known, never subject of a child protection plan",
  not_known: "Not known to children's social care",
} as const;
export type CpPlanStatus = keyof typeof CP_PLAN_STATUSES;

export const DEFAULT_MANDATORY_CHECKS = [
  "PNC (Police National Computer)",
  "PND (Police National Database)",
  "ViSOR",
  "Children's social care",
] as const;

/** The children's social care check records each named child's child protection plan status. */
export function isChildrensSocialCareCheck(checkType: string): boolean {
  return /children'?s social care/i.test(checkType);
}

export type RecordedCheck = {
  checkType: string;
  /** Null for checks recorded before results were kept: they do not count as done. */
  result: CheckResult | null;
  findings: readonly CheckFinding[];
};

/** The mandatory checks that have no recorded result yet, in the force's order. */
export function missingMandatoryChecks(mandatory: readonly string[], recorded: readonly RecordedCheck[]): string[] {
  const done = new Set(recorded.filter((c) => c.result !== null).map((c) => c.checkType));
  return mandatory.filter((type) => !done.has(type));
}

/** "Checks complete" is refused until every mandatory check has a result. */
export function checksCompleteBlocker(mandatory: readonly string[], recorded: readonly RecordedCheck[]): string | null {
  const missing = missingMandatoryChecks(mandatory, recorded);
  if (missing.length === 0) return null;
  return `Record a result for every required check first. Still to do: ${missing.join(", ")}`;
}

/** Findings only count when the check traced something. */
function found(recorded: readonly RecordedCheck[], finding: CheckFinding): RecordedCheck[] {
  return recorded.filter((c) => c.result === "trace" && c.findings.includes(finding));
}

export type CheckFacts = {
  /** true: a check found it; false: checks were done and none found it; null: no check has a result. */
  csoConvictions: boolean | null;
  registeredSexOffender: boolean | null;
  otherRelevantInformation: boolean | null;
  /** Which checks found each fact (for contradiction messages). */
  sources: Record<CheckFinding, string[]>;
};

export function factsFromChecks(recorded: readonly RecordedCheck[]): CheckFacts {
  const anyResult = recorded.some((c) => c.result === "trace" || c.result === "no_trace");
  const sources = Object.fromEntries(
    (Object.keys(CHECK_FINDINGS) as CheckFinding[]).map((f) => [f, found(recorded, f).map((c) => c.checkType)]),
  ) as Record<CheckFinding, string[]>;
  const fact = (...findings: CheckFinding[]) => (findings.some((f) => sources[f].length > 0) ? true : anyResult ? false : null);
  return {
    csoConvictions: fact("cso_convictions"),
    registeredSexOffender: fact("registered_sex_offender"),
    otherRelevantInformation: fact("other_convictions", "intelligence"),
    sources,
  };
}
