// Drafts of long staff forms (the risk assessment, the disclosure record): what one officer has
// typed on one case, kept on the server so a sign-out, a crash or a phone call loses nothing.
// A draft is its author's only; it is deleted when the form is sent, and erased with the case.
// Saving one is an alteration of case data, so it is logged (field names only, never values).
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { StaffUser } from "../../db/schema";
import { fieldLimits, keepFormFields } from "~/domain/form-values";
import { now } from "./app-clock.server";
import { recordAudit } from "./audit.server";
import { getDb, schema, type DbOrTx } from "./db.server";

export type StaffDraft = { values: Record<string, unknown>; savedAt: Date };

/**
 * Keeps what was typed into `form` on the case for `user`, replacing their earlier draft. Only
 * the schema's own fields are kept, each cut to its maximum (never the raw body).
 */
export function saveStaffDraft(
  user: StaffUser,
  caseId: number,
  form: string,
  typed: Record<string, unknown>,
  formSchema: z.ZodTypeAny,
  requestId?: string,
): StaffDraft {
  const values = (keepFormFields(typed, fieldLimits(formSchema)) ?? {}) as Record<string, unknown>;
  const savedAt = now();
  getDb().transaction((tx) => {
    tx.insert(schema.staffFormDrafts)
      .values({ userId: user.id, caseId, form, data: values, updatedAt: savedAt })
      .onConflictDoUpdate({
        target: [schema.staffFormDrafts.userId, schema.staffFormDrafts.caseId, schema.staffFormDrafts.form],
        set: { data: values, updatedAt: savedAt },
      })
      .run();
    recordAudit(
      tx,
      {
        action: "alteration",
        actor: { kind: "staff", id: user.id },
        entityType: "case",
        entityId: caseId,
        fields: Object.keys(values).slice(0, 200),
        reason: `draft saved (${form})`,
        requestId,
      },
      savedAt,
    );
  });
  return { values, savedAt };
}

/** The person's draft of `form` on the case, if they saved one. */
export function staffDraft(userId: number, caseId: number, form: string): StaffDraft | null {
  const row = getDb()
    .select()
    .from(schema.staffFormDrafts)
    .where(draftKey(userId, caseId, form))
    .get();
  return row ? { values: row.data, savedAt: row.updatedAt } : null;
}

/** Deletes the person's draft of `form` on the case (the form was sent, or they discarded it). */
export function discardStaffDraft(userId: number, caseId: number, form: string, db: DbOrTx = getDb()): boolean {
  return (
    db
      .delete(schema.staffFormDrafts)
      .where(draftKey(userId, caseId, form))
      .run().changes > 0
  );
}

function draftKey(userId: number, caseId: number, form: string) {
  return and(eq(schema.staffFormDrafts.userId, userId), eq(schema.staffFormDrafts.caseId, caseId), eq(schema.staffFormDrafts.form, form));
}
