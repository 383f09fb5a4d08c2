// The admin settings form: the force's clocks (urgent and referral clocks included), urgent alerts,
// session timeouts, research checks, partner agencies, retention and backups. Every number has a
// range; the checks and agencies are one per line. Declared once (ADR 016), in page order.
import { z } from "zod";
import { defineForm, type IntegerSpec, type RuleContext, type TextSpec } from "./form-spec";
import { workDomainsOf, workDomainsProblem } from "./staff-schemas";
import { OUTCOMES, type OutcomeCode } from "./workflow";

/** A whole number in a range; `name` words its errors ("Idle timeout (minutes) must be 60 or fewer"). */
const whole = (label: string, name: string, min: number, max: number, hint?: string): IntegerSpec => ({
  kind: "integer",
  label,
  hint,
  min,
  max,
  messages: {
    required: `Enter ${name.toLowerCase()}`,
    invalid: `${name} must be a whole number`,
    min: `${name} must be ${min} or more`,
    max: `${name} must be ${max} or fewer`,
  },
});

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const time = (label: string, hint: string, missing: string, format: string): TextSpec => ({
  kind: "text",
  label,
  hint,
  max: 20,
  required: missing,
  noun: label,
  format: { test: (v) => TIME.test(v), message: format },
});

/** A list typed one per line (`many` words the length error: "The checks must be 3,000 characters or fewer"). */
const lines = (label: string, one: string, many: string): TextSpec => ({
  kind: "textarea",
  label,
  hint: "One per line",
  max: 3000,
  required: `Enter at least one ${one}`,
  noun: `The ${many}`,
});

/** The entries of a list typed one per line: blank lines and repeats dropped. */
export function linesOf(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
}

export const RETENTION_FIELDS = (Object.keys(OUTCOMES) as OutcomeCode[]).map((code) => ({ code, field: `retention_${code}` as const }));

type RetentionField = (typeof RETENTION_FIELDS)[number]["field"];

const retentionFields = Object.fromEntries(
  RETENTION_FIELDS.map(({ code, field }) => [field, whole(OUTCOMES[code], "Review period (years)", 1, 100)]),
) as Record<RetentionField, IntegerSpec>;

export const settingsForm = defineForm(
  {
    riskCheckHours: whole("Immediate-risk check (hours)", "Immediate-risk check (hours)", 1, 168),
    urgentRiskCheckHours: whole("Immediate-risk check of an urgent case (hours)", "Urgent immediate-risk check (hours)", 1, 24, "When someone says a child is in danger now"),
    interviewDays: whole("Interview and verification (days)", "Interview (days)", 1, 60),
    decisionDays: whole("Decision (days)", "Decision (days)", 1, 120, "Older guidance used 45 days; current guidance 28"),
    dayCounting: { kind: "radios", label: "Count days as", options: { calendar: "Calendar days", working: "Working days" }, required: "Select how days are counted" },
    dutyAddress: {
      kind: "text",
      label: "Duty address (optional)",
      hint: "For example the control room or the on-call sergeant. It gets urgent alerts when no reviewer is on duty, and every escalation.",
      max: 254,
      noun: "The duty address",
      format: {
        test: (v) => z.string().email().safeParse(v).success,
        message: "Enter the duty address as an email address, like control.room@force.police.uk",
      },
    },
    referralClockHours: whole("Referral of suspected abuse to children's social care (working hours)", "Referral clock (working hours)", 0, 40, "0 means before the end of the working day"),
    workingStart: time("The working day starts at", "24-hour time, like 09:00", "Enter when the working day starts", "Enter when the working day starts as a 24-hour time, like 09:00"),
    workingEnd: time("The working day ends at", "24-hour time, like 17:00", "Enter when the working day ends", "Enter when the working day ends as a 24-hour time, like 17:00"),
    agencies: lines("Agencies a case can be referred to", "agency", "agencies"),
    idleMinutes: whole("Sign out after this many minutes without activity", "Idle timeout (minutes)", 5, 60),
    absoluteHours: whole("Sign out this many hours after signing in", "Longest session (hours)", 1, 12),
    checkTypes: lines("Research checks offered on every case", "check", "checks"),
    workEmailDomains: {
      kind: "textarea",
      label: "Work email domains for staff accounts",
      hint: "One per line, like force.police.uk (its subdomains are allowed too). New accounts must use one of them. Leave empty to allow any address except personal email services such as gmail.com.",
      max: 2000,
      noun: "The work email domains",
    },
    ...retentionFields,
    backupIntervalMinutes: whole("Take a backup every (minutes)", "Backup interval (minutes)", 0, 1440, "0 turns scheduled backups off"),
    backupKeep: whole("Number of backups to keep", "Backups kept", 1, 1000),
  },
  (v, ctx) => {
    checkLines(ctx, "agencies", v.agencies, "agency", "agencies", 20);
    checkLines(ctx, "checkTypes", v.checkTypes, "check", "checks", 30);
    if (v.workEmailDomains) {
      const problem = workDomainsProblem(workDomainsOf(v.workEmailDomains));
      if (problem) ctx.issue("workEmailDomains", problem);
    }
    if (v.workingStart && v.workingEnd && v.workingStart >= v.workingEnd) ctx.issue("workingEnd", "The working day must end after it starts");
  },
);

type SettingsFields = typeof settingsForm.fields;

/** Each entry at most 100 characters, at least one and at most `max` of them. */
function checkLines(ctx: RuleContext<SettingsFields>, field: "agencies" | "checkTypes", text: string | undefined, one: string, many: string, max: number) {
  if (text === undefined) return; // missing or too long: already said
  const list = linesOf(text);
  if (list.length === 0) ctx.issue(field, `Enter at least one ${one}`);
  else if (list.some((l) => l.length > 100)) ctx.issue(field, `Each ${one} must be 100 characters or fewer`);
  else if (list.length > max) ctx.issue(field, `Enter ${max} ${many} or fewer`);
}
