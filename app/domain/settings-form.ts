// The admin settings form: the force's clocks, session timeouts, research checks, retention and
// backups. Every number has a range; the checks are one per line.
import { z } from "zod";
import { choice } from "./fields";
import { OUTCOMES } from "./workflow";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${label} must be a whole number`, required_error: `Enter ${label.toLowerCase()}` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or fewer`);

export const RETENTION_FIELDS = Object.keys(OUTCOMES).map((code) => ({ code, field: `retention_${code}` }));

export function settingsFormSchema() {
  return z.object({
    riskCheckHours: whole("Immediate-risk check (hours)", 1, 168),
    interviewDays: whole("Interview (days)", 1, 60),
    decisionDays: whole("Decision (days)", 1, 120),
    dayCounting: choice(["calendar", "working"], "Select how days are counted"),
    idleMinutes: whole("Idle timeout (minutes)", 5, 60),
    absoluteHours: whole("Longest session (hours)", 1, 12),
    checkTypes: z
      .string({ required_error: "Enter at least one check" })
      .max(3000, "The checks must be 3,000 characters or fewer")
      .transform((text) => [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))])
      .pipe(
        z
          .array(z.string().max(100, "Each check must be 100 characters or fewer"))
          .min(1, "Enter at least one check")
          .max(30, "Enter 30 checks or fewer"),
      ),
    backupIntervalMinutes: whole("Backup interval (minutes)", 0, 1440),
    backupKeep: whole("Backups kept", 1, 1000),
    ...Object.fromEntries(RETENTION_FIELDS.map(({ field }) => [field, whole("Review period (years)", 1, 100)])),
  });
}

export type SettingsForm = z.output<ReturnType<typeof settingsFormSchema>>;
