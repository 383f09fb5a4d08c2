// The public application: its steps, the questions' schemas, and the rules that join them.
// Pure: knows no HTTP and no database. Schemas take `today` so tests can move time.
import { z } from "zod";
import {
  checkAge,
  checkDate,
  choice,
  choices,
  datePartFields,
  optionalText,
  requiredText,
} from "./fields";
import { defineForm, YES_NO } from "./form-spec";

export const MAX_CHILDREN = 10;
export const CONCERN_MAX = 5000;

export const STEPS = [
  "danger",
  "applicant",
  "contact",
  "children",
  "subject",
  "subject-contact",
  "concern",
  "declarations",
] as const;
export type Step = (typeof STEPS)[number];

export const CONTACT_METHODS = {
  email: "Email",
  phone: "Phone call or text message",
  letter: "Letter to your address",
} as const;

export const GENDERS = { girl: "Girl", boy: "Boy", other: "Another gender", unknown: "I do not know" } as const;

export const PARENTS_AWARE = {
  all: "Yes, all of them know",
  some: "Some of them know",
  none: "No, none of them know",
  unknown: "I do not know",
} as const;

export const SUBJECT_CONTACT_TYPES = {
  "lives-with": "They live with the child",
  "visits-home": "They visit the child's home",
  "looks-after": "They look after or babysit the child",
  family: "They are a relative or family friend",
  "work-volunteering": "Through their work or volunteering (for example a club, school or church)",
  online: "Online, by phone or on social media",
  other: "Another way",
} as const;

export const DECLARATIONS = {
  true: "The information I have given is true to the best of my knowledge.",
  sharing:
    "The police may share the information I have given with partner agencies, such as children's social care, probation, health services and schools, to protect children.",
  misuse:
    "Giving false information, or misusing any information the police give me, may lead to legal action against me.",
  outcome:
    "The police may not tell me the outcome if someone else is better placed to protect the child.",
} as const;

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const UK_PHONE = /^\+?[\d\s()-]{7,20}$/;
const POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;

export function dangerSchema() {
  return z.object({
    childInDanger: choice(["yes", "no"], "Select yes if a child is in danger now"),
  });
}

// Cross-field rules (dates, "required if") live in their own object, joined with z.intersection,
// so they are checked even when other answers on the page are missing: GOV.UK shows every
// error at once.

export const applicantForm = defineForm({
  fullName: { kind: "text", label: "Full name", max: 100, required: "Enter your full name", noun: "Your full name" },
  otherNames: {
    kind: "text", label: "Other names you use or have used (optional)", hint: "For example, a name before marriage",
    max: 200, noun: "Other names", summary: { label: "Other names", ifEmpty: "None given" },
  },
  dob: { kind: "date", label: "Date of birth", hint: "For example, 27 3 1985", errorLabel: "Your date of birth" },
  addressLine1: { kind: "text", label: "Address line 1", max: 100, required: "Enter the first line of your address", noun: "Address line 1", summary: { group: "Address" } },
  addressLine2: { kind: "text", label: "Address line 2 (optional)", max: 100, noun: "Address line 2", summary: { group: "Address" } },
  town: { kind: "text", label: "Town or city", max: 60, required: "Enter your town or city", noun: "Town or city", summary: { group: "Address" } },
  postcode: {
    kind: "text", label: "Postcode", max: 10, required: "Enter your postcode", noun: "Postcode",
    format: { test: (v) => POSTCODE.test(v), message: "Enter a real postcode, like AA1 1AA" },
    display: (v) => v.toUpperCase(), summary: { group: "Address" },
  },
  language: {
    kind: "text", label: "Which language would you like us to use? (optional)", hint: "Leave this blank for English",
    max: 60, noun: "Language", summary: { label: "Language", ifEmpty: "English" },
  },
  interpreter: { kind: "radios", label: "Do you need an interpreter?", options: YES_NO, required: "Select yes if you need an interpreter", summary: { label: "Interpreter needed" } },
  accessibilityNeeds: {
    kind: "textarea", label: "Do you have any access needs? (optional)",
    hint: "For example, you use a wheelchair, need British Sign Language, or need information in large print",
    max: 1000, noun: "Your access needs", summary: { label: "Access needs", ifEmpty: "None given" },
  },
});

export const applicantSchema = (today: Date) => applicantForm.schema(today);

export function contactSchema() {
  return z.intersection(
    z.object({
      safeTimes: optionalText(200, "Safe times"),
      leaveMessages: choice(["yes", "no"], "Select yes if it is safe to leave you a message"),
      safetyNotes: optionalText(1000, "What we should know"),
    }),
    z
      .object({
        methods: choices(keys(CONTACT_METHODS), "Select at least one safe way to contact you"),
        email: optionalText(254, "Email address"),
        phone: optionalText(20, "Phone number"),
      })
      .superRefine((v, ctx) => {
        if (v.methods.includes("email")) {
          if (!v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter your email address" });
          else if (!z.string().email().safeParse(v.email).success)
            ctx.addIssue({ code: "custom", path: ["email"], message: "Enter an email address in the correct format, like name@example.com" });
        }
        if (v.methods.includes("phone")) {
          if (!v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number" });
          else if (!UK_PHONE.test(v.phone))
            ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number, like 01632 960 001 or 07700 900 982" });
        }
      }),
  );
}

/** Date of birth, or an age, or "I do not know": checked together, with its own errors. */
function dobOrAge(today: Date, who: "child" | "subject") {
  const labels =
    who === "child"
      ? { date: "The child's date of birth", missing: "Enter the child's age", invalid: "The child's age must be a whole number from 0 to 17", range: { min: 0, max: 17 } }
      : { date: "The person's date of birth", missing: "Enter roughly how old the person is", invalid: "The person's age must be a whole number from 10 to 120", range: { min: 10, max: 120 } };
  return z
    .object({
      dobKnown: choice(["date", "age", "unknown"], "Select whether you know their date of birth or age"),
      dobDay: datePartFields.day,
      dobMonth: datePartFields.month,
      dobYear: datePartFields.year,
      age: optionalText(3, "Age"),
    })
    .superRefine((v, ctx) => {
      if (v.dobKnown === "date") {
        checkDate(ctx, "dob", { day: v.dobDay, month: v.dobMonth, year: v.dobYear }, labels.date, today);
      } else if (v.dobKnown === "age") {
        checkAge(ctx, "age", v.age, labels.range, { missing: labels.missing, invalid: labels.invalid });
      }
    });
}

export function childSchema(today: Date) {
  return z.intersection(
    z.object({
      fullName: requiredText(100, "Enter the child's name", "The child's name"),
      gender: choice(keys(GENDERS), "Select the child's gender, or I do not know"),
      livesWith: requiredText(500, "Enter where the child lives or who they live with", "Where the child lives"),
      applicantRelationship: requiredText(100, "Enter your relationship to the child", "Your relationship to the child"),
      subjectRelationship: optionalText(100, "The person's relationship to the child"),
      parentsAware: choice(keys(PARENTS_AWARE), "Select whether the child's parents or carers know you are asking"),
    }),
    dobOrAge(today, "child"),
  );
}

export function anotherChildSchema() {
  return z.object({ addAnother: choice(["yes", "no"], "Select yes if you need to add another child") });
}

export function subjectSchema(today: Date) {
  return z.intersection(
    z.intersection(
      z.object({
        fullName: requiredText(100, "Enter the person's name", "The person's name"),
        otherNames: optionalText(200, "Other names"),
        description: optionalText(1000, "What the person looks like"),
        occupation: optionalText(100, "The person's job"),
        relationshipToApplicant: optionalText(100, "How you know the person"),
      }),
      dobOrAge(today, "subject"),
    ),
    z
      .object({
        addressKnown: choice(["yes", "no"], "Select yes if you know where the person lives"),
        address: optionalText(500, "The person's address"),
      })
      .superRefine((v, ctx) => {
        if (v.addressKnown === "yes" && !v.address) {
          ctx.addIssue({ code: "custom", path: ["address"], message: "Enter the person's address, or select no" });
        }
      }),
  );
}

export function subjectContactSchema() {
  return z
    .object({
      contactTypes: choices(keys(SUBJECT_CONTACT_TYPES), "Select how the person has contact with the child"),
      contactDetails: optionalText(2000, "Details of the contact"),
    })
    .superRefine((v, ctx) => {
      if (v.contactTypes.includes("other") && !v.contactDetails) {
        ctx.addIssue({ code: "custom", path: ["contactDetails"], message: "Tell us how the person has contact with the child" });
      }
    });
}

export function concernSchema() {
  return z.object({
    concern: requiredText(CONCERN_MAX, "Tell us why you are worried about the person", "Your answer"),
  });
}

export function declarationsSchema() {
  const all = keys(DECLARATIONS);
  const message = "Confirm all 4 statements to continue";
  return z.object({
    declarations: choices(all, message).refine((v) => all.every((d) => v.includes(d)), message),
  });
}

export type Danger = z.infer<ReturnType<typeof dangerSchema>>;
export type Applicant = z.infer<ReturnType<typeof applicantSchema>>;
export type Contact = z.infer<ReturnType<typeof contactSchema>>;
export type Child = z.infer<ReturnType<typeof childSchema>>;
export type Subject = z.infer<ReturnType<typeof subjectSchema>>;
export type SubjectContact = z.infer<ReturnType<typeof subjectContactSchema>>;
export type Concern = z.infer<ReturnType<typeof concernSchema>>;
export type Declarations = z.infer<ReturnType<typeof declarationsSchema>>;

/** The draft as stored: each answered step's validated values. */
export type DraftData = {
  danger?: Danger;
  applicant?: Applicant;
  contact?: Contact;
  children?: Child[];
  subject?: Subject;
  "subject-contact"?: SubjectContact;
  concern?: Concern;
  declarations?: Declarations;
};

export type Application = {
  danger: Danger;
  applicant: Applicant;
  contact: Contact;
  children: Child[];
  subject: Subject;
  subjectContact: SubjectContact;
  concern: Concern;
  declarations: Declarations;
};

/** Re-checks every stored answer; the submission is built only from a complete, valid draft. */
export function completeApplication(data: DraftData, today: Date): Application | null {
  const parse = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
    const r = schema.safeParse(value);
    return r.success ? r.data : null;
  };
  const children = (data.children ?? []).map((c) => parse(childSchema(today), c));
  const app = {
    danger: parse(dangerSchema(), data.danger),
    applicant: parse(applicantSchema(today), data.applicant),
    contact: parse(contactSchema(), data.contact),
    subject: parse(subjectSchema(today), data.subject),
    subjectContact: parse(subjectContactSchema(), data["subject-contact"]),
    concern: parse(concernSchema(), data.concern),
    declarations: parse(declarationsSchema(), data.declarations),
  };
  if (Object.values(app).some((v) => v === null)) return null;
  if (children.length === 0 || children.length > MAX_CHILDREN || children.some((c) => c === null)) return null;
  return { ...(app as Omit<Application, "children">), children: children as Child[] };
}

export function isStepComplete(step: Step, data: DraftData, today: Date): boolean {
  switch (step) {
    case "danger": return dangerSchema().safeParse(data.danger).success;
    case "applicant": return applicantSchema(today).safeParse(data.applicant).success;
    case "contact": return contactSchema().safeParse(data.contact).success;
    case "children":
      return (data.children?.length ?? 0) > 0 && data.children!.every((c) => childSchema(today).safeParse(c).success);
    case "subject": return subjectSchema(today).safeParse(data.subject).success;
    case "subject-contact": return subjectContactSchema().safeParse(data["subject-contact"]).success;
    case "concern": return concernSchema().safeParse(data.concern).success;
    case "declarations": return declarationsSchema().safeParse(data.declarations).success;
  }
}

export function firstIncompleteStep(data: DraftData, today: Date): Step | null {
  return STEPS.find((s) => !isStepComplete(s, data, today)) ?? null;
}

/** Where to go after answering a step: on to the next question, or back to check answers once all are done. */
export function nextStepPath(step: Step, data: DraftData, today: Date): string {
  if (firstIncompleteStep(data, today) === null) return "/apply/check";
  const next = STEPS[STEPS.indexOf(step) + 1];
  return next ? `/apply/${next}` : "/apply/check";
}

export function previousStepPath(step: Step): string {
  const index = STEPS.indexOf(step);
  return index > 0 ? `/apply/${STEPS[index - 1]}` : "/";
}

export function isUrgent(data: DraftData): boolean {
  return data.danger?.childInDanger === "yes";
}
