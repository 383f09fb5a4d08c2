// Cases for integration tests, made through the real public submission path.
import { eq } from "drizzle-orm";
import { completeApplication, type DraftData } from "~/domain/application";
import { applicantSchema, childSchema, contactSchema, declarationsSchema, subjectContactSchema, subjectSchema } from "~/domain/application";
import { submitApplication } from "~/services/applications.server";
import { getOrCreateDraft, saveDraftData } from "~/services/drafts.server";
import { getDb, schema } from "~/services/db.server";
import { validAnswers } from "./answers";

let seq = 0;

/** A complete, submitted online application; returns the case id and reference. */
export async function submitTestCase(
  overrides: { urgent?: boolean; childName?: string; subjectName?: string; ip?: string; contact?: Record<string, string | readonly string[]> } = {},
) {
  seq += 1;
  const today = new Date();
  const data: DraftData = {
    danger: { childInDanger: overrides.urgent ? "yes" : "no" },
    applicant: applicantSchema(today).parse(validAnswers.applicant),
    contact: contactSchema().parse(overrides.contact ?? validAnswers.contact),
    children: [childSchema(today).parse({ ...validAnswers.child, fullName: overrides.childName ?? `Child ${seq}` })],
    subject: subjectSchema(today).parse({ ...validAnswers.subject, fullName: overrides.subjectName ?? `Subject ${seq}` }),
    "subject-contact": subjectContactSchema().parse(validAnswers.subjectContact),
    concern: { concern: validAnswers.concern.concern },
    declarations: declarationsSchema().parse(validAnswers.declarations),
  };
  if (!completeApplication(data, today)) throw new Error("test application is incomplete");
  const { draft } = await getOrCreateDraft(new Request("http://localhost/apply"));
  saveDraftData(draft.id, data);
  const result = submitApplication({ ...draft, data }, overrides.ip ?? `192.0.2.${seq % 250}`);
  if (result.kind !== "submitted") throw new Error(`submission failed: ${result.kind}`);
  const row = getDb().select({ id: schema.cases.id }).from(schema.cases).where(eq(schema.cases.reference, result.reference)).get()!;
  return { caseId: row.id, reference: result.reference };
}
