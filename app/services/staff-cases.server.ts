// Cases opened by staff (phone, station, proactive): stored exactly like online applications.
import type { StaffUser } from "../../db/schema";
import { normaliseName } from "~/domain/names";
import type { StaffCaseInput } from "~/domain/staff-case-schema";
import { uniqueReference } from "./applications.server";
import { recordAudit } from "./audit.server";
import { now } from "./app-clock.server";
import { dueDatesFor } from "./case-clocks.server";
import { getDb, schema } from "./db.server";
import { notifyUrgentApplication } from "./staff-notifications.server";

export function createStaffCase(input: StaffCaseInput, actor: StaffUser, requestId?: string): { caseId: number; reference: string } {
  const at = now();
  const urgent = input.urgent === "yes";
  // A proactive ("right to be told") case starts at research and checks: there is no application
  // to triage and no applicant to interview, so only the decision clock runs.
  const proactive = input.channel === "proactive";
  const all = dueDatesFor(at, { urgent });
  const due = proactive ? { riskCheckDueAt: null, interviewDueAt: null, decisionDueAt: all.decisionDueAt } : all;
  return getDb().transaction(
    (tx) => {
      const reference = uniqueReference(tx);
      const caseId = tx
        .insert(schema.cases)
        .values({
          reference,
          status: proactive ? "checks" : "received",
          channel: input.channel,
          urgent,
          urgentReason: urgent ? "staff_danger_now" : null,
          receivedAt: at,
          contactTypes: input.contactTypes,
          concern: input.concern,
          createdBy: actor.id,
          ...due,
          nextDueAt: due.riskCheckDueAt ?? due.decisionDueAt,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: schema.cases.id })
        .get().id;
      const people: (typeof schema.casePeople.$inferInsert)[] = [
        { caseId, role: "child", position: 1, fullName: input.childName, normalisedName: normaliseName(input.childName), ageYears: input.childAge ? Number(input.childAge) : null, address: input.childLivesWith ?? null, details: {}, createdAt: at },
        { caseId, role: "subject", position: 1, fullName: input.subjectName, normalisedName: normaliseName(input.subjectName), ageYears: input.subjectAge ? Number(input.subjectAge) : null, details: { ageIsApproximate: Boolean(input.subjectAge) }, createdAt: at },
      ];
      if (input.applicantName && !proactive) {
        people.unshift({
          caseId,
          role: "applicant",
          position: 1,
          fullName: input.applicantName,
          normalisedName: normaliseName(input.applicantName),
          address: input.applicantAddress ?? null,
          details: { contactMethods: input.contactMethods ?? [], email: input.email ?? null, phone: input.phone ?? null, safeTimes: input.safeTimes ?? null, leaveMessages: input.leaveMessages ?? "no" },
          createdAt: at,
        });
      }
      tx.insert(schema.casePeople).values(people).run();
      tx.insert(schema.caseEvents)
        .values([
          { caseId, at, actorId: actor.id, actorKind: "staff", type: "application_received", summary: proactive ? "Proactive case (right to be told) opened by police at research and checks" : `Application taken ${input.channel === "phone" ? "by phone" : "at a police station"}` },
          ...(urgent ? [{ caseId, at, actorId: actor.id, actorKind: "staff" as const, type: "marked_urgent", summary: "A child may be in danger now" }] : []),
        ])
        .run();
      recordAudit(tx, { action: "collection", actor: { kind: "staff", id: actor.id }, entityType: "case", entityId: caseId, fields: ["applicant", "children", "subject", "concern"], reason: `case opened (${input.channel})`, requestId }, at);
      if (urgent) notifyUrgentApplication(tx, caseId, reference, at);
      return { caseId, reference };
    },
    { behavior: "immediate" },
  );
}
