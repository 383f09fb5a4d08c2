// Cases opened by staff (phone, station, proactive): opened like online applications (open-case.server.ts).
import type { StaffUser } from "../../db/schema";
import type { StaffCaseInput } from "~/domain/staff-case-schema";
import { now } from "./app-clock.server";
import { getDb } from "./db.server";
import { openCase } from "./open-case.server";

const RECEIVED: Record<StaffCaseInput["channel"], string> = {
  phone: "Application taken by phone",
  station: "Application taken at a police station",
  proactive: "Proactive case (right to be told) opened by police at research and checks",
};

export function createStaffCase(input: StaffCaseInput, actor: StaffUser, requestId?: string): { caseId: number; reference: string } {
  const at = now();
  const proactive = input.channel === "proactive";
  const applicant =
    input.applicantName && !proactive
      ? [
          {
            role: "applicant" as const,
            position: 1,
            fullName: input.applicantName,
            address: input.applicantAddress ?? null,
            details: { contactMethods: input.contactMethods ?? [], email: input.email ?? null, phone: input.phone ?? null, safeTimes: input.safeTimes ?? null, leaveMessages: input.leaveMessages ?? "no" },
          },
        ]
      : [];
  return getDb().transaction(
    (tx) =>
      openCase(
        tx,
        {
          channel: input.channel,
          openedBy: { kind: "staff", user: actor },
          urgent: input.urgent === "yes" ? { reason: "staff_danger_now", summary: "A child may be in danger now" } : null,
          answers: { contactTypes: input.contactTypes, concern: input.concern },
          people: [
            ...applicant,
            { role: "child", position: 1, fullName: input.childName, ageYears: input.childAge ? Number(input.childAge) : null, address: input.childLivesWith ?? null, details: {} },
            { role: "subject", position: 1, fullName: input.subjectName, ageYears: input.subjectAge ? Number(input.subjectAge) : null, details: { ageIsApproximate: Boolean(input.subjectAge) } },
          ],
          receivedSummary: RECEIVED[input.channel],
          collected: { fields: ["applicant", "children", "subject", "concern"], reason: `case opened (${input.channel})` },
          requestId,
        },
        at,
      ),
    { behavior: "immediate" },
  );
}
