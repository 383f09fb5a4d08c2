// The schema of each staff form on a case. Every text has a maximum length; dates use the
// GOV.UK date input (checked in superRefine, error keyed by the date's id prefix).
import { z } from "zod";
import { checkDate, choice, choices, datePartFields, optionalText, requiredText } from "./fields";
import { defineForm, YES_NO } from "./form-spec";
import { parseTime } from "./moments";
import { riskCheckContradiction } from "./outcome-rules";
import { OUTCOMES, SIDE_EXITS } from "./workflow";

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const LONG = 5000;

export { parseTime } from "./moments";

function checkTime(ctx: z.RefinementCtx, path: string, value: string | undefined, label: string) {
  if (parseTime(value) === null) {
    ctx.addIssue({ code: "custom", path: [path], message: `Enter ${label} as a time, like 14:30 or 2:30pm` });
  }
}

const dateFields = <P extends string>(prefix: P) =>
  ({
    [`${prefix}Day`]: datePartFields.day,
    [`${prefix}Month`]: datePartFields.month,
    [`${prefix}Year`]: datePartFields.year,
  }) as Record<`${P}Day` | `${P}Month` | `${P}Year`, typeof datePartFields.day>;

type Parts = Record<string, unknown>;
const partsOf = (v: Parts, prefix: string) => ({
  day: v[`${prefix}Day`] as string | undefined,
  month: v[`${prefix}Month`] as string | undefined,
  year: v[`${prefix}Year`] as string | undefined,
});

export const RISK_ACTIONS = {
  none: "No immediate action needed",
  "999_response": "Emergency (999) response sent",
  child_protection_referral: "Child protection referral made",
  strategy_discussion: "Strategy discussion held or requested",
  other: "Other action",
} as const;

export const riskCheckForm = defineForm(
  {
    immediateRisk: { kind: "radios", label: "Is any child at immediate risk?", summary: { label: "Child at immediate risk" }, options: YES_NO, required: "Select yes if any child is at immediate risk" },
    actions: { kind: "checkboxes", label: "Action taken", hint: "Select all that apply", options: RISK_ACTIONS, exclusive: "none", required: "Select the action taken, or no immediate action" },
    actionDetails: { kind: "textarea", label: "Details of the action (optional unless 'Other action')", summary: { label: "Details of the action" }, max: LONG, noun: "Details of the action" },
    checked: { kind: "date", label: "When was the check made?", summary: { label: "Checked at" }, errorLabel: "The date of the check", withTime: "checkedTime", recordKey: "checkedAt" },
    checkedTime: { kind: "time", label: "Time", hint: "For example, 14:30", errorLabel: "the time of the check", summary: false },
  },
  (v, ctx) => {
    const contradiction = v.immediateRisk && v.actions ? riskCheckContradiction(v.immediateRisk, v.actions) : null;
    if (contradiction) ctx.issue(contradiction.field as "actions" | "immediateRisk", contradiction.message);
    if (v.actions?.includes("other") && !v.actionDetails) ctx.issue("actionDetails", "Describe the other action taken");
  },
);

export const riskCheckSchema = (today: Date) => riskCheckForm.schema(today);

export function scopeSchema() {
  return z
    .object({
      inScope: choice(["yes", "no"], "Select yes if the application is in scope"),
      reason: optionalText(LONG, "The reason"),
      alternativeAction: optionalText(LONG, "What the police will do instead"),
    })
    .superRefine((v, ctx) => {
      if (v.inScope === "no") {
        if (!v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter why the application is not progressed" });
        if (!v.alternativeAction) ctx.addIssue({ code: "custom", path: ["alternativeAction"], message: "Enter what the police will do instead" });
      }
    });
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

export function verificationSchema(today: Date) {
  return z
    .object({
      ...dateFields("interview"),
      method: choice(keys(INTERVIEW_METHODS), "Select how the interview was held"),
      identityDocuments: choices(keys(IDENTITY_DOCUMENTS), "Select the identity documents seen, or none"),
      addressDocuments: choices(keys(IDENTITY_DOCUMENTS), "Select the address documents seen, or none"),
      relationshipDocuments: choices(keys(IDENTITY_DOCUMENTS), "Select the documents seen for the relationship to the child, or none"),
      result: choice(keys(VERIFICATION_RESULTS), "Select whether the applicant was verified"),
      notes: optionalText(LONG, "Notes"),
    })
    .superRefine((v, ctx) => {
      checkDate(ctx, "interview", partsOf(v as Parts, "interview"), "The date of the interview", today);
    });
}

export function checkSchema(today: Date, checkTypes: readonly string[]) {
  return z
    .object({
      checkType: z.string({ required_error: "Select the check" }).refine((v) => checkTypes.includes(v), "Select the check"),
      doneBy: requiredText(100, "Enter who did the check", "Who did the check"),
      ...dateFields("done"),
      resultSummary: requiredText(LONG, "Enter a summary of the result", "The result summary"),
      relevant: choice(["yes", "no"], "Select yes if the result is relevant"),
    })
    .superRefine((v, ctx) => {
      checkDate(ctx, "done", partsOf(v as Parts, "done"), "The date of the check", today);
    });
}

export const RECOMMENDATIONS = {
  disclose: "Disclose",
  no_disclosure: "No disclosure",
  other_safeguarding: "Other safeguarding action",
} as const;

export function assessmentSchema() {
  return z
    .object({
      csoConvictions: choice(["yes", "no"], "Select yes if the person has convictions for child sexual offences"),
      csoDetails: optionalText(LONG, "Details of the convictions"),
      otherConvictions: optionalText(LONG, "Other convictions"),
      intelligence: optionalText(LONG, "Intelligence"),
      riskToChild: requiredText(LONG, "Describe the risk to the named child or children", "The risk to the child"),
      registeredSexOffender: choice(["yes", "no"], "Select yes if the person is a registered sex offender"),
      mappaManaged: choice(["yes", "no"], "Select yes if the person is managed under MAPPA"),
      mappaOutcome: optionalText(LONG, "The MAPPA outcome"),
      necessity: requiredText(LONG, "Explain why disclosure is or is not necessary", "Necessity"),
      proportionality: requiredText(LONG, "Explain why this is proportionate", "Proportionality"),
      article8: requiredText(LONG, "Give the Article 8 rationale", "The Article 8 rationale"),
      representationsSought: choice(["yes", "no"], "Select yes if the person's representations are sought"),
      representationsReason: requiredText(LONG, "Explain why representations are or are not sought", "The reason"),
      recommendation: choice(keys(RECOMMENDATIONS), "Select a recommendation"),
      recipientName: optionalText(100, "The recipient's name"),
      recipientRelationship: optionalText(100, "The recipient's relationship to the child"),
      recipientReason: optionalText(LONG, "Why they are best placed"),
      proposedWording: optionalText(LONG, "The proposed wording"),
    })
    .superRefine((v, ctx) => {
      const need = (path: string, message: string, value: unknown) => {
        if (!value) ctx.addIssue({ code: "custom", path: [path], message });
      };
      if (v.csoConvictions === "yes") need("csoDetails", "Give details of the convictions", v.csoDetails);
      if (v.mappaManaged === "yes") need("mappaOutcome", "Record the MAPPA outcome (the decision is routed through MAPPA)", v.mappaOutcome);
      if (v.recommendation === "disclose") {
        need("recipientName", "Enter the name of the person best placed to protect the child", v.recipientName);
        need("recipientRelationship", "Enter the recipient's relationship to the child", v.recipientRelationship);
        need("recipientReason", "Explain why this person is best placed to protect the child", v.recipientReason);
        need("proposedWording", "Enter the wording proposed for the disclosure", v.proposedWording);
      }
    });
}

export function decisionSchema() {
  return z
    .object({
      decision: choice(["approve", "reject", "return"], "Select approve, reject or return"),
      outcome: z.enum(keys(RECOMMENDATIONS)).optional(),
      reasons: requiredText(LONG, "Give the reasons for the decision", "The reasons"),
      code: optionalText(20, "Security code"),
    })
    .superRefine((v, ctx) => {
      if (v.decision === "reject" && !v.outcome) {
        ctx.addIssue({ code: "custom", path: ["outcome"], message: "Select the decision you are making instead" });
      }
      if (v.decision !== "return" && !v.code) {
        ctx.addIssue({ code: "custom", path: ["code"], message: "Enter the current code from your authenticator app to sign the decision" });
      }
    });
}

export function disclosureDeliverySchema(today: Date) {
  return z
    .object({
      ...dateFields("delivered"),
      deliveredTime: optionalText(10, "Time"),
      place: requiredText(200, "Enter where the disclosure was made", "The place"),
      officers: requiredText(500, "Enter the officers present", "The officers"),
      recipientName: requiredText(100, "Enter who received the disclosure", "The recipient"),
      wordingUsed: requiredText(LONG, "Enter the exact wording disclosed", "The wording"),
      warningsGiven: requiredText(LONG, "Enter the warnings given", "The warnings"),
      undertaking: choice(["signed", "refused"], "Select whether the confidentiality undertaking was signed"),
      refusedProceeded: z.enum(["yes", "no"]).optional(),
      refusedDecidedBy: optionalText(100, "Who decided"),
      safetyAdvice: optionalText(LONG, "Safety advice or plan"),
      referrals: optionalText(LONG, "Referrals made"),
    })
    .superRefine((v, ctx) => {
      checkDate(ctx, "delivered", partsOf(v as Parts, "delivered"), "The date of the disclosure", today);
      checkTime(ctx, "deliveredTime", v.deliveredTime, "the time of the disclosure");
      if (v.undertaking === "refused") {
        if (!v.refusedProceeded) ctx.addIssue({ code: "custom", path: ["refusedProceeded"], message: "Select whether the disclosure went ahead" });
        if (!v.refusedDecidedBy) ctx.addIssue({ code: "custom", path: ["refusedDecidedBy"], message: "Enter who decided" });
      }
    });
}

export function outcomeDeliverySchema(today: Date, safeRoutes: readonly string[]) {
  return z
    .object({
      ...dateFields("given"),
      route: z
        .string({ required_error: "Select how the outcome was given" })
        .refine((r) => safeRoutes.includes(r), "Use only a route the applicant said is safe"),
      notes: optionalText(LONG, "Notes"),
    })
    .superRefine((v, ctx) => {
      checkDate(ctx, "given", partsOf(v as Parts, "given"), "The date the outcome was given", today);
    });
}

export function closeSchema() {
  return z.object({ outcomes: choices(keys(OUTCOMES), "Select at least one outcome") });
}

export function sideExitSchema() {
  return z
    .object({
      exit: choice(SIDE_EXITS, "Select why the case is closing"),
      reason: requiredText(LONG, "Enter the reason", "The reason"),
      transferredTo: optionalText(100, "The force"),
    })
    .superRefine((v, ctx) => {
      if (v.exit === "transferred" && !v.transferredTo) {
        ctx.addIssue({ code: "custom", path: ["transferredTo"], message: "Enter the force the case is transferred to" });
      }
    });
}

export function extensionSchema() {
  return z.object({
    days: z.coerce
      .number({ invalid_type_error: "Enter the number of days as a whole number", required_error: "Enter the number of days" })
      .int("Enter the number of days as a whole number")
      .min(1, "Extend by at least 1 day")
      .max(90, "Extend by 90 days or fewer"),
    reason: requiredText(LONG, "Enter the reason for the extension", "The reason"),
  });
}

export function retriageSchema() {
  return z.object({
    childSafe: choice(["yes", "no", "unknown"], "Select whether the child is safe while the case waits"),
    action: requiredText(LONG, "Enter what has been done or will be done", "The action"),
  });
}

export function noteSchema() {
  return z.object({ text: requiredText(LONG, "Enter the note", "The note") });
}
