import { describe, expect, it } from "vitest";
import { DEFAULT_APPLICANT_WORDING, DEFAULT_NOT_PROGRESSED_WORDING } from "~/domain/decision-binding";
import { CONFIDENTIALITY_UNDERTAKING, disclosureRecord, outcomeLetter, printableDocuments, type PrintPerson, type PrintRecord } from "~/domain/printing";

const today = new Date("2026-11-23T12:00:00Z");
const applicant = (methods: string[], name = "Alex Applicant"): PrintPerson => ({
  role: "applicant",
  fullName: name,
  address: "1 High Street\nExampleton\nAB1 2CD",
  details: { contactMethods: methods },
});
const child: PrintPerson = { role: "child", fullName: "Casey Child", address: "With her mother", details: {} };
const recipient = (name = "Pat Parent"): PrintPerson => ({ role: "recipient", fullName: name, address: null, details: { relationshipToChild: "Mother" } });
const record = (kind: string, data: Record<string, unknown>, version = 1): PrintRecord => ({ kind, version, data, recordedAt: today });
const assessment = record("assessment", { recommendation: "disclose", recipientName: "Pat Parent", recipientRelationship: "Mother", proposedWording: "He has convictions for offences against children." });
const approved = [{ decision: "approve", outcome: "disclose", decidedAt: today, deciderName: "Morgan Manager" }];
const base = { reference: "ABCD-EFGH-JKMN", forceName: "Example Constabulary", status: "delivery", outcomes: [] as string[], today };

describe("disclosure record", () => {
  it("exists only once a disclosure is approved", () => {
    expect(disclosureRecord({ ...base, people: [child], records: [assessment], decisions: [] })).toMatchObject({ ok: false });
    const noDisclosure = [{ decision: "approve", outcome: "no_disclosure", decidedAt: today, deciderName: "M" }];
    expect(disclosureRecord({ ...base, people: [child], records: [assessment], decisions: noDisclosure }).ok).toBe(false);
    // A returned decision is not a decision on the outcome.
    expect(disclosureRecord({ ...base, people: [child], records: [assessment], decisions: [{ decision: "return", outcome: null, decidedAt: today, deciderName: "M" }] }).ok).toBe(false);
  });

  it("names the approved recipient and words, the children in the undertaking, and leaves lines until delivery", () => {
    const result = disclosureRecord({ ...base, people: [applicant(["email"]), child, recipient()], records: [assessment], decisions: approved });
    if (!result.ok) throw new Error(result.reason);
    expect(result.record).toMatchObject({
      recipient: "Pat Parent",
      relationship: "Mother",
      children: ["Casey Child"],
      wording: "He has convictions for offences against children.",
      authorisedBy: "Morgan Manager",
      authorisedOn: "23 November 2026",
      deliveredAt: null,
      place: null,
      officers: null,
    });
    expect(result.record.undertaking).toHaveLength(CONFIDENTIALITY_UNDERTAKING.length);
    expect(result.record.undertaking).toContain("I will use it only to protect Casey Child.");
    expect(result.record.warnings.join(" ")).toMatch(/Do not share it with anyone else/);
  });

  it("prints the recipient and words the signed decision approved, not the assessment's proposal", () => {
    // A manager who rejected the recommendation and decided to disclose named their own recipient and words.
    const decided = [{ decision: "reject", outcome: "disclose", decidedAt: today, deciderName: "Morgan Manager", recipientName: "Sam Grandparent", wording: "The decision's own words." }];
    const result = disclosureRecord({ ...base, people: [child, recipient()], records: [assessment], decisions: decided });
    if (!result.ok) throw new Error(result.reason);
    expect(result.record).toMatchObject({ recipient: "Sam Grandparent", wording: "The decision's own words." });
  });

  it("fills the lines from the delivery record once recorded", () => {
    const delivery = record("delivery", { kind: "disclosure", deliveredAt: "2026-11-23T10:30:00.000Z", place: "Exampleton police station", officers: "PC 1 and PC 2", recipientName: "Pat Parent", wordingUsed: "He has convictions for offences against children.", warningsGiven: "Told not to share.", undertaking: "signed" });
    const result = disclosureRecord({ ...base, people: [child, recipient()], records: [assessment, delivery], decisions: approved });
    if (!result.ok) throw new Error(result.reason);
    expect(result.record).toMatchObject({ deliveredAt: "23 November 2026 at 10:30am", place: "Exampleton police station", officers: "PC 1 and PC 2", recordedWarnings: "Told not to share.", undertakingResult: "Signed" });
  });
});

describe("outcome letter", () => {
  const verified = record("verification", { result: "verified" });
  const noDisclosure = [{ decision: "approve", outcome: "no_disclosure", decidedAt: today, deciderName: "M" }];

  it("is written only where the applicant chose post as a safe route", () => {
    const result = outcomeLetter({ ...base, people: [applicant(["phone"])], records: [verified], decisions: noDisclosure });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/did not say a letter is a safe way/) });
  });

  it("tells an unverified or anonymous applicant nothing", () => {
    for (const v of ["not_verified", "anonymous"]) {
      const result = outcomeLetter({ ...base, people: [applicant(["letter"])], records: [record("verification", { result: v })], decisions: noDisclosure });
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/told nothing under the scheme/) });
    }
  });

  it("uses the controlled wording, never the outcome, and the address on the case", () => {
    const result = outcomeLetter({ ...base, people: [applicant(["letter", "email"]), child, recipient()], records: [verified], decisions: approved });
    if (!result.ok) throw new Error(result.reason);
    expect(result.letter).toMatchObject({ name: "Alex Applicant", addressLines: ["1 High Street", "Exampleton", "AB1 2CD"], date: "23 November 2026" });
    expect(result.letter.paragraphs).toContain(DEFAULT_APPLICANT_WORDING);
    expect(result.letter.paragraphs.join(" ")).not.toMatch(/disclos(ed|ure was made)|Pat Parent|conviction/i);
    const settable = outcomeLetter({ ...base, people: [applicant(["letter"])], records: [verified], decisions: noDisclosure, wording: { applicant: "Our own words." } });
    expect(settable.ok && settable.letter.paragraphs).toContain("Our own words.");
  });

  it("is not sent to an applicant who receives the disclosure in person", () => {
    const result = outcomeLetter({ ...base, people: [applicant(["letter"], "Pat Parent"), recipient("pat  parent")], records: [verified], decisions: approved });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/in person/) });
  });

  it("tells an application not taken forward so, in its own words", () => {
    const result = outcomeLetter({ ...base, status: "closed", outcomes: ["not_progressed"], people: [applicant(["letter"])], records: [record("scope", { inScope: "no" })], decisions: [] });
    expect(result.ok && result.letter.paragraphs).toContain(DEFAULT_NOT_PROGRESSED_WORDING);
  });

  it("waits for a decision", () => {
    expect(outcomeLetter({ ...base, people: [applicant(["letter"])], records: [verified], decisions: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/no decision/) });
    expect(printableDocuments({ ...base, people: [applicant(["letter"])], records: [verified], decisions: [] })).toEqual({ disclosureRecord: false, outcomeLetter: false });
  });
});
