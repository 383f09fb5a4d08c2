// One openCase for every channel: an online application, and cases opened by staff (phone, station,
// proactive) leave the same shape in one transaction: the case with its clocks, its people, the first
// timeline lines, one s.62 collection row, and for an urgent case the alert to the reviewers.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { staffCaseSchema } from "~/domain/staff-case-schema";
import { getDb, schema } from "~/services/db.server";
import { createStaffCase } from "~/services/staff-cases.server";
import { submitTestCase } from "../support/cases";
import { insertStaff } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let officer: Staff;

beforeAll(async () => {
  officer = (await insertStaff(["reviewer"])).user;
});

const staffCase = (channel: "phone" | "station" | "proactive", urgent: "yes" | "no") =>
  createStaffCase(
    staffCaseSchema().parse({
      channel,
      urgent,
      applicantName: channel === "proactive" ? undefined : "Opened Applicant",
      contactMethods: channel === "proactive" ? undefined : ["phone"],
      phone: channel === "proactive" ? undefined : "01632 960001",
      leaveMessages: channel === "proactive" ? undefined : "no",
      childName: "Opened Child",
      subjectName: "Opened Subject",
      contactTypes: ["lives-with"],
      concern: "A concern about the subject",
    }),
    officer,
    "open-case-test",
  );

/** Everything opening a case wrote about it. */
function shapeOf(caseId: number) {
  const db = getDb();
  const row = db.select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!;
  const people = db.select().from(schema.casePeople).where(eq(schema.casePeople.caseId, caseId)).all();
  const events = db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).all();
  const collections = db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(caseId)), eq(schema.auditLog.action, "collection")))
    .all();
  const alerts = db.select().from(schema.outbox).all().filter((m) => m.kind === "urgent_application" && m.subject.includes(row.reference));
  return { row, people, events, collections, alerts };
}

describe("openCase, for every channel", () => {
  it("opens an online application with its clocks, people, timeline and collection row", async () => {
    const { caseId, reference } = await submitTestCase({ urgent: true });
    const { row, people, events, collections, alerts } = shapeOf(caseId);
    expect(row).toMatchObject({ reference, channel: "online", status: "received", urgent: true, urgentReason: "applicant_danger_now", createdBy: null });
    expect(row.receivedAt.getTime()).toBe(row.createdAt.getTime());
    expect(row.nextDueAt).toEqual(row.riskCheckDueAt);
    expect(people.map((p) => p.role)).toEqual(["applicant", "child", "subject"]);
    expect(people.every((p) => p.normalisedName.length > 0 && p.createdAt.getTime() === row.receivedAt.getTime())).toBe(true);
    expect(events.map((e) => [e.type, e.actorKind, e.actorId])).toEqual([
      ["application_received", "public", null],
      ["marked_urgent", "public", null],
    ]);
    expect(collections).toHaveLength(1);
    expect(collections[0]).toMatchObject({ actorKind: "public", reason: "application submitted online" });
    expect(alerts.length).toBeGreaterThan(0);
  });

  for (const channel of ["phone", "station"] as const) {
    it(`opens a ${channel} case the same way, by the officer who took it`, () => {
      const { caseId, reference } = staffCase(channel, "yes");
      const { row, people, events, collections, alerts } = shapeOf(caseId);
      expect(row).toMatchObject({ reference, channel, status: "received", urgent: true, urgentReason: "staff_danger_now", createdBy: officer.id });
      expect(row.nextDueAt).toEqual(row.riskCheckDueAt);
      expect(row.interviewDueAt).not.toBeNull();
      expect(people.map((p) => p.role)).toEqual(["applicant", "child", "subject"]);
      expect(people.find((p) => p.role === "child")?.normalisedName).toBe("opened child");
      expect(events.map((e) => [e.type, e.actorKind, e.actorId])).toEqual([
        ["application_received", "staff", officer.id],
        ["marked_urgent", "staff", officer.id],
      ]);
      expect(events[0].summary).toBe(channel === "phone" ? "Application taken by phone" : "Application taken at a police station");
      expect(collections).toHaveLength(1);
      expect(collections[0]).toMatchObject({ actorKind: "staff", actorId: officer.id, reason: `case opened (${channel})`, requestId: "open-case-test" });
      expect(alerts.length).toBeGreaterThan(0);
    });
  }

  it("opens a proactive case at research and checks with only the decision clock, no applicant and no alert when not urgent", () => {
    const { caseId } = staffCase("proactive", "no");
    const { row, people, events, collections, alerts } = shapeOf(caseId);
    expect(row).toMatchObject({ channel: "proactive", status: "checks", urgent: false, urgentReason: null, riskCheckDueAt: null, interviewDueAt: null });
    expect(row.nextDueAt).toEqual(row.decisionDueAt);
    expect(people.map((p) => p.role)).toEqual(["child", "subject"]);
    expect(events.map((e) => e.type)).toEqual(["application_received"]);
    expect(collections).toHaveLength(1);
    expect(alerts).toEqual([]);
  });
});
