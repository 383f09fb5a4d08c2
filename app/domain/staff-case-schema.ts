// A case opened by staff: an application taken by phone or at a station, or a proactive case
// started by police. The same data model as an online application, with fewer required answers.
import { z } from "zod";
import { checkAge, choice, choices, optionalText, requiredText } from "./fields";
import { CONTACT_METHODS, SUBJECT_CONTACT_TYPES } from "./application";

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const CHANNELS = { phone: "By phone", station: "At a police station", proactive: "Proactive (started by police)" } as const;

/** How each case came in, as the case page says it. */
export const CHANNEL_NAMES = { online: "online", phone: "by phone", station: "at a police station", proactive: "proactive" } as const;

export function staffCaseSchema() {
  return z
    .object({
      channel: choice(keys(CHANNELS), "Select how the case came in"),
      urgent: choice(["yes", "no"], "Select yes if a child is in danger now"),
      applicantName: optionalText(100, "The applicant's name"),
      applicantAddress: optionalText(500, "The applicant's address"),
      contactMethods: z.array(z.enum(keys(CONTACT_METHODS))).optional(),
      email: optionalText(254, "Email address"),
      phone: optionalText(20, "Phone number"),
      safeTimes: optionalText(200, "Safe times"),
      leaveMessages: z.enum(["yes", "no"]).optional(),
      childName: requiredText(100, "Enter the child's name", "The child's name"),
      childAge: optionalText(3, "The child's age"),
      childLivesWith: optionalText(500, "Where the child lives"),
      subjectName: requiredText(100, "Enter the subject's name", "The subject's name"),
      subjectAge: optionalText(3, "The subject's age"),
      contactTypes: choices(keys(SUBJECT_CONTACT_TYPES), "Select how the subject has contact with the child"),
      concern: requiredText(5000, "Enter the reason for concern", "The reason for concern"),
    })
    .superRefine((v, ctx) => {
      if (v.channel !== "proactive") {
        if (!v.applicantName) ctx.addIssue({ code: "custom", path: ["applicantName"], message: "Enter the applicant's name" });
        if (!v.contactMethods?.length) ctx.addIssue({ code: "custom", path: ["contactMethods"], message: "Select the safe ways to contact the applicant" });
        if (!v.leaveMessages) ctx.addIssue({ code: "custom", path: ["leaveMessages"], message: "Select yes if it is safe to leave the applicant a message" });
      }
      if (v.contactMethods?.includes("email") && !z.string().email().safeParse(v.email ?? "").success) {
        ctx.addIssue({ code: "custom", path: ["email"], message: "Enter an email address in the correct format, like name@example.com" });
      }
      if (v.contactMethods?.includes("phone") && !v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number" });
      if (v.childAge) checkAge(ctx, "childAge", v.childAge, { min: 0, max: 17 }, { missing: "", invalid: "The child's age must be a whole number from 0 to 17" });
      if (v.subjectAge) checkAge(ctx, "subjectAge", v.subjectAge, { min: 10, max: 120 }, { missing: "", invalid: "The subject's age must be a whole number from 10 to 120" });
    });
}

export type StaffCaseInput = z.output<ReturnType<typeof staffCaseSchema>>;
