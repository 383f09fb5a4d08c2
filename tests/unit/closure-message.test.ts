// Who may be told that the case is closed (app/domain/closure-message.ts), and by which routes.
import { describe, expect, it } from "vitest";
import { closureMessageRoutes, type ClosurePerson, type ClosureRecord } from "~/domain/closure-message";

const applicant: ClosurePerson = {
  role: "applicant",
  address: "1 High Street\nExampleton",
  details: { contactMethods: ["email", "letter"], email: "a@example.org" },
};
const record = (kind: string, data: Record<string, unknown>): ClosureRecord => ({ kind, version: 1, data });

describe("telling the applicant the case is closed", () => {
  it("is offered by the safe routes with details, once a verified applicant's case is closed", () => {
    const result = closureMessageRoutes({ status: "closed", people: [applicant], records: [record("scope", { inScope: "yes" }), record("verification", { result: "verified" })] });
    expect(result).toEqual({ ok: true, routes: { email: expect.any(String), letter: expect.any(String) } });
  });

  it("tells an unverified or anonymous applicant nothing, and waits for the case to close", () => {
    for (const result of ["not_verified", "anonymous"]) {
      expect(closureMessageRoutes({ status: "closed", people: [applicant], records: [record("scope", { inScope: "yes" }), record("verification", { result })] }).ok).toBe(false);
    }
    expect(closureMessageRoutes({ status: "delivery", people: [applicant], records: [record("verification", { result: "verified" })] }).ok).toBe(false);
  });

  it("tells an applicant whose application was not progressed the same way, before any interview", () => {
    const result = closureMessageRoutes({ status: "closed", people: [applicant], records: [record("scope", { inScope: "no" })] });
    expect(result.ok).toBe(true);
  });

  it("never by a route the applicant did not choose", () => {
    const phoneOnly: ClosurePerson = { ...applicant, details: { contactMethods: ["phone"] } };
    expect(closureMessageRoutes({ status: "closed", people: [phoneOnly], records: [record("scope", { inScope: "no" })] })).toMatchObject({ ok: false });
  });
});
