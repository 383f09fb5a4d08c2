// End-to-end support: Test data.
import crypto from "node:crypto";

const LETTERS = "ABCDEFGHJKMNPQRSTVWXYZ";

/** A random run of letters: canary names never share a substring by chance. */
export function randomToken(length = 10): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => LETTERS[b % LETTERS.length]).join("");
}

/** A unique name that must never appear anywhere it should not (URLs, titles, emails…). */
export function canary(role: string): string {
  return `Canary${role}${randomToken()}`;
}

export type DateParts = { day: string; month: string; year: string };

export type ChildAnswers = {
  fullName: string;
  dob?: DateParts;
  age?: string;
  gender: "Girl" | "Boy" | "Another gender" | "I do not know";
  livesWith: string;
  applicantRelationship: string;
  subjectRelationship?: string;
  parentsAware: "Yes, all of them know" | "Some of them know" | "No, none of them know" | "I do not know";
};

export type Answers = {
  childInDanger: "Yes" | "No";
  applicant: {
    fullName: string;
    dob: DateParts;
    addressLine1: string;
    town: string;
    postcode: string;
    interpreter: "Yes" | "No";
  };
  contact: {
    email?: string;
    phone?: string;
    letter?: boolean;
    leaveMessages: "Yes" | "No";
  };
  children: ChildAnswers[];
  subject: {
    fullName: string;
    age?: string;
    address?: string;
  };
  contactTypes: string[];
  contactDetails?: string;
  concern: string;
};

export function makeChild(overrides: Partial<ChildAnswers> = {}): ChildAnswers {
  return {
    fullName: canary("Child"),
    age: "7",
    gender: "Girl",
    livesWith: "With her mother",
    applicantRelationship: "Grandparent",
    parentsAware: "Yes, all of them know",
    ...overrides,
  };
}

/** A complete, valid application with fresh canary names and a unique email address. */
export function makeAnswers(overrides: Partial<Answers> = {}): Answers {
  return {
    childInDanger: "No",
    applicant: {
      fullName: canary("Applicant"),
      dob: { day: "27", month: "3", year: "1985" },
      addressLine1: "1 Test Street",
      town: "Testtown",
      postcode: "AA1 1AA",
      interpreter: "No",
    },
    contact: {
      email: `applicant.${randomToken(12).toLowerCase()}@example.com`,
      leaveMessages: "No",
    },
    children: [makeChild()],
    subject: { fullName: canary("Subject"), age: "40" },
    contactTypes: ["They visit the child's home"],
    concern: `ConcernCanary${randomToken()} They have been seen waiting outside the school.`,
    ...overrides,
  };
}
