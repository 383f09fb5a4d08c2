// A case opened by staff: an application taken by phone or at a station, or a proactive case
// started by police. The same data model as an online application, with fewer required answers.
import { z } from "zod";
import { CONTACT_METHODS, SUBJECT_CONTACT_TYPES } from "./application";
import { isWholeAgeIn } from "./fields";
import { defineForm, YES_NO, type FormValues } from "./form-spec";

export const CHANNELS = { phone: "By phone", station: "At a police station", proactive: "Proactive (started by police)" } as const;

/** How each case came in, as the case page says it. */
export const CHANNEL_NAMES = { online: "online", phone: "by phone", station: "at a police station", proactive: "proactive" } as const;

/** The questions of "Open a case", in page order (ADR 016). */
export const staffCaseForm = defineForm(
  {
    channel: { kind: "radios", label: "How did the case come in?", options: CHANNELS, required: "Select how the case came in" },
    urgent: { kind: "radios", label: "Is a child in danger now?", options: YES_NO, required: "Select yes if a child is in danger now" },
    applicantName: { kind: "text", label: "Name", max: 100, noun: "The applicant's name" },
    applicantAddress: { kind: "textarea", label: "Address", max: 500, noun: "The applicant's address" },
    contactMethods: { kind: "checkboxes", label: "Safe ways to contact them", options: CONTACT_METHODS },
    email: { kind: "text", label: "Email (if email is safe)", max: 254, noun: "Email address" },
    phone: { kind: "text", label: "Phone (if phone is safe)", max: 20, noun: "Phone number" },
    safeTimes: { kind: "text", label: "Safe times", max: 200, noun: "Safe times" },
    leaveMessages: {
      kind: "radios",
      label: "Is it safe to leave messages?",
      options: YES_NO,
      invalid: "Select yes if it is safe to leave the applicant a message",
    },
    childName: { kind: "text", label: "Name", max: 100, required: "Enter the child's name", noun: "The child's name" },
    childAge: { kind: "text", label: "Age (if known)", max: 3, noun: "The child's age" },
    childLivesWith: { kind: "textarea", label: "Where the child lives or who with (if known)", max: 500, noun: "Where the child lives" },
    subjectName: { kind: "text", label: "Name", max: 100, required: "Enter the subject's name", noun: "The subject's name" },
    subjectAge: { kind: "text", label: "Approximate age (if known)", max: 3, noun: "The subject's age" },
    contactTypes: {
      kind: "checkboxes",
      label: "How does the subject have contact with the child?",
      options: SUBJECT_CONTACT_TYPES,
      required: "Select how the subject has contact with the child",
    },
    concern: { kind: "textarea", label: "Reason for concern", max: 5000, required: "Enter the reason for concern", noun: "The reason for concern" },
  },
  (v, ctx) => {
    // A proactive case has no applicant; any other needs one and a safe way to reach them.
    if (v.channel && v.channel !== "proactive") {
      if (!v.applicantName && !ctx.answered("applicantName")) ctx.issue("applicantName", "Enter the applicant's name");
      if (!v.contactMethods?.length && !ctx.answered("contactMethods")) {
        ctx.issue("contactMethods", "Select the safe ways to contact the applicant");
      }
      if (!v.leaveMessages && !ctx.answered("leaveMessages")) ctx.issue("leaveMessages", "Select yes if it is safe to leave the applicant a message");
    }
    if (v.contactMethods?.includes("email") && !z.string().email().safeParse(v.email ?? "").success && !(v.email === undefined && ctx.answered("email"))) {
      ctx.issue("email", "Enter an email address in the correct format, like name@example.com");
    }
    if (v.contactMethods?.includes("phone") && !v.phone && !ctx.answered("phone")) ctx.issue("phone", "Enter a phone number");
    if (v.childAge && !isWholeAgeIn(v.childAge, { min: 0, max: 17 })) ctx.issue("childAge", "The child's age must be a whole number from 0 to 17");
    if (v.subjectAge && !isWholeAgeIn(v.subjectAge, { min: 10, max: 120 })) {
      ctx.issue("subjectAge", "The subject's age must be a whole number from 10 to 120");
    }
  },
);

export const staffCaseSchema = () => staffCaseForm.schema();

export type StaffCaseInput = FormValues<(typeof staffCaseForm)["fields"]>;
