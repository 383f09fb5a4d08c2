// The questions of each staff form on a case, declared once (see app/domain/form-spec.ts): the
// schema, the error summary, the stored record and the case page's rows all come from these.
import { CONTACT_METHODS } from "./application";
import { defineForm, YES_NO } from "./form-spec";
import { riskCheckContradiction } from "./outcome-rules";
import { OUTCOMES, SIDE_EXITS } from "./workflow";

const LONG = 5000;

export { parseTime } from "./time";

/**
 * What the police did at once. Referrals and strategy discussions are recorded as referrals
 * (app/domain/referrals.ts), not ticked here; "police action" is what makes the outcome
 * "Immediate police action".
 */
export const RISK_ACTIONS = {
  none: "No immediate action needed",
  "999_response": "Emergency (999) response sent",
  police_action: "Other police action to protect a child (for example, police protection powers)",
  other: "Other action",
} as const;

export const riskCheckForm = defineForm(
  {
    immediateRisk: { kind: "radios", label: "Is any child at immediate risk?", summary: { label: "Child at immediate risk" }, options: YES_NO, required: "Select yes if any child is at immediate risk" },
    actions: { kind: "checkboxes", label: "Action taken", hint: "Select all that apply", options: RISK_ACTIONS, exclusive: "none", required: "Select the action taken, or no immediate action" },
    actionDetails: { kind: "textarea", label: "Details of the action (optional unless 'Other action')", summary: { label: "Details of the action" }, max: LONG, noun: "Details of the action" },
    suspectedAbuse: {
      kind: "radios",
      label: "Is abuse of a child suspected?",
      hint: "If yes, children's social care must be told before the end of the working day: record the referral on the case",
      summary: { label: "Abuse suspected" },
      options: YES_NO,
      required: "Select yes if abuse of a child is suspected",
    },
    checked: { kind: "date", label: "When was the check made?", summary: { label: "Checked at" }, errorLabel: "The date of the check", withTime: "checkedTime", recordKey: "checkedAt" },
    checkedTime: { kind: "time", label: "Time", hint: "For example, 14:30", errorLabel: "the time of the check", summary: false },
  },
  (v, ctx) => {
    const contradiction = v.immediateRisk && v.actions ? riskCheckContradiction(v.immediateRisk, v.actions) : null;
    if (contradiction) ctx.issue(contradiction.field as "actions" | "immediateRisk", contradiction.message);
    if (v.actions?.includes("other") && !v.actionDetails) ctx.issue("actionDetails", "Describe the other action taken");
  },
);

export const scopeForm = defineForm(
  {
    inScope: {
      kind: "radios", label: "Is the application in scope?", summary: { label: "In scope" },
      hint: "In scope: a named subject, a named child, and real contact between them",
      options: { yes: "Yes, in scope", no: "No, not progressed" }, required: "Select yes if the application is in scope",
    },
    reason: { kind: "textarea", label: "Why it is not progressed", max: LONG, noun: "The reason", summary: { when: notProgressed } },
    alternativeAction: {
      kind: "textarea", label: "What the police will do instead, and how the applicant is told", max: LONG,
      noun: "What the police will do instead", summary: { label: "What the police will do instead", when: notProgressed },
    },
  },
  (v, ctx) => {
    if (v.inScope === "no") {
      if (!v.reason) ctx.issue("reason", "Enter why the application is not progressed");
      if (!v.alternativeAction) ctx.issue("alternativeAction", "Enter what the police will do instead");
    }
  },
);

function notProgressed(v: Record<string, unknown>) {
  return v.inScope === "no" || v.inScope === false;
}

export const INTERVIEW_METHODS = { in_person: "Face to face", video: "Video call", phone: "Phone", other: "Other" } as const;
export const IDENTITY_DOCUMENTS = {
  passport: "Passport",
  driving_licence: "Driving licence",
  utility_bill: "Utility bill or bank statement",
  council_tax: "Council tax bill",
  birth_certificate: "Child's birth certificate",
  school_letter: "Letter from the child's school or GP",
  other: "Other document",
  none: "None seen",
} as const;
export const VERIFICATION_RESULTS = {
  verified: "Verified",
  not_verified: "Not verified",
  anonymous: "Anonymous (applicant would not give details)",
} as const;

export const verificationForm = defineForm({
  interview: { kind: "date", label: "Date of the interview", errorLabel: "The date of the interview", recordKey: "interviewDate" },
  method: { kind: "radios", label: "How was the interview held?", summary: { label: "How it was held" }, options: INTERVIEW_METHODS, required: "Select how the interview was held" },
  identityDocuments: { kind: "checkboxes", label: "Identity documents seen", options: IDENTITY_DOCUMENTS, exclusive: "none", required: "Select the identity documents seen, or none" },
  addressDocuments: { kind: "checkboxes", label: "Address documents seen", options: IDENTITY_DOCUMENTS, exclusive: "none", required: "Select the address documents seen, or none" },
  relationshipDocuments: {
    kind: "checkboxes", label: "Documents seen for the relationship to the child", options: IDENTITY_DOCUMENTS, exclusive: "none",
    required: "Select the documents seen for the relationship to the child, or none",
  },
  result: {
    kind: "radios", label: "Result", options: VERIFICATION_RESULTS, required: "Select whether the applicant was verified",
    hint: "Unverified or anonymous applicants are told nothing under the scheme, but the case can still go on to safeguarding action",
  },
  notes: { kind: "textarea", label: "Notes (optional)", max: LONG, noun: "Notes", summary: { label: "Notes" } },
});

/** A research check; the checks a force uses are a setting, so the options come with the request. */
export function checkForm(checkTypes: readonly string[]) {
  return defineForm({
    checkType: { kind: "radios", label: "Which check?", summary: { label: "Check" }, options: Object.fromEntries(checkTypes.map((t) => [t, t])), required: "Select the check" },
    doneBy: { kind: "text", label: "Who did the check", max: 100, required: "Enter who did the check", noun: "Who did the check" },
    done: { kind: "date", label: "When", summary: { label: "Done on" }, errorLabel: "The date of the check", recordKey: "doneAt" },
    resultSummary: { kind: "textarea", label: "Result summary", max: LONG, required: "Enter a summary of the result", noun: "The result summary" },
    relevant: { kind: "radios", label: "Is the result relevant to the risk to the child?", summary: { label: "Relevant to the risk" }, options: YES_NO, required: "Select yes if the result is relevant" },
  });
}

export const RECOMMENDATIONS = {
  disclose: "Disclose",
  no_disclosure: "No disclosure",
  other_safeguarding: "Other safeguarding action",
} as const;

export const assessmentForm = defineForm(
  {
    csoConvictions: {
      kind: "radios", label: "Does the person have convictions for child sexual offences?", summary: { label: "Child sexual offence convictions" },
      hint: "If yes, there is a presumption to disclose", options: YES_NO, required: "Select yes if the person has convictions for child sexual offences",
    },
    csoDetails: { kind: "textarea", label: "Details of those convictions (if any)", summary: { label: "Details of the convictions" }, max: LONG, noun: "Details of the convictions" },
    otherConvictions: { kind: "textarea", label: "Other relevant convictions (optional)", summary: { label: "Other convictions" }, max: LONG, noun: "Other convictions" },
    intelligence: { kind: "textarea", label: "Relevant intelligence (optional)", summary: { label: "Intelligence" }, max: LONG, noun: "Intelligence" },
    registeredSexOffender: { kind: "radios", label: "Is the person a registered sex offender?", summary: { label: "Registered sex offender" }, options: YES_NO, required: "Select yes if the person is a registered sex offender" },
    mappaManaged: {
      kind: "radios", label: "Is the person managed under MAPPA?", summary: { label: "MAPPA-managed" },
      hint: "If yes, the decision is routed through MAPPA: record the MAPPA outcome", options: YES_NO, required: "Select yes if the person is managed under MAPPA",
    },
    mappaOutcome: { kind: "textarea", label: "MAPPA outcome (if MAPPA-managed)", summary: { label: "MAPPA outcome" }, max: LONG, noun: "The MAPPA outcome" },
    riskToChild: { kind: "textarea", label: "The risk to the named child or children", summary: { label: "Risk to the child" }, max: LONG, required: "Describe the risk to the named child or children", noun: "The risk to the child" },
    necessity: { kind: "textarea", label: "Necessity", max: LONG, required: "Explain why disclosure is or is not necessary", noun: "Necessity" },
    proportionality: { kind: "textarea", label: "Proportionality", max: LONG, required: "Explain why this is proportionate", noun: "Proportionality" },
    article8: {
      kind: "textarea", label: "Article 8 rationale", hint: "The subject's right to a private life against the child's protection",
      max: LONG, required: "Give the Article 8 rationale", noun: "The Article 8 rationale",
    },
    representationsSought: { kind: "radios", label: "Are the subject's representations sought?", summary: { label: "Representations sought" }, options: YES_NO, required: "Select yes if the person's representations are sought" },
    representationsReason: {
      kind: "textarea", label: "Why representations are, or are not, sought", summary: { label: "Why" }, max: LONG,
      required: "Explain why representations are or are not sought", noun: "The reason",
    },
    recommendation: { kind: "radios", label: "Recommendation", options: RECOMMENDATIONS, required: "Select a recommendation" },
    recipientName: { kind: "text", label: "Name", summary: { label: "Recipient", when: disclosing }, max: 100, noun: "The recipient's name" },
    recipientRelationship: { kind: "text", label: "Relationship to the child", summary: { label: "Recipient's relationship to the child", when: disclosing }, max: 100, noun: "The recipient's relationship to the child" },
    recipientReason: { kind: "textarea", label: "Why they are best placed to protect the child", summary: { label: "Why best placed", when: disclosing }, max: LONG, noun: "Why they are best placed" },
    proposedWording: { kind: "textarea", label: "Proposed wording of the disclosure", hint: "Exactly what will be said", summary: { label: "Proposed wording", when: disclosing }, max: LONG, noun: "The proposed wording" },
  },
  (v, ctx) => {
    if (v.csoConvictions === "yes" && !v.csoDetails) ctx.issue("csoDetails", "Give details of the convictions");
    if (v.mappaManaged === "yes" && !v.mappaOutcome) ctx.issue("mappaOutcome", "Record the MAPPA outcome (the decision is routed through MAPPA)");
    if (v.recommendation === "disclose") {
      if (!v.recipientName) ctx.issue("recipientName", "Enter the name of the person best placed to protect the child");
      if (!v.recipientRelationship) ctx.issue("recipientRelationship", "Enter the recipient's relationship to the child");
      if (!v.recipientReason) ctx.issue("recipientReason", "Explain why this person is best placed to protect the child");
      if (!v.proposedWording) ctx.issue("proposedWording", "Enter the wording proposed for the disclosure");
    }
  },
);

function disclosing(v: Record<string, unknown>) {
  return v.recommendation === "disclose";
}

export const decisionForm = defineForm(
  {
    decision: {
      kind: "radios", label: "Your decision",
      options: { approve: "Approve the recommendation", reject: "Reject the recommendation and decide otherwise", return: "Return it to the reviewer for more work" },
      required: "Select approve, reject or return",
    },
    outcome: { kind: "radios", label: "Your decision instead", options: RECOMMENDATIONS, summary: { label: "Decision" } },
    reasons: { kind: "textarea", label: "Reasons", hint: "Always required. The decision is locked once signed.", max: LONG, required: "Give the reasons for the decision", noun: "The reasons" },
    code: {
      kind: "text", label: "Security code", hint: "To sign an approval or rejection, enter the current code from your authenticator app",
      max: 20, noun: "Security code", summary: false,
    },
  },
  (v, ctx) => {
    if (v.decision === "reject" && !v.outcome) ctx.issue("outcome", "Select the decision you are making instead");
    if (v.decision && v.decision !== "return" && !v.code) ctx.issue("code", "Enter the current code from your authenticator app to sign the decision");
  },
);

export const UNDERTAKING = { signed: "Signed", refused: "Refused" } as const;

export const disclosureDeliveryForm = defineForm(
  {
    delivered: { kind: "date", label: "Date", summary: { label: "Disclosed at" }, errorLabel: "The date of the disclosure", withTime: "deliveredTime", recordKey: "deliveredAt" },
    deliveredTime: { kind: "time", label: "Time", hint: "For example, 14:30", errorLabel: "the time of the disclosure", summary: false },
    place: { kind: "text", label: "Place", max: 200, required: "Enter where the disclosure was made", noun: "The place" },
    officers: { kind: "text", label: "Officers present", max: 500, required: "Enter the officers present", noun: "The officers" },
    recipientName: { kind: "text", label: "Recipient", max: 100, required: "Enter who received the disclosure", noun: "The recipient" },
    wordingUsed: { kind: "textarea", label: "Exact wording disclosed", max: LONG, required: "Enter the exact wording disclosed", noun: "The wording" },
    warningsGiven: { kind: "textarea", label: "Warnings given", max: LONG, required: "Enter the warnings given", noun: "The warnings" },
    undertaking: { kind: "radios", label: "Confidentiality undertaking", options: UNDERTAKING, required: "Select whether the confidentiality undertaking was signed" },
    refusedProceeded: { kind: "radios", label: "Did the disclosure go ahead?", summary: { label: "Went ahead after a refusal", when: refused }, options: YES_NO },
    refusedDecidedBy: { kind: "text", label: "Decided by", summary: { when: refused }, max: 100, noun: "Who decided" },
    safetyAdvice: { kind: "textarea", label: "Safety advice or plan (optional)", summary: { label: "Safety advice or plan" }, max: LONG, noun: "Safety advice or plan" },
    referrals: { kind: "textarea", label: "Referrals made (optional)", summary: { label: "Referrals made" }, max: LONG, noun: "Referrals made" },
  },
  (v, ctx) => {
    if (v.undertaking === "refused") {
      if (!v.refusedProceeded) ctx.issue("refusedProceeded", "Select whether the disclosure went ahead");
      if (!v.refusedDecidedBy) ctx.issue("refusedDecidedBy", "Enter who decided");
    }
  },
);

function refused(v: Record<string, unknown>) {
  return v.undertaking === "refused";
}

/** How the outcome was given to the applicant: only by a route they said is safe (known per case). */
export function outcomeDeliveryForm(safeRoutes: Readonly<Record<string, string>>) {
  return defineForm({
    given: { kind: "date", label: "Date the outcome was given", summary: { label: "Given on" }, errorLabel: "The date the outcome was given", recordKey: "givenOn" },
    route: {
      kind: "radios", label: "How it was given", hint: "Only the applicant's safe routes are offered", options: safeRoutes,
      required: "Select how the outcome was given", invalid: "Use only a route the applicant said is safe",
    },
    notes: { kind: "textarea", label: "Notes (optional)", summary: { label: "Notes" }, max: LONG, noun: "Notes" },
  });
}

export const closeForm = defineForm({
  outcomes: { kind: "checkboxes", label: "Outcomes", hint: "Select all that apply. A case may have more than one.", options: OUTCOMES, required: "Select at least one outcome" },
});

export const sideExitForm = defineForm(
  {
    exit: {
      kind: "radios", label: "Why is the case closing?",
      options: Object.fromEntries(SIDE_EXITS.map((e) => [e, OUTCOMES[e]])) as Record<(typeof SIDE_EXITS)[number], string>,
      required: "Select why the case is closing",
    },
    reason: { kind: "textarea", label: "Reason", max: LONG, required: "Enter the reason", noun: "The reason" },
    transferredTo: { kind: "text", label: "Force it is transferred to", summary: { label: "Transferred to", when: (v) => Boolean(v.transferredTo) }, max: 100, noun: "The force" },
  },
  (v, ctx) => {
    if (v.exit === "transferred" && !v.transferredTo) ctx.issue("transferredTo", "Enter the force the case is transferred to");
  },
);

export const extensionForm = defineForm({
  days: {
    kind: "integer", label: "Extend by (days)", summary: { label: "Extended by (days)" }, min: 1, max: 90,
    messages: { required: "Enter the number of days", invalid: "Enter the number of days as a whole number", min: "Extend by at least 1 day", max: "Extend by 90 days or fewer" },
  },
  reason: { kind: "textarea", label: "Reason", max: LONG, required: "Enter the reason for the extension", noun: "The reason" },
});

export const retriageForm = defineForm({
  childSafe: {
    kind: "radios", label: "Is the child safe while the case waits?", summary: { label: "Child safe while the case waits" },
    options: { yes: "Yes", no: "No", unknown: "Not known" }, required: "Select whether the child is safe while the case waits",
  },
  action: { kind: "textarea", label: "What has been done, or will be done", max: LONG, required: "Enter what has been done or will be done", noun: "The action" },
});

export const noteForm = defineForm({
  text: { kind: "textarea", label: "Add a note", max: LONG, required: "Enter the note", noun: "The note" },
});

/** The form behind each kind of stage record, for reading a record back as words. */
export function recordForm(kind: string, data: Record<string, unknown>) {
  switch (kind) {
    case "risk_check": return riskCheckForm;
    case "scope": return scopeForm;
    case "verification": return verificationForm;
    case "check": return checkForm([]);
    case "assessment": return assessmentForm;
    case "delivery": return data.kind === "outcome" ? outcomeDeliveryForm(OUTCOME_ROUTES) : disclosureDeliveryForm;
    case "side_exit": return sideExitForm;
    case "extension": return extensionForm;
    case "retriage": return retriageForm;
    default: return null;
  }
}

/** The routes by which an applicant can be told the outcome, as words. */
export const OUTCOME_ROUTES: Readonly<Record<string, string>> = {
  ...CONTACT_METHODS,
  no_applicant: "There is no applicant to tell",
};
