// The admin settings form: the force's clocks (urgent and referral clocks included), urgent alerts,
// session timeouts, research checks, partner agencies, retention and backups. Every number has a
// range; the checks and agencies are one per line.
import { z } from "zod";
import { choice } from "./fields";
import { workDomainsField } from "./staff-schemas";
import { OUTCOMES } from "./workflow";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${label} must be a whole number`, required_error: `Enter ${label.toLowerCase()}` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or fewer`);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A list typed one per line: blank lines and repeats dropped, each at most 100 characters. */
const lines = (one: string, many: string, max: number) =>
  z
    .string({ required_error: `Enter at least one ${one}` })
    .max(3000, `The ${many} must be 3,000 characters or fewer`)
    .transform((text) => [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(100, `Each ${one} must be 100 characters or fewer`))
        .min(1, `Enter at least one ${one}`)
        .max(max, `Enter ${max} ${many} or fewer`),
    );

export const RETENTION_FIELDS = Object.keys(OUTCOMES).map((code) => ({ code, field: `retention_${code}` }));

export function settingsFormSchema() {
  return z.object({
    riskCheckHours: whole("Immediate-risk check (hours)", 1, 168),
    urgentRiskCheckHours: whole("Urgent immediate-risk check (hours)", 1, 24),
    referralClockHours: whole("Referral clock (working hours)", 0, 40),
    workingStart: z.string({ required_error: "Enter when the working day starts" }).regex(TIME, "Enter when the working day starts as a 24-hour time, like 09:00"),
    workingEnd: z.string({ required_error: "Enter when the working day ends" }).regex(TIME, "Enter when the working day ends as a 24-hour time, like 17:00"),
    dutyAddress: z
      .string()
      .max(254, "The duty address must be 254 characters or fewer")
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || z.string().email().safeParse(v).success, "Enter the duty address as an email address, like control.room@force.police.uk"),
    agencies: lines("agency", "agencies", 20),
    interviewDays: whole("Interview (days)", 1, 60),
    decisionDays: whole("Decision (days)", 1, 120),
    dayCounting: choice(["calendar", "working"], "Select how days are counted"),
    idleMinutes: whole("Idle timeout (minutes)", 5, 60),
    absoluteHours: whole("Longest session (hours)", 1, 12),
    checkTypes: lines("check", "checks", 30),
    workEmailDomains: workDomainsField(),
    backupIntervalMinutes: whole("Backup interval (minutes)", 0, 1440),
    backupKeep: whole("Backups kept", 1, 1000),
    ...Object.fromEntries(RETENTION_FIELDS.map(({ field }) => [field, whole("Review period (years)", 1, 100)])),
  }).superRefine((v, ctx) => {
    if (v.workingStart >= v.workingEnd) ctx.addIssue({ code: "custom", path: ["workingEnd"], message: "The working day must end after it starts" });
  });
}

export type SettingsForm = z.output<ReturnType<typeof settingsFormSchema>>;
