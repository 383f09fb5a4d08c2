// A complete, valid set of answers, as a person would type them into each page.
export const validAnswers = {
  danger: { childInDanger: "no" },
  applicant: {
    fullName: "Alex Applicant",
    dobDay: "7",
    dobMonth: "3",
    dobYear: "1985",
    addressLine1: "1 High Street",
    town: "Exampleton",
    postcode: "AB1 2CD",
    interpreter: "no",
  },
  contact: { methods: ["email"], email: "alex@example.org", leaveMessages: "no" },
  child: {
    fullName: "Casey Child",
    dobKnown: "age",
    age: "6",
    gender: "girl",
    livesWith: "With her mother",
    applicantRelationship: "Grandparent",
    parentsAware: "all",
  },
  subject: { fullName: "Sam Subject", dobKnown: "unknown", addressKnown: "no" },
  subjectContact: { contactTypes: ["visits-home"] },
  concern: { concern: "He is alone with her after school." },
  declarations: { declarations: ["true", "sharing", "misuse", "outcome"] },
} as const;

export function toFormData(values: Record<string, string | readonly string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    for (const item of typeof v === "string" ? [v] : v) body.append(k, item);
  }
  return body;
}
