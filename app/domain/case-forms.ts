// The questions of each staff form on a case, declared once (see app/domain/form-spec.ts): the
// schema, the error summary, the stored record and the case page's rows all come from these.
import { z } from "zod";
import { CONTACT_METHODS } from "./application";
import {
  MAPPA_CATEGORIES,
  MAPPA_DECISION_STATUSES,
  MAPPA_LEVELS,
  mappaErrors,
  PRESUMPTION_HINT,
  presumptionDeparture,
  type DecisionOutcome,
  type PresumptionFacts,
} from "./assessment-rules";
import { defineForm, YES_NO, type FormSpec, type FieldSpecs, type Options, type RadiosSpec } from "./form-spec";
import { parseTime } from "./time";
import { riskCheckContradiction } from "./outcome-rules";
import { CHECK_FINDINGS, CHECK_RESULTS, CP_PLAN_STATUSES, isChildrensSocialCareCheck } from "./research-checks";
import { OUTCOMES, SIDE_EXITS } from "./workflow";

const LONG = 5000;

export { parseTime } from "./time";

/**
 * A form's schema plus the id of the record the page showed (an assessment, a decision), sent
 * back in a hidden input. A missing or forged id is read as "none" and refused by the service
 * with "… changed since you opened it", never as a field error.
 */
export function boundTo<F extends FieldSpecs, K extends string>(form: FormSpec<F>, key: K, today?: Date) {
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);
  return z.intersection(form.schema(today), z.object({ [key]: id } as Record<K, typeof id>));
}

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

export type NamedChild = { id: number; name: string };
export const childPlanField = (child: NamedChild) => `childPlan${child.id}` as const;

const TIME_HINT = "For example, 14:30";

/**
 * A research check; the checks a force uses are a setting, so the options come with the request.
 * Who did it is the signed-in user (not typed); children's social care records each named
 * child's child protection plan status.
 */
export function checkForm(checkTypes: readonly string[], children: readonly NamedChild[] = []) {
  const plans = Object.fromEntries(
    children.map((c) => [childPlanField(c), { kind: "radios", label: `Child protection plan: ${c.name}`, options: CP_PLAN_STATUSES, summary: false } satisfies RadiosSpec]),
  ) as Record<`childPlan${number}`, RadiosSpec>;
  return defineForm(
    {
      checkType: { kind: "radios", label: "Which check?", summary: { label: "Check" }, options: Object.fromEntries(checkTypes.map((t) => [t, t])), required: "Select the check" },
      ...plans,
      result: { kind: "radios", label: "Result", options: CHECK_RESULTS, required: "Select the result of the check" },
      findings: { kind: "checkboxes", label: "What the check found", hint: "Select all that apply", options: CHECK_FINDINGS },
      done: { kind: "date", label: "When was the check done?", summary: { label: "Done at" }, errorLabel: "The date of the check", withTime: "doneTime", recordKey: "doneAt" },
      doneTime: { kind: "time", label: "Time", hint: TIME_HINT, errorLabel: "the time of the check", summary: false },
      otherOfficer: { kind: "text", label: "Another officer who did the check (optional)", summary: { label: "With" }, max: 100, noun: "The other officer's name" },
      resultSummary: { kind: "textarea", label: "Result summary", max: LONG, required: "Enter a summary of the result", noun: "The result summary" },
    },
    (v, ctx) => {
      if (v.result && v.result !== "trace" && v.findings?.length) {
        ctx.issue("findings", "Findings can only be recorded for a trace: select trace, or clear the findings");
      }
      if (v.checkType && isChildrensSocialCareCheck(v.checkType) && v.result && v.result !== "not_applicable") {
        const values = v as Record<string, unknown>;
        const issue = ctx.issue as (field: string, message: string) => void;
        for (const child of children) {
          if (!values[childPlanField(child)]) issue(childPlanField(child), `Select whether ${child.name} is subject of a child protection plan`);
        }
      }
    },
  );
}

/** A stored check read back as words (who did it is stored, not asked). */
const checkRecordForm = (() => {
  const f = checkForm([]).fields;
  return defineForm({
    checkType: f.checkType,
    result: f.result,
    findings: { ...f.findings, label: "What it found", summary: { when: (v: Record<string, unknown>) => v.result === "trace" } },
    done: f.done,
    doneBy: { kind: "text", label: "Done by", max: 100, noun: "Who did the check" },
    otherOfficer: f.otherOfficer,
    resultSummary: f.resultSummary,
  });
})();

/** The subject's identity as the checks confirmed it: recorded once found, shown from then on. */
export const identityForm = defineForm({
  fullName: { kind: "text", label: "Full name found by the checks", summary: { label: "Full name" }, max: 100, required: "Enter the subject's full name as confirmed by the checks", noun: "The full name" },
  dob: { kind: "date", label: "Date of birth found by the checks", summary: { label: "Date of birth" }, errorLabel: "The date of birth", recordKey: "dateOfBirth" },
});

export const RECOMMENDATIONS = {
  disclose: "Disclose",
  no_disclosure: "No disclosure",
  other_safeguarding: "Other safeguarding action",
} as const;

export const RECIPIENT_CHOICES = { applicant: "The applicant", other: "Someone else" } as const;

const mappaManaged = (v: Record<string, unknown>) => v.mappaManaged === "yes" || v.mappaManaged === true;
const mappaMade = (v: Record<string, unknown>) => mappaManaged(v) && v.mappaDecisionStatus === "made";
const sought = (v: Record<string, unknown>) => v.representationsSought === "yes";
const notSought = (v: Record<string, unknown>) => v.representationsSought === "no";

/** The person best placed: the applicant (when there is one) or someone else, named. */
function checkRecipient(v: { recipientIs?: string; recipientName?: string; recipientRelationship?: string; recipientReason?: string }, issue: (field: "recipientIs" | "recipientName" | "recipientRelationship" | "recipientReason", message: string) => void) {
  if (v.recipientIs !== "applicant") {
    if (!v.recipientName) issue("recipientName", "Enter the name of the person best placed to protect the child");
    if (!v.recipientRelationship) issue("recipientRelationship", "Enter the recipient's relationship to the child");
  }
  if (!v.recipientReason) issue("recipientReason", "Explain why this person is best placed to protect the child");
}

const recipientFields = (when: (v: Record<string, unknown>) => boolean) =>
  ({
    recipientIs: { kind: "radios", label: "Who is best placed to protect the child?", summary: { label: "Best placed to protect the child", when }, options: RECIPIENT_CHOICES },
    recipientName: { kind: "text", label: "Name", summary: { label: "Recipient", when: (v: Record<string, unknown>) => when(v) && v.recipientIs !== "applicant" }, max: 100, noun: "The recipient's name" },
    recipientRelationship: {
      kind: "text", label: "Relationship to the child", summary: { label: "Recipient's relationship to the child", when: (v: Record<string, unknown>) => when(v) && v.recipientIs !== "applicant" },
      max: 100, noun: "The recipient's relationship to the child",
    },
    recipientReason: { kind: "textarea", label: "Why they are best placed to protect the child", summary: { label: "Why best placed", when }, max: LONG, noun: "Why they are best placed" },
  }) as const;

export const assessmentForm = defineForm(
  {
    csoConvictions: {
      kind: "radios", label: "Does the person have convictions for child sexual offences?", summary: { label: "Child sexual offence convictions" },
      hint: PRESUMPTION_HINT, options: YES_NO, required: "Select yes if the person has convictions for child sexual offences",
    },
    csoDetails: { kind: "textarea", label: "Details of those convictions (if any)", summary: { label: "Details of the convictions" }, max: LONG, noun: "Details of the convictions" },
    otherConvictions: { kind: "textarea", label: "Other relevant convictions (optional)", summary: { label: "Other convictions" }, max: LONG, noun: "Other convictions" },
    intelligence: { kind: "textarea", label: "Relevant intelligence (optional)", summary: { label: "Intelligence" }, max: LONG, noun: "Intelligence" },
    registeredSexOffender: {
      kind: "radios", label: "Is the person a registered sex offender?", summary: { label: "Registered sex offender" },
      hint: "Every registered sex offender is managed under MAPPA, category 1", options: YES_NO, required: "Select yes if the person is a registered sex offender",
    },
    mappaManaged: { kind: "radios", label: "Is the person managed under MAPPA?", summary: { label: "MAPPA-managed" }, options: YES_NO, required: "Select yes if the person is managed under MAPPA" },
    mappaCategory: { kind: "radios", label: "MAPPA category", summary: { when: mappaManaged }, options: MAPPA_CATEGORIES },
    mappaLevel: { kind: "radios", label: "MAPPA level", summary: { when: mappaManaged }, options: MAPPA_LEVELS },
    mappaDecisionStatus: {
      kind: "radios", label: "Has the MAPPA meeting decided?", summary: { label: "MAPPA decision", when: mappaManaged },
      hint: "While the MAPPA decision is pending the case stays at risk assessment", options: MAPPA_DECISION_STATUSES,
    },
    mappaMeeting: { kind: "date", label: "Date of the MAPPA meeting", summary: { when: mappaMade }, errorLabel: "The date of the MAPPA meeting", when: mappaMade, recordKey: "mappaMeetingDate" },
    mappaDecision: { kind: "textarea", label: "The MAPPA meeting's decision", summary: { label: "What MAPPA decided", when: mappaMade }, max: LONG, noun: "The MAPPA decision" },
    riskToChild: { kind: "textarea", label: "The risk to the named child or children", summary: { label: "Risk to the child" }, max: LONG, required: "Describe the risk to the named child or children", noun: "The risk to the child" },
    necessity: { kind: "textarea", label: "Necessity", max: LONG, required: "Explain why disclosure is or is not necessary", noun: "Necessity" },
    proportionality: { kind: "textarea", label: "Proportionality", max: LONG, required: "Explain why this is proportionate", noun: "Proportionality" },
    article8: {
      kind: "textarea", label: "Article 8 rationale", hint: "The subject's right to a private life against the child's protection",
      max: LONG, required: "Give the Article 8 rationale", noun: "The Article 8 rationale",
    },
    representationsSought: { kind: "radios", label: "Were the subject's representations sought?", summary: { label: "Representations sought" }, options: YES_NO, required: "Select yes if the subject's representations were sought" },
    representationsReason: { kind: "textarea", label: "Why they were not sought", summary: { label: "Why not sought", when: notSought }, max: LONG, noun: "The reason" },
    representationsAsked: { kind: "date", label: "When the subject was asked", summary: { label: "Subject asked on", when: sought }, errorLabel: "The date the subject was asked", when: sought, recordKey: "representationsAskedOn" },
    representationsReply: { kind: "textarea", label: "What the subject said (or that no reply came)", summary: { label: "What the subject said", when: sought }, max: LONG, noun: "The reply" },
    representationsWeighed: { kind: "textarea", label: "How the reply was weighed", summary: { when: sought }, max: LONG, noun: "How the reply was weighed" },
    recommendation: { kind: "radios", label: "Recommendation", options: RECOMMENDATIONS, required: "Select a recommendation" },
    ...recipientFields(disclosing),
    proposedWording: { kind: "textarea", label: "Proposed wording of the disclosure", hint: "Exactly what will be said", summary: { label: "Proposed wording", when: disclosing }, max: LONG, noun: "The proposed wording" },
  },
  (v, ctx) => {
    if (v.csoConvictions === "yes" && !v.csoDetails) ctx.issue("csoDetails", "Give details of the convictions");
    for (const e of mappaErrors(v)) ctx.issue(e.field as "mappaManaged" | "mappaCategory", e.message);
    if (v.mappaManaged === "yes") {
      if (!v.mappaCategory) ctx.issue("mappaCategory", "Select the MAPPA category");
      if (!v.mappaLevel) ctx.issue("mappaLevel", "Select the MAPPA level");
      if (!v.mappaDecisionStatus) ctx.issue("mappaDecisionStatus", "Select whether the MAPPA meeting has decided");
      if (v.mappaDecisionStatus === "made" && !v.mappaDecision) ctx.issue("mappaDecision", "Record the MAPPA meeting's decision");
    }
    if (v.representationsSought === "no" && !v.representationsReason) ctx.issue("representationsReason", "Explain why the subject's representations were not sought");
    if (v.representationsSought === "yes") {
      if (!v.representationsReply) ctx.issue("representationsReply", "Summarise the subject's reply (or that none came)");
      if (!v.representationsWeighed) ctx.issue("representationsWeighed", "Explain how the reply was weighed");
    }
    if (v.recommendation === "disclose") {
      checkRecipient(v, ctx.issue);
      if (!v.proposedWording) ctx.issue("proposedWording", "Enter the wording proposed for the disclosure");
    }
  },
);

function disclosing(v: Record<string, unknown>) {
  return v.recommendation === "disclose";
}

const DECISIONS = { approve: "Approve the recommendation", reject: "Reject the recommendation and decide otherwise", return: "Return it to the reviewer for more work" } as const;

/** What the decision form checks against: the recommendation shown and the facts the presumption rests on. */
export type DecisionContext = { recommendation: DecisionOutcome; facts: PresumptionFacts };

/** The outcome a decision makes: the recommendation when approved, the manager's own when rejected. */
export function decidedOutcome(v: { decision?: string; outcome?: string }, recommendation: DecisionOutcome): DecisionOutcome | null {
  if (v.decision === "approve") return recommendation;
  if (v.decision === "reject") return (v.outcome as DecisionOutcome | undefined) ?? null;
  return null;
}

export const DEPARTURE_HINT =
  "Needed when the decision departs from the presumption to disclose. The decision then also needs a second manager's signature.";

/** The manager's decision; with a context (on the server) it also checks the presumption and the recipient. */
export function decisionForm(context?: DecisionContext) {
  return defineForm(
    {
      decision: { kind: "radios", label: "Your decision", options: DECISIONS, required: "Select approve, reject or return" },
      outcome: { kind: "radios", label: "Your decision instead", options: RECOMMENDATIONS, summary: { label: "Decision" } },
      ...recipientFields((v) => v.outcome === "disclose"),
      wording: { kind: "textarea", label: "The wording of the disclosure", hint: "Exactly what will be said", max: LONG, noun: "The wording" },
      departureRationale: { kind: "textarea", label: "Why this decision departs from the presumption to disclose", hint: DEPARTURE_HINT, max: LONG, noun: "The rationale" },
      reasons: { kind: "textarea", label: "Reasons", hint: "Always required. The decision is locked once signed.", max: LONG, required: "Give the reasons for the decision", noun: "The reasons" },
      code: {
        kind: "text", label: "Security code", hint: "To sign an approval or rejection, enter the current code from your authenticator app",
        max: 20, noun: "Security code", summary: false,
      },
    },
    (v, ctx) => {
      if (v.decision === "reject") {
        if (!v.outcome) ctx.issue("outcome", "Select the decision you are making instead");
        else if (context && v.outcome === context.recommendation) ctx.issue("outcome", "That is the recommendation: approve it, or select a different decision");
        if (v.outcome === "disclose") {
          checkRecipient(v, ctx.issue);
          if (!v.wording) ctx.issue("wording", "Enter the wording of the disclosure");
        }
      }
      const outcome = context && v.decision ? decidedOutcome(v, context.recommendation) : null;
      if (outcome && context && presumptionDeparture(context.facts, outcome) && !v.departureRationale) {
        ctx.issue("departureRationale", "This decision departs from the presumption to disclose: give the rationale");
      }
      if (v.decision && v.decision !== "return" && !v.code) ctx.issue("code", "Enter the current code from your authenticator app to sign the decision");
    },
  );
}

/** The second manager's signature on a decision that departs from the presumption. */
export const countersignForm = defineForm({
  code: {
    kind: "text", label: "Security code", hint: "Enter the current code from your authenticator app to give the second signature",
    max: 20, required: "Enter the current code from your authenticator app to give the second signature", noun: "Security code", summary: false,
  },
});

/** The routes by which an applicant can be told the outcome, as words. */
export const OUTCOME_ROUTES: Readonly<Record<string, string>> = {
  ...CONTACT_METHODS,
  no_applicant: "There is no applicant to tell",
};

export const UNDERTAKING = { signed: "Signed", refused: "Refused" } as const;

/**
 * What the applicant is told and how (only when the rules allow a message: app/domain/decision-binding.ts).
 * `routes` are the applicant's safe routes; null when no message is offered.
 */
function messageFields(routes: Options | null) {
  const asked = () => routes !== null;
  return {
    messageRoute: {
      kind: "radios", label: "How the applicant was told", hint: "Only the applicant's safe routes are offered", options: routes ?? {},
      summary: false, invalid: "Use only a route the applicant said is safe",
    },
    message: { kind: "date", label: "When the applicant was told", summary: false, errorLabel: "The date the applicant was told", when: asked },
    messageTime: { kind: "text", label: "Time", hint: TIME_HINT, max: 10, noun: "The time", summary: false },
  } as const;
}

function checkMessage(routes: Options | null, v: { messageRoute?: string; messageTime?: string }, issue: (field: "messageRoute" | "messageTime", message: string) => void) {
  if (routes === null) return;
  if (!v.messageRoute) issue("messageRoute", "Select how the applicant was told");
  if (parseTime(v.messageTime) === null) issue("messageTime", "Enter the time the applicant was told as a time, like 14:30 or 2:30pm");
}

/** The disclosure as made: the recipient and the words are the decision's and are not typed here. */
const disclosureFields = {
  delivered: { kind: "date", label: "Date of the disclosure", summary: { label: "Disclosed at" }, errorLabel: "The date of the disclosure", withTime: "deliveredTime", recordKey: "deliveredAt" },
  deliveredTime: { kind: "time", label: "Time", hint: TIME_HINT, errorLabel: "the time of the disclosure", summary: false },
  place: { kind: "text", label: "Place", max: 200, required: "Enter where the disclosure was made", noun: "The place" },
  officers: { kind: "text", label: "Officers present", max: 500, required: "Enter the officers present", noun: "The officers" },
  warningsGiven: { kind: "textarea", label: "Warnings given", max: LONG, required: "Enter the warnings given", noun: "The warnings" },
  undertaking: { kind: "radios", label: "Confidentiality undertaking", options: UNDERTAKING, required: "Select whether the confidentiality undertaking was signed" },
  refusedProceeded: { kind: "radios", label: "Did the disclosure go ahead?", summary: { label: "Went ahead after a refusal", when: refused }, options: YES_NO },
  refusedDecidedBy: { kind: "text", label: "Decided by", summary: { when: refused }, max: 100, noun: "Who decided" },
  safetyAdvice: { kind: "textarea", label: "Safety advice or plan (optional)", summary: { label: "Safety advice or plan" }, max: LONG, noun: "Safety advice or plan" },
  referrals: { kind: "textarea", label: "Referrals made (optional)", summary: { label: "Referrals made" }, max: LONG, noun: "Referrals made" },
} as const satisfies FieldSpecs;

export function disclosureDeliveryForm(routes: Options | null = null) {
  return defineForm(
    { ...disclosureFields, ...messageFields(routes) },
    (v, ctx) => {
      if (v.undertaking === "refused") {
        if (!v.refusedProceeded) ctx.issue("refusedProceeded", "Select whether the disclosure went ahead");
        if (!v.refusedDecidedBy) ctx.issue("refusedDecidedBy", "Enter who decided");
      }
      checkMessage(routes, v, ctx.issue);
    },
  );
}

function refused(v: Record<string, unknown>) {
  return v.undertaking === "refused";
}

/** A decision without a disclosure (or with one to someone else): what the applicant is told, if anything. */
export function outcomeDeliveryForm(routes: Options | null = null) {
  return defineForm(
    {
      ...messageFields(routes),
      notes: { kind: "textarea", label: "Notes (optional)", summary: { label: "Notes" }, max: LONG, noun: "Notes" },
    },
    (v, ctx) => checkMessage(routes, v, ctx.issue),
  );
}

const MESSAGE_POLICIES = {
  controlled: "Told in the force's set words",
  none: "Offered no outcome message (not verified or anonymous)",
  is_recipient: "The applicant received the disclosure itself",
  no_applicant: "There is no applicant to tell",
} as const;

const toldInWords = (v: Record<string, unknown>) => v.messagePolicy === "controlled";
const messageSummary = {
  messagePolicy: { kind: "radios", label: "What the applicant was told", options: MESSAGE_POLICIES },
  messageWords: { kind: "textarea", label: "The words used", summary: { when: toldInWords }, max: LONG, noun: "The words" },
  messageRoute: { kind: "radios", label: "How they were told", summary: { when: toldInWords }, options: CONTACT_METHODS },
  messageAt: { kind: "date", label: "When they were told", summary: { when: toldInWords }, errorLabel: "The date", withTime: "messageTime" },
} as const;

/** A stored delivery record read back as words (the recipient and wording come from the decision). */
const disclosureRecordForm = defineForm({
  recipientName: { kind: "text", label: "Recipient (as approved)", max: 100, noun: "The recipient" },
  wordingUsed: { kind: "textarea", label: "Wording disclosed (as approved)", max: LONG, noun: "The wording" },
  ...disclosureFields,
  ...messageSummary,
});
const outcomeRecordForm = defineForm({
  ...messageSummary,
  notes: { kind: "textarea", label: "Notes", max: LONG, noun: "Notes" },
  // Outcomes recorded before the decision chain was bound.
  givenOn: { kind: "date", label: "Given on", summary: { when: (v) => Boolean(v.givenOn) }, errorLabel: "The date" },
  route: { kind: "radios", label: "How it was given", summary: { when: (v) => Boolean(v.route) }, options: OUTCOME_ROUTES },
});

/** At closure staff add only what the records cannot show; the options are every outcome, the page offers only those. */
export const closeForm = defineForm({
  outcomes: { kind: "checkboxes", label: "Anything else that happened (optional)", hint: "Select all that apply", options: OUTCOMES },
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
    case "check": return checkRecordForm;
    case "subject_identity": return identityForm;
    case "assessment": return assessmentForm;
    case "delivery": return data.kind === "outcome" ? outcomeRecordForm : disclosureRecordForm;
    case "side_exit": return sideExitForm;
    case "extension": return extensionForm;
    case "retriage": return retriageForm;
    default: return null;
  }
}
