import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  adultBornOnOrBefore,
  afterChange,
  applicantSchema,
  changedRow,
  checkAnswersPath,
  checkAnswersRows,
  confirmationContactWords,
  contactForm,
  parseApproximateAge,
  childSchema,
  completeApplication,
  contactSchema,
  declarationsSchema,
  firstIncompleteStep,
  nextStepPath,
  subjectContactSchema,
  subjectSchema,
  type DraftData,
} from "~/domain/application";
import { normaliseName } from "~/domain/names";
import { toFormData, validAnswers } from "../support/answers";

const today = new Date("2026-11-23T12:00:00Z");
const parse = (schema: Parameters<typeof parseWithZod>[1]["schema"], values: Record<string, string | readonly string[]>) =>
  parseWithZod(toFormData(values), { schema });
const errorsOf = (submission: ReturnType<typeof parse>) =>
  submission.status === "error" ? submission.error : undefined;

describe("applicant page", () => {
  it("accepts a valid answer and trims it", () => {
    const s = parse(applicantSchema(today), { ...validAnswers.applicant, fullName: "  Alex  " });
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value.fullName).toBe("Alex");
  });

  it("explains each missing answer, and puts a date error on the date", () => {
    const errors = errorsOf(parse(applicantSchema(today), {}));
    expect(errors).toMatchObject({
      fullName: ["Enter your full name"],
      addressLine1: ["Enter the first line of your address"],
      town: ["Enter your town or city"],
      postcode: ["Enter your postcode"],
      interpreter: ["Select yes if you need an interpreter"],
      // Every error at once (GOV.UK): the date is checked even when other answers are missing.
      dob: ["Enter your date of birth"],
    });
    const dateOnly = errorsOf(parse(applicantSchema(today), { ...validAnswers.applicant, dobDay: "31", dobMonth: "2" }));
    // The server also names the inputs that are wrong (here the whole date: 31 February).
    const realDate = ["Your date of birth must be a real date"];
    expect(dateOnly).toEqual({ dob: realDate, dobDay: realDate, dobMonth: realDate, dobYear: realDate });
  });

  it("limits every text to a maximum length", () => {
    const errors = errorsOf(parse(applicantSchema(today), { ...validAnswers.applicant, fullName: "x".repeat(10_000) }));
    expect(errors?.fullName).toEqual(["Your full name must be 100 characters or fewer"]);
  });

  it("drops control characters but keeps everything else verbatim", () => {
    const s = parse(applicantSchema(today), { ...validAnswers.applicant, fullName: "Al\u0000ex <b>O'Brien</b>" });
    expect(s.status === "success" && s.value.fullName).toBe("Alex <b>O'Brien</b>");
  });

  it("checks postcodes loosely", () => {
    expect(parse(applicantSchema(today), { ...validAnswers.applicant, postcode: "sw1a1aa" }).status).toBe("success");
    expect(errorsOf(parse(applicantSchema(today), { ...validAnswers.applicant, postcode: "12345" }))?.postcode).toEqual([
      "Enter a real postcode, like AA1 1AA",
    ]);
  });
});

describe("contact page", () => {
  it("needs the email address only when email is chosen", () => {
    expect(errorsOf(parse(contactSchema(), { methods: ["email"], leaveMessages: "no" }))?.email).toEqual(["Enter your email address"]);
    expect(parse(contactSchema(), { methods: ["letter"], leaveMessages: "no" }).status).toBe("success");
  });

  it("rejects a malformed email and phone number", () => {
    const errors = errorsOf(
      parse(contactSchema(), { methods: ["email", "phone"], email: "a@b, c@d", phone: "call me", leaveMessages: "yes" }),
    );
    expect(errors?.email?.[0]).toMatch(/correct format/);
    expect(errors?.phone?.[0]).toMatch(/Enter a phone number, like/);
  });

  it("rejects an unknown contact method", () => {
    expect(errorsOf(parse(contactSchema(), { methods: ["pigeon"], leaveMessages: "no" }))?.methods).toBeDefined();
  });
});

describe("child and subject pages", () => {
  it("needs an age from 0 to 17 when the child's age is given", () => {
    expect(errorsOf(parse(childSchema(today), { ...validAnswers.child, age: "18" }))?.age).toEqual([
      "The child must be under 18: enter an age from 0 to 17",
    ]);
    expect(errorsOf(parse(childSchema(today), { ...validAnswers.child, age: "" }))?.age).toEqual(["Enter the child's age"]);
  });

  it("lets the person say they do not know the subject's details", () => {
    expect(parse(subjectSchema(today), { fullName: "Sam", dobKnown: "unknown", addressKnown: "no" }).status).toBe("success");
  });

  it("reports date, age and address errors together with the other missing answers", () => {
    const errors = errorsOf(parse(subjectSchema(today), { dobKnown: "age", age: "500", addressKnown: "yes" }));
    expect(errors).toMatchObject({
      fullName: ["Enter the person's name"],
      age: ["Enter an age from 10 to 120"],
      address: ["Enter the person's address, or select no"],
    });
  });

  it("needs the subject's address when the person says they know it", () => {
    expect(errorsOf(parse(subjectSchema(today), { fullName: "Sam", dobKnown: "unknown", addressKnown: "yes" }))?.address).toBeDefined();
  });

  it("needs details when the contact is 'another way'", () => {
    expect(errorsOf(parse(subjectContactSchema(), { contactTypes: ["other"] }))?.contactDetails).toBeDefined();
  });

  it("needs every declaration", () => {
    expect(errorsOf(parse(declarationsSchema(), { declarations: ["true", "sharing"] }))?.declarations).toEqual([
      "Confirm all 4 statements to continue",
    ]);
  });
});

describe("journey rules", () => {
  const complete: DraftData = {
    danger: { childInDanger: "no" },
    applicant: applicantSchema(today).parse(validAnswers.applicant),
    contact: contactSchema().parse(validAnswers.contact),
    children: [childSchema(today).parse(validAnswers.child)],
    subject: subjectSchema(today).parse(validAnswers.subject),
    "subject-contact": subjectContactSchema().parse(validAnswers.subjectContact),
    concern: { concern: validAnswers.concern.concern },
    declarations: declarationsSchema().parse(validAnswers.declarations),
  };

  it("a complete draft makes an application", () => {
    expect(firstIncompleteStep(complete, today)).toBeNull();
    expect(completeApplication(complete, today)?.children).toHaveLength(1);
  });

  it("an incomplete draft names the first missing step and makes no application", () => {
    const { subject: _omit, ...rest } = complete;
    expect(firstIncompleteStep(rest, today)).toBe("subject");
    expect(completeApplication(rest, today)).toBeNull();
    expect(completeApplication({ ...complete, children: [] }, today)).toBeNull();
  });

  it("goes to the next question, or back to check answers once everything is answered", () => {
    expect(nextStepPath("applicant", { danger: complete.danger }, today)).toBe("/apply/contact");
    expect(nextStepPath("applicant", complete, today)).toBe("/apply/check");
  });
});

describe("normaliseName", () => {
  it("ignores case, accents, punctuation and spacing", () => {
    expect(normaliseName("  Seán   O'Brien-Smith ")).toBe("sean obriensmith");
  });
});

describe("public form slips (issue 12)", () => {
  it("keeps only the details of the contact routes chosen", () => {
    const result = parse(contactSchema(), { methods: ["phone"], email: "typed@example.org", phone: "07700 900 982", leaveMessages: "no" });
    if (result.status !== "success") throw new Error("expected success");
    expect(result.value.email).toBeUndefined();
    expect(result.value).toMatchObject({ methods: ["phone"], phone: "07700 900 982" });
  });

  it("shows a blank optional answer as Not given, never a guess such as Any time", () => {
    const rows = checkAnswersRows(contactForm, { methods: ["phone"], phone: "07700 900 982", leaveMessages: "no" }, "/apply/contact", "contact");
    expect(rows.find((r) => r.key === "Safe times")?.value).toBe("Not given");
    expect(rows.find((r) => r.key === "Anything else")?.value).toBe("Not given");
  });

  it("a child is under 18 by date of birth, with a clear message on the whole date", () => {
    const errors = errorsOf(parse(childSchema(today), { ...validAnswers.child, dobKnown: "date", dobDay: "1", dobMonth: "6", dobYear: "2001" }));
    expect(errors?.dob).toEqual(["The child must be under 18: enter a date of birth after 23 November 2008"]);
    // Every part is highlighted: the date is real but wrong as a whole.
    expect(errors).toMatchObject({ dobDay: [expect.any(String)], dobMonth: [expect.any(String)], dobYear: [expect.any(String)] });
    // The day after their 18th birthday is too late; the day after that date, a child.
    expect(errorsOf(parse(childSchema(today), { ...validAnswers.child, dobKnown: "date", dobDay: "23", dobMonth: "11", dobYear: "2008" }))?.dob).toHaveLength(1);
    expect(parse(childSchema(today), { ...validAnswers.child, dobKnown: "date", dobDay: "24", dobMonth: "11", dobYear: "2008" }).status).toBe("success");
    expect(adultBornOnOrBefore(new Date("2028-02-29T12:00:00Z"))).toBe("2010-02-28");
  });

  it("reads 'about 35' as 35 and says plainly what to enter otherwise", () => {
    expect(parseApproximateAge("about 35")).toBe(35);
    expect(parseApproximateAge("roughly 35 years old")).toBe(35);
    expect(parseApproximateAge("35ish")).toBe(35);
    expect(parseApproximateAge("thirty")).toBeNull();
    const ok = parse(subjectSchema(today), { fullName: "Sam", dobKnown: "age", age: "about 35", addressKnown: "no" });
    if (ok.status !== "success") throw new Error("expected success");
    expect(ok.value).toMatchObject({ age: "35" });
    expect(errorsOf(parse(subjectSchema(today), { fullName: "Sam", dobKnown: "age", age: "about thirty-five", addressKnown: "no" }))?.age).toEqual(["Enter a number, like 35"]);
    const child = parse(childSchema(today), { ...validAnswers.child, dobKnown: "age", age: "about 7" });
    expect(child.status === "success" && child.value.age).toBe("7");
  });

  it("Change links carry only a row name and return to that row once every answer is given", () => {
    const rows = checkAnswersRows(contactForm, { methods: ["phone"], phone: "07700 900 982", leaveMessages: "no" }, "/apply/contact", "contact");
    expect(rows.find((r) => r.key === "Safe times")).toMatchObject({ id: "answer-contact-safeTimes", href: "/apply/contact?change=contact-safeTimes#safeTimes" });
    expect(changedRow("?change=contact-safeTimes")).toBe("contact-safeTimes");
    expect(changedRow("?change=https://evil.example")).toBeNull();
    expect(checkAnswersPath("contact-safeTimes")).toBe("/apply/check#answer-contact-safeTimes");
    expect(afterChange("/apply/children", "child-1-fullName", {}, today)).toBe("/apply/children");
  });

  it("the confirmation speaks of the routes chosen", () => {
    expect(confirmationContactWords(["phone"])).toEqual({ routes: "phone call or text message", emailSent: false });
    expect(confirmationContactWords(["email", "letter"])).toEqual({ routes: "email or letter to your address", emailSent: true });
  });
});
