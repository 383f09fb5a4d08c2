// The public application: its steps, the questions' schemas, and the rules that join them.
// Pure: knows no HTTP and no database. Schemas take `today` so tests can move time.
import { z } from "zod";
import { parseDateParts } from "./dates";
import { ageOn, formatIsoDate, toIsoDate } from "./time";
import { describeDobOrAge } from "./describe";
import { datePartsOf, defineForm, fieldHref, NOT_GIVEN, summaryRows, YES_NO, type AnyForm } from "./form-spec";

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

const UK_PHONE = /^\+?[\d\s()-]{7,20}$/;
const POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;

export const dangerForm = defineForm({
  childInDanger: {
    kind: "radios", label: "Is a child in danger now?", summary: { label: "Is a child in danger now?" },
    hint: "For example, someone is hurting a child, or a child is with someone who may hurt them right now.",
    options: YES_NO, required: "Select yes if a child is in danger now",
  },
});

export const dangerSchema = () => dangerForm.schema();

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

const chose = (method: string) => (v: Record<string, unknown>) => Array.isArray(v.methods) && v.methods.includes(method);

export const contactForm = defineForm(
  {
    methods: { kind: "checkboxes", label: "Which ways are safe to contact you?", hint: "Select all that are safe", summary: { label: "Safe ways to contact you" }, options: CONTACT_METHODS, required: "Select at least one safe way to contact you" },
    email: { kind: "text", label: "Email address", summary: { label: "Email", when: chose("email") }, max: 254, noun: "Email address" },
    phone: { kind: "text", label: "Phone number", summary: { label: "Phone", when: chose("phone") }, max: 20, noun: "Phone number" },
    safeTimes: { kind: "text", label: "When is it safe to contact you? (optional)", hint: "For example, weekdays between 9am and 3pm", summary: { label: "Safe times" }, max: 200, noun: "Safe times" },
    leaveMessages: {
      kind: "radios", label: "Is it safe for us to leave you a message?", hint: "For example, a voicemail or a message with someone who answers",
      summary: { label: "Safe to leave a message" }, options: YES_NO, required: "Select yes if it is safe to leave you a message",
    },
    safetyNotes: { kind: "textarea", label: "Is there anything else we should know to contact you safely? (optional)", summary: { label: "Anything else" }, max: 1000, noun: "What we should know" },
  },
  (v, ctx) => {
    if (v.methods?.includes("email")) {
      if (!v.email) ctx.issue("email", "Enter your email address");
      else if (!z.string().email().safeParse(v.email).success) ctx.issue("email", "Enter an email address in the correct format, like name@example.com");
    }
    if (v.methods?.includes("phone")) {
      if (!v.phone) ctx.issue("phone", "Enter a phone number");
      else if (!UK_PHONE.test(v.phone)) ctx.issue("phone", "Enter a phone number, like 01632 960 001 or 07700 900 982");
    }
  },
);

/**
 * Only the details of the routes chosen are kept: an email address typed and then un-chosen (she
 * switched to phone only) must never reach staff, who would take it as a safe way to reach her.
 */
export function keepChosenRoutes<C extends { methods: readonly string[]; email?: string; phone?: string }>(contact: C): C {
  return {
    ...contact,
    email: contact.methods.includes("email") ? contact.email : undefined,
    phone: contact.methods.includes("phone") ? contact.phone : undefined,
  };
}

/** The contact page's schema: its questions, then only the chosen routes' details kept. */
export const contactSchema = () => contactForm.schema().transform(keepChosenRoutes);

/** A child is under 18 (Children Act 1989): the age at which someone is no longer a child. */
export const ADULT_AGE = 18;

const DOB_OR_AGE = {
  child: {
    legend: "Do you know the child's date of birth?",
    dateHint: "For example, 7 3 2016",
    dateLabel: "The child's date of birth",
    ageText: "No, but I know their age",
    ageLabel: "Age in years",
    unknownText: "No, I do not know their date of birth or age",
    missing: "Enter the child's age",
    notNumber: "Enter the child's age as a number, like 7",
    outOfRange: "The child must be under 18: enter an age from 0 to 17",
    range: { min: 0, max: ADULT_AGE - 1 },
  },
  subject: {
    legend: "Do you know their date of birth?",
    dateHint: "For example, 27 3 1980",
    dateLabel: "The person's date of birth",
    ageText: "No, but I know roughly how old they are",
    ageLabel: "Approximate age in years",
    unknownText: "No, I do not know",
    missing: "Enter roughly how old the person is",
    notNumber: "Enter a number, like 35",
    outOfRange: "Enter an age from 10 to 120",
    range: { min: 10, max: 120 },
  },
} as const;

/** Room for "about 35" or "roughly 35 years old"; the number is what is kept. */
const AGE_MAX_LENGTH = 30;

/**
 * An age as people type it: "35", "about 35", "roughly 35 years old", "35ish", "c. 35" → 35.
 * Null for anything that is not a whole number of years.
 */
export function parseApproximateAge(text: string | undefined): number | null {
  const t = (text ?? "")
    .trim()
    .toLowerCase()
    .replace(/^(about|around|roughly|approximately|approx\.?|aged|age|maybe|circa|c\.|~)\s*/, "")
    .replace(/\s*(-?ish|years?\s+old|years?|yrs?\.?|y\/o)$/, "")
    .trim();
  return /^\d{1,3}$/.test(t) ? Number(t) : null;
}

/** Someone born on or before this date (ISO) is 18 or over on `today` in the UK. */
export function adultBornOnOrBefore(today: Date): string {
  const [y, m, d] = toIsoDate(today).split("-").map(Number);
  // 29 February 18 years back may not exist: the last day of February is.
  const day = Math.min(d, new Date(Date.UTC(y - ADULT_AGE, m, 0)).getUTCDate());
  return `${y - ADULT_AGE}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "Do you know their date of birth?": a date, an age, or "I do not know" (for a child or the subject). */
function dobOrAgeFields<W extends "child" | "subject">(who: W) {
  const copy = DOB_OR_AGE[who];
  return {
    dobKnown: {
      kind: "radios",
      label: copy.legend,
      options: { date: "Yes", age: copy.ageText, unknown: copy.unknownText },
      required: "Select whether you know their date of birth or age",
      summary: { label: "Date of birth or age", value: (v: Record<string, unknown>) => describeDobOrAge(v, who === "subject") },
    },
    dob: { kind: "date", label: "Date of birth", hint: copy.dateHint, errorLabel: copy.dateLabel, when: (v: Record<string, unknown>) => v.dobKnown === "date", summary: false },
    age: { kind: "text", label: copy.ageLabel, max: AGE_MAX_LENGTH, noun: "The age", summary: false },
  } as const;
}

type DobOrAgeValues = { dobKnown?: string; dobDay?: string; dobMonth?: string; dobYear?: string; age?: string };

function checkDobOrAge(who: "child" | "subject", v: DobOrAgeValues, ctx: { issue(field: "age" | "dob", message: string): void; today?: Date }) {
  const copy = DOB_OR_AGE[who];
  if (v.dobKnown === "date" && who === "child" && ctx.today) {
    const date = parseDateParts(datePartsOf(v, "dob"), copy.dateLabel, ctx.today);
    if (date.ok && ageOn(date.iso, ctx.today) >= ADULT_AGE) {
      ctx.issue("dob", `The child must be under 18: enter a date of birth after ${formatIsoDate(adultBornOnOrBefore(ctx.today))}`);
    }
  }
  if (v.dobKnown !== "age") return;
  const age = parseApproximateAge(v.age);
  if (!v.age?.trim()) ctx.issue("age", copy.missing);
  else if (age === null) ctx.issue("age", copy.notNumber);
  else if (age < copy.range.min || age > copy.range.max) ctx.issue("age", copy.outOfRange);
}

/** "about 35" is kept as "35": the number is what staff and the case record need. */
function keepAgeNumber<V extends { dobKnown: string; age?: string }>(v: V): V {
  const age = v.dobKnown === "age" ? parseApproximateAge(v.age) : null;
  return age === null ? v : { ...v, age: String(age) };
}

export const childForm = defineForm(
  {
    fullName: { kind: "text", label: "Child's full name", hint: "If you do not know their full name, enter the name you know them by", summary: { label: "Name" }, max: 100, required: "Enter the child's name", noun: "The child's name" },
    ...dobOrAgeFields("child"),
    gender: { kind: "radios", label: "Child's gender", summary: { label: "Gender" }, options: GENDERS, required: "Select the child's gender, or I do not know" },
    livesWith: {
      kind: "textarea", label: "Where does the child live, or who do they live with?", summary: { label: "Lives with or at" },
      hint: "An address if you know it, or for example \"with their mother and her partner\"", max: 500,
      required: "Enter where the child lives or who they live with", noun: "Where the child lives",
    },
    applicantRelationship: {
      kind: "text", label: "What is your relationship to the child?", hint: "For example, parent, grandparent, neighbour, family friend",
      summary: { label: "Your relationship to the child" }, max: 100, required: "Enter your relationship to the child", noun: "Your relationship to the child",
    },
    subjectRelationship: {
      kind: "text", label: "What is the relationship between the child and the person you are worried about? (optional)",
      hint: "For example, mother's new partner, uncle, coach. Leave blank if you do not know",
      summary: { label: "The person's relationship to the child", ifEmpty: "Not known" }, max: 100, noun: "The person's relationship to the child",
    },
    parentsAware: {
      kind: "radios", label: "Do the child's parents or carers know you are asking?", summary: { label: "Parents or carers know you are asking" },
      options: PARENTS_AWARE, required: "Select whether the child's parents or carers know you are asking",
    },
  },
  (v, ctx) => checkDobOrAge("child", v, ctx),
);

export const childSchema = (today: Date) => childForm.schema(today).transform(keepAgeNumber);

export const anotherChildForm = defineForm({
  addAnother: { kind: "radios", label: "Do you need to add another child?", options: YES_NO, required: "Select yes if you need to add another child" },
});

export const anotherChildSchema = () => anotherChildForm.schema();

/** Removing a child already added: the question names them. */
export const removeChildForm = (name: string) =>
  defineForm({
    confirm: { kind: "radios", label: `Are you sure you want to remove ${name}?`, options: YES_NO, required: "Select yes if you want to remove this child" },
  });

export const subjectForm = defineForm(
  {
    fullName: { kind: "text", label: "Their name", hint: "If you only know a first name or a nickname, enter that", summary: { label: "Name" }, max: 100, required: "Enter the person's name", noun: "The person's name" },
    otherNames: {
      kind: "text", label: "Other names they use or have used (optional)", hint: "For example, a nickname, a name they use online, or a previous surname",
      summary: { label: "Other names" }, max: 200, noun: "Other names",
    },
    ...dobOrAgeFields("subject"),
    addressKnown: {
      kind: "radios", label: "Do you know where they live?", options: { yes: "Yes", no: "No, I do not know" }, required: "Select yes if you know where the person lives",
      summary: { label: "Address", value: (v) => (v.addressKnown === "yes" ? String(v.address || NOT_GIVEN) : "Not known") },
    },
    address: { kind: "textarea", label: "Their address", hint: "Give as much as you know, or more than one address", max: 500, noun: "The person's address", summary: false },
    description: { kind: "textarea", label: "What do they look like? (optional)", hint: "For example, height, build, hair, tattoos, glasses", summary: { label: "What they look like" }, max: 1000, noun: "What the person looks like" },
    occupation: { kind: "text", label: "What is their job? (optional)", summary: { label: "Job" }, max: 100, noun: "The person's job" },
    relationshipToApplicant: {
      kind: "text", label: "How do you know them? (optional)", hint: "For example, my ex-partner's new partner, a neighbour",
      summary: { label: "How you know them" }, max: 100, noun: "How you know the person",
    },
  },
  (v, ctx) => {
    checkDobOrAge("subject", v, ctx);
    if (v.addressKnown === "yes" && !v.address) ctx.issue("address", "Enter the person's address, or select no");
  },
);

export const subjectSchema = (today: Date) => subjectForm.schema(today).transform(keepAgeNumber);

export const subjectContactForm = defineForm(
  {
    contactTypes: {
      kind: "checkboxes", label: "How does the person have contact with the child or children?", hint: "Select all that apply",
      summary: { label: "Contact with the child" }, options: SUBJECT_CONTACT_TYPES, required: "Select how the person has contact with the child",
    },
    contactDetails: {
      kind: "textarea", label: "Tell us more about the contact (optional unless you chose 'Another way')",
      hint: "For example, how often they see the child, and whether they are ever alone with them",
      summary: { label: "More about the contact" }, max: 2000, noun: "Details of the contact",
    },
  },
  (v, ctx) => {
    if (v.contactTypes?.includes("other") && !v.contactDetails) ctx.issue("contactDetails", "Tell us how the person has contact with the child");
  },
);

export const subjectContactSchema = () => subjectContactForm.schema();

export const concernForm = defineForm({
  concern: {
    kind: "textarea", label: "Why are you worried about the person?", summary: { label: "Why you are worried" },
    hint: "Tell us what has happened, what you have seen or heard, and when. Include anything that has been reported before.",
    max: CONCERN_MAX, required: "Tell us why you are worried about the person", noun: "Your answer",
  },
});

export const concernSchema = () => concernForm.schema();

const DECLARATIONS_MESSAGE = "Confirm all 4 statements to continue";

export const declarationsForm = defineForm(
  {
    declarations: {
      kind: "checkboxes", label: "Declaration", hint: "You need to confirm each of these to send your application",
      summary: { label: "You confirmed" }, options: DECLARATIONS, required: DECLARATIONS_MESSAGE,
    },
  },
  (v, ctx) => {
    const all = Object.keys(DECLARATIONS);
    if (v.declarations && !all.every((d) => v.declarations!.includes(d as keyof typeof DECLARATIONS))) ctx.issue("declarations", DECLARATIONS_MESSAGE);
  },
);

export const declarationsSchema = () => declarationsForm.schema();

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

// "Change" from check answers: the question's page opens at the question, and Continue or Back
// return to check answers at the same row. The URL carries only the row's name (made of field
// names, never an answer): `/apply/contact?change=contact-safeTimes#safeTimes`, and back to
// `/apply/check#answer-contact-safeTimes`.
const CHANGE_PARAM = "change";
const ROW_NAME = /^[A-Za-z][A-Za-z0-9-]{0,59}$/;

/** The check-answers row being changed, from a question page's query string; null when none or not a row name. */
export function changedRow(search: string | URLSearchParams): string | null {
  const value = (typeof search === "string" ? new URLSearchParams(search) : search).get(CHANGE_PARAM);
  return value && ROW_NAME.test(value) ? value : null;
}

/** The element id of a row on the check answers page. */
export const checkRowId = (row: string) => `answer-${row}`;

/** Check answers, at the row just changed when there is one. */
export function checkAnswersPath(row: string | null): string {
  return row ? `/apply/check#${checkRowId(row)}` : "/apply/check";
}

/** A Change link: the question's page, told which row it changes, scrolled to the question's first input. */
export function changeLink(page: string, row: string, questionHref: string): string {
  return `${page}?${CHANGE_PARAM}=${encodeURIComponent(row)}${questionHref}`;
}

export type CheckAnswersRow = { key: string; value: string; href: string; id: string };

/**
 * Check answers' rows for one page's answers, from its specification: each named `<prefix>-<field>`
 * and with a Change link that opens `page` at that question.
 */
export function checkAnswersRows(form: AnyForm, values: object | undefined, page: string, prefix: string): CheckAnswersRow[] {
  return summaryRows(form, (values ?? {}) as Record<string, unknown>).map(({ key, value, field }) => {
    const row = `${prefix}-${field}`;
    return { key, value, id: checkRowId(row), href: changeLink(page, row, fieldHref(field, form.fields[field])) };
  });
}

/**
 * Where an answer sent from a Change link leads: back to check answers at that row once every
 * question is answered (a changed child too, not the children list); otherwise on as usual. The
 * 999 page always comes first.
 */
export function afterChange(next: string, row: string | null, data: DraftData, today: Date): string {
  if (!row || next === "/apply/call-999" || firstIncompleteStep(data, today) !== null) return next;
  return checkAnswersPath(row);
}

/** How the confirmation page names the routes the applicant chose, and whether an email was sent. */
export function confirmationContactWords(methods: readonly string[]): { routes: string; emailSent: boolean } {
  const words: Record<string, string> = { email: "email", phone: "phone call or text message", letter: "letter to your address" };
  const names = methods.filter((m) => m in words).map((m) => words[m]);
  const routes = names.length <= 1 ? (names[0] ?? "the way you told us is safe") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return { routes, emailSent: methods.includes("email") };
}
