// Drafts of long staff forms over a real SQLite file: one per person, case and form; only the
// form's own fields, each cut to its maximum; saving is logged without the values; sending the
// form (or discarding) deletes it.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { discardStaffDraft, saveStaffDraft, staffDraft } from "~/services/staff-drafts.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { insertStaff } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let author: Staff;
let colleague: Staff;
let caseId: number;

const formSchema = z.object({ reasons: z.string().max(20), level: z.enum(["low", "high"]).optional() });

beforeAll(async () => {
  author = (await insertStaff(["reviewer"])).user;
  colleague = (await insertStaff(["reviewer"])).user;
  caseId = (await submitTestCase()).caseId;
});

const lastAuditOf = (actorId: number) =>
  getDb()
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.actorId, actorId), eq(schema.auditLog.entityId, String(caseId))))
    .orderBy(desc(schema.auditLog.id))
    .get();

describe("staff form drafts", () => {
  it("keeps only the form's fields, each cut to its maximum, for its author only", () => {
    saveStaffDraft(
      author,
      caseId,
      "assessment",
      { reasons: "x".repeat(500), level: "high", smuggled: "y".repeat(10_000) },
      formSchema,
      "r1",
    );
    const draft = staffDraft(author.id, caseId, "assessment");
    expect(draft?.values).toEqual({ reasons: "x".repeat(20), level: "high" });
    expect(staffDraft(colleague.id, caseId, "assessment")).toBeNull();
    expect(staffDraft(author.id, caseId, "delivery")).toBeNull();
  });

  it("a second save replaces the first", () => {
    saveStaffDraft(author, caseId, "assessment", { reasons: "first" }, formSchema);
    saveStaffDraft(author, caseId, "assessment", { reasons: "second" }, formSchema);
    expect(staffDraft(author.id, caseId, "assessment")?.values).toEqual({ reasons: "second" });
    const rows = getDb().select().from(schema.staffFormDrafts).where(eq(schema.staffFormDrafts.userId, author.id)).all();
    expect(rows).toHaveLength(1);
  });

  it("saving is logged as an alteration of the case, naming the fields and never their values", () => {
    saveStaffDraft(colleague, caseId, "delivery", { reasons: "Canary-7731" }, formSchema, "draft-req");
    const row = lastAuditOf(colleague.id);
    expect(row).toMatchObject({ action: "alteration", entityType: "case", reason: "draft saved (delivery)", requestId: "draft-req" });
    expect(JSON.stringify(row)).not.toContain("Canary-7731");
    expect(row?.fields).toContain("reasons");
  });

  it("discarding deletes only that person's draft of that form", () => {
    saveStaffDraft(author, caseId, "delivery", { reasons: "mine" }, formSchema);
    expect(discardStaffDraft(author.id, caseId, "delivery")).toBe(true);
    expect(staffDraft(author.id, caseId, "delivery")).toBeNull();
    expect(staffDraft(colleague.id, caseId, "delivery")?.values).toEqual({ reasons: "Canary-7731" });
    expect(discardStaffDraft(author.id, caseId, "delivery")).toBe(false);
  });
});
