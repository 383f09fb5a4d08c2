import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { applicantForm } from "~/domain/application";
import { recordForm, riskCheckForm } from "~/domain/case-forms";
import { defineForm, errorSummaryItems, secretFields, summaryRows, toRecord, YES_NO } from "~/domain/form-spec";
import { toFormData, validAnswers } from "../support/answers";

const today = new Date("2026-11-23T12:00:00Z");
const parse = (form: { schema: (d: Date) => Parameters<typeof parseWithZod>[1]["schema"] }, values: Record<string, string | readonly string[]>) =>
  parseWithZod(toFormData(values), { schema: form.schema(today) });

describe("a form specification", () => {
  it("reports every error at once, with the date and cross-field rules, when everything is missing", () => {
    const s = parse(riskCheckForm, {});
    expect(s.status).toBe("error");
    const error = s.status === "error" ? s.error : {};
    expect(Object.keys(error ?? {})).toEqual(expect.arrayContaining(["immediateRisk", "actions", "checked", "checkedTime"]));
    expect(error?.checked).toEqual(["Enter the date of the check"]);
  });

  it("names on the server which date parts are wrong", () => {
    const s = parse(riskCheckForm, { immediateRisk: "no", actions: "none", checkedDay: "31", checkedMonth: "2", checkedYear: "20", checkedTime: "14:30" });
    const error = s.status === "error" ? s.error : {};
    expect(error?.checked).toEqual(["Year must include 4 numbers"]);
    expect(error?.checkedYear).toEqual(["Year must include 4 numbers"]);
    expect(error?.checkedDay).toBeUndefined();
    const missing = parse(applicantForm, { ...validAnswers.applicant, dobDay: "", dobYear: "" });
    const e2 = missing.status === "error" ? missing.error : {};
    expect(e2?.dob).toEqual(["Your date of birth must include a day and year"]);
    expect(Object.keys(e2 ?? {}).sort()).toEqual(["dob", "dobDay", "dobYear"]);
  });

  it("runs cross-field rules even when another answer is wrong", () => {
    const s = parse(riskCheckForm, { immediateRisk: "yes", actions: ["none"], checkedDay: "1", checkedMonth: "11", checkedYear: "2026", checkedTime: "nonsense" });
    const error = s.status === "error" ? s.error : {};
    expect(error?.actions).toEqual(["A child at immediate risk needs an action: select what was done"]);
    expect(error?.checkedTime).toEqual(["Enter the time of the check as a time, like 14:30 or 2:30pm"]);
  });

  it("keeps every text within its maximum length, with a message naming it", () => {
    const s = parse(applicantForm, { ...validAnswers.applicant, otherNames: "x".repeat(201) });
    expect(s.status === "error" && s.error?.otherNames).toEqual(["Other names must be 200 characters or fewer"]);
  });

  it("orders the error summary as the page, with a whole-form error first and dates linking to the day", () => {
    const s = parse(applicantForm, {});
    const items = errorSummaryItems(applicantForm, { ...(s.status === "error" ? s.error : {}), form: ["The case has moved on"] } as Record<string, string[]>);
    expect(items.map((i) => i.href)).toEqual(["#main-content", "#fullName", "#dob-day", "#addressLine1", "#town", "#postcode", "#interpreter"]);
    expect(items[2].text).toBe("Enter your date of birth");
  });

  it("turns answers into the stage's record: a date and time become one instant in UK time", () => {
    const s = parse(riskCheckForm, { immediateRisk: "no", actions: ["none"], suspectedAbuse: "no", checkedDay: "1", checkedMonth: "July", checkedYear: "2026", checkedTime: "2:30pm" });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(toRecord(riskCheckForm, s.value)).toEqual({
      immediateRisk: "no",
      actions: ["none"],
      actionDetails: null,
      suspectedAbuse: "no",
      checkedAt: "2026-07-01T13:30:00.000Z",
    });
  });

  it("shows human values: option labels, UK dates in Europe/London, Not given", () => {
    const rows = summaryRows(riskCheckForm, { immediateRisk: "yes", actions: ["police_action", "other"], suspectedAbuse: "yes", checkedAt: "2026-07-01T23:30:00.000Z" });
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ["Child at immediate risk", "Yes"],
      ["Action taken", "Other police action to protect a child (for example, police protection powers)\nOther action"],
      ["Details of the action", "Not given"],
      ["Abuse suspected", "Yes"],
      ["Checked at", "2 July 2026 at 12:30am"],
    ]);
    const applicant = summaryRows(applicantForm, { ...validAnswers.applicant, addressLine2: undefined, postcode: "ab1 2cd" });
    expect(applicant.map((r) => [r.key, r.value])).toEqual([
      ["Full name", "Alex Applicant"],
      ["Other names", "None given"],
      ["Date of birth", "7 March 1985"],
      ["Address", "1 High Street\nExampleton\nAB1 2CD"],
      ["Language", "English"],
      ["Interpreter needed", "No"],
      ["Access needs", "None given"],
    ]);
  });

  it("reads stored booleans, 0/1 and millisecond instants as words and dates", () => {
    const form = defineForm({
      relevant: { kind: "radios", label: "Relevant", options: YES_NO },
      done: { kind: "date", label: "Done", errorLabel: "The date", recordKey: "doneAt" },
    });
    // A stored instant is a date in the UK: 23:30 UTC on 30 June is 1 July in London.
    expect(summaryRows(form, { relevant: 1, doneAt: Date.UTC(2026, 5, 30, 23, 30) }).map((r) => r.value)).toEqual(["Yes", "1 July 2026"]);
    expect(summaryRows(form, { relevant: false }).map((r) => r.value)).toEqual(["No", "Not given"]);
  });
});

describe("an answer over its maximum length", () => {
  it("gets only its own message, never zod's internal intersection error", () => {
    const { applicant } = validAnswers;
    const result = applicantForm.schema(new Date("2026-11-28T12:00:00Z")).safeParse({ ...applicant, fullName: "x".repeat(10_000) });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => i.message);
    expect(messages).toEqual(["Your full name must be 100 characters or fewer"]);
  });
});

describe("stage records read back as words (the case page and the decision page)", () => {
  it("names every answer of each kind of record, with no raw codes or timestamps", () => {
    const records: Array<[string, Record<string, unknown>]> = [
      ["risk_check", { immediateRisk: "no", actions: ["none"], actionDetails: null, checkedAt: "2026-11-23T14:30:00.000Z" }],
      ["scope", { inScope: true }],
      ["verification", { interviewDate: "2026-11-20", method: "in_person", identityDocuments: ["passport"], addressDocuments: ["none"], relationshipDocuments: ["birth_certificate"], result: "verified", notes: null }],
      ["check", { checkType: "PNC (Police National Computer)", result: "trace", findings: ["cso_convictions"], doneBy: "DC Example", otherOfficer: null, doneAt: Date.UTC(2026, 10, 21, 12), resultSummary: "Nothing" }],
      ["assessment", { csoConvictions: "yes", csoDetails: "2009", registeredSexOffender: "no", mappaManaged: "no", recommendation: "no_disclosure", riskToChild: "Low" }],
      ["delivery", { kind: "outcome", givenOn: "2026-11-24", route: "letter", notes: null }],
      ["delivery", { kind: "outcome", messagePolicy: "controlled", messageWords: "The set words", messageRoute: "phone", messageAt: "2026-11-25T10:05:00.000Z", notes: null }],
      ["subject_identity", { fullName: "Sam Example", dateOfBirth: "1980-02-03" }],
      ["retriage", { childSafe: "unknown", action: "Visited" }],
    ];
    const text = records
      .map(([kind, data]) => summaryRows(recordForm(kind, data)!, data).map((r) => `${r.key}: ${r.value}`).join("\n"))
      .join("\n");
    expect(text).toContain("Checked at: 23 November 2026 at 2:30pm");
    expect(text).toContain("In scope: Yes, in scope");
    expect(text).not.toContain("Why it is not progressed");
    expect(text).toContain("How it was held: Face to face");
    expect(text).toContain("Address documents seen: None seen");
    expect(text).toContain("Done at: 21 November 2026 at 12:00pm\n");
    expect(text).toContain("Result: Trace (something found)\nWhat it found: Convictions for child sexual offences");
    expect(text).toContain("Done by: DC Example");
    expect(text).toContain("What the applicant was told: Told in the force's set words\nThe words used: The set words\nHow they were told: Phone call or text message\nWhen they were told: 25 November 2026 at 10:05am");
    expect(text).toContain("Full name: Sam Example\nDate of birth: 3 February 1980");
    expect(text).toContain("Child sexual offence convictions: Yes");
    expect(text).toContain("Intelligence: Not given");
    expect(text).toContain("Recommendation: No disclosure");
    expect(text).not.toContain("Recipient");
    expect(text).toContain("Given on: 24 November 2026");
    expect(text).toContain("How it was given: Letter to your address");
    expect(text).toContain("Child safe while the case waits: Not known");
    for (const raw of ["in_person", "no_disclosure", "cso_convictions", "controlled", "1795", "T14:30", "T10:05", "Cso", "Relevant 1", "undefined", "null"]) expect(text).not.toContain(raw);
  });
});

describe("passwords and security codes (secret text)", () => {
  const form = defineForm({
    name: { kind: "text", label: "Name", max: 20, noun: "Your name" },
    password: { kind: "text", label: "Password", max: 30, required: "Enter your password", noun: "Password", tooLong: "Enter your password", secret: "password" },
    code: { kind: "text", label: "Code", max: 8, noun: "The code", tooLong: "Enter the code", secret: "code" },
  });
  const parseSecret = (values: Record<string, string>) => parseWithZod(toFormData(values), { schema: form.schema() });

  it("passes a password on exactly as typed: spaces at the ends and control characters kept", () => {
    const typed = "  pass\u0001word with spaces\t ";
    const s = parseSecret({ name: "  Ann\u0001 ", password: typed, code: " 123 456 " });
    expect(s.status).toBe("success");
    const value = s.status === "success" ? s.value : undefined;
    expect(value?.password).toBe(typed);
    // A code loses only the spaces at its ends; ordinary text is cleaned as before.
    expect(value?.code).toBe("123 456");
    expect(value?.name).toBe("Ann");
    expect(parseSecret({ password: "   " }).status).toBe("success");
  });

  it("says a password or code is missing or too long in the words given, not '… characters or fewer'", () => {
    const s = parseSecret({ code: "1".repeat(9) });
    const error = s.status === "error" ? s.error : {};
    expect(error?.password).toEqual(["Enter your password"]);
    expect(error?.code).toEqual(["Enter the code"]);
    // A code of only spaces is no code; a required answer of only spaces gets its own message.
    const blank = parseSecret({ name: "   ", password: "pw", code: "   " });
    expect(blank.status === "success" ? [blank.value.name, blank.value.code] : blank.error).toEqual([undefined, undefined]);
    const required = parseWithZod(toFormData({ fullName: "   " }), { schema: applicantForm.schema(today) });
    expect(required.status === "error" ? required.error?.fullName : undefined).toEqual(["Enter your full name"]);
    const long = parseSecret({ password: "p".repeat(31) });
    expect(long.status === "error" ? long.error?.password : undefined).toEqual(["Enter your password"]);
  });

  it("names the fields never kept or shown again after a failed submit", () => {
    expect(secretFields(form)).toEqual(["password", "code"]);
    const s = parseSecret({ name: "x".repeat(21), password: "typed secret", code: "123456" });
    const kept = s.reply({ hideFields: secretFields(form) });
    expect(JSON.stringify(kept)).not.toMatch(/typed secret|123456/);
    expect(kept.initialValue).toMatchObject({ name: "x".repeat(21) });
  });
});

describe("a rule that needs at least one answer", () => {
  const form = defineForm(
    {
      name: { kind: "text", label: "Name", max: 5, noun: "The name" },
      postcode: { kind: "text", label: "Postcode", max: 8, noun: "The postcode" },
    },
    (v, ctx) => {
      const gave = (f: "name" | "postcode") => Boolean(v[f]) || (v[f] === undefined && ctx.answered(f));
      if (!gave("name") && !gave("postcode")) ctx.issue("name", "Enter a name or a postcode");
    },
  );
  const errorsOf = (values: Record<string, string>) => {
    const s = parseWithZod(toFormData(values), { schema: form.schema() });
    return s.status === "error" ? s.error : {};
  };

  it("knows an answer was given even when it failed its own check, so adds nothing to that error", () => {
    expect(errorsOf({ name: "x".repeat(6) })).toEqual({ name: ["The name must be 5 characters or fewer"] });
    expect(errorsOf({})).toEqual({ name: ["Enter a name or a postcode"] });
    // Only spaces is no answer at all (not zod's bare "Required").
    expect(errorsOf({ postcode: "   " })).toEqual({ name: ["Enter a name or a postcode"] });
    expect(errorsOf({ postcode: "SW1A" })).toEqual({});
  });
});
