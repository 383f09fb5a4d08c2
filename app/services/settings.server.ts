// Per-force settings with defaults in code. Stored values override the defaults.
import { eq } from "drizzle-orm";
import { DEFAULT_APPLICANT_WORDING } from "~/domain/decision-binding";
import { DEFAULT_MANDATORY_CHECKS } from "~/domain/research-checks";
import { now } from "./app-clock.server";
import { recordAudit } from "./audit.server";
import { getDb, schema, type DbOrTx } from "./db.server";

export const SETTING_DEFAULTS = {
  /** Staff sessions end after this long without a request. */
  "session.idleMinutes": 15,
  /** Staff sessions end this long after sign-in, whatever happens. */
  "session.absoluteHours": 12,
  /** The scheme's clocks, from T0 (csods.md §2). */
  "clocks.riskCheckHours": 24,
  /** An urgent case's immediate-risk check ("a child is in danger now"), in hours (csods.md §8). */
  "clocks.urgentRiskCheckHours": 1,
  "clocks.interviewDays": 10,
  "clocks.decisionDays": 28,
  /** "calendar" or "working" (working days skip weekends and England and Wales bank holidays). */
  "clocks.dayCounting": "calendar" as "calendar" | "working",
  /**
   * The referral of suspected abuse to children's social care: 0 = before the end of the working
   * day (the default, from the seed documents); N = within N working hours.
   */
  "referrals.clockHours": 0,
  /** The force's working day (UK times), for the referral clock. */
  "workingHours.start": "09:00" as string,
  "workingHours.end": "17:00" as string,
  /** Partner agencies a case can be referred to or shared with (statistics count referrals by these names). */
  "referrals.agencies": [
    "Children's social care",
    "Multi-Agency Safeguarding Hub (MASH)",
    "Out-of-hours social care service",
    "Health",
    "Education",
    "Probation",
    "Another police force",
  ] as string[],
  /**
   * Urgent alerts go to on-duty reviewers; when none is on duty, and when an urgent clock passes
   * unmet, to the managers and this address (the control room or the on-call sergeant). "" = none.
   */
  "alerts.dutyAddress": "" as string,
  /** Research checks offered on every case (csods.md §2 stage 5). */
  "checks.types": [
    "PNC (Police National Computer)",
    "PND (Police National Database)",
    "ViSOR",
    "Local intelligence",
    "Children's social care",
    "Probation / MAPPA",
    "Other forces",
    "Health / education",
  ] as string[],
  /** Checks that must each have a result before a case may go to risk assessment (issue 10). */
  "checks.mandatory": [...DEFAULT_MANDATORY_CHECKS] as string[],
  /**
   * What an applicant who is not the person receiving a disclosure is told, whatever the outcome:
   * never whether a disclosure was made to someone else or whether the subject has a record.
   */
  "messages.applicantOutcome": DEFAULT_APPLICANT_WORDING as string,
  /**
   * Retention: years after closure until a case is reviewed (keep or erase), by outcome; the
   * longest applying period wins. MoPI-style review, set by each force.
   */
  "retention.reviewYears": {
    disclosure_cso: 10,
    disclosure_other: 10,
    other_safeguarding: 6,
    immediate_police_action: 6,
    no_disclosure: 6,
    applicant_not_verified: 3,
    not_progressed: 2,
    withdrawn: 2,
    unable_to_contact: 2,
    transferred: 2,
  } as Record<string, number>,
  /**
   * Domains a staff member's work email may use (subdomains too), e.g. "force.police.uk". Empty:
   * any address except a personal email service (see app/domain/staff-schemas.ts).
   */
  "staff.workEmailDomains": [] as string[],
  /** Online backups taken by the server: every N minutes (0 = off), into this folder, keeping this many. */
  "backup.intervalMinutes": 60,
  "backup.keep": 48,
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K] extends number
  ? number
  : (typeof SETTING_DEFAULTS)[K];

export function getSetting<K extends SettingKey>(key: K): SettingValue<K> {
  const row = getDb().select({ value: schema.settings.value }).from(schema.settings).where(eq(schema.settings.key, key)).get();
  return (row?.value ?? SETTING_DEFAULTS[key]) as SettingValue<K>;
}

export function setSetting<K extends SettingKey>(key: K, value: SettingValue<K>, updatedBy: number | null, db: DbOrTx = getDb()): void {
  const at = now();
  db.insert(schema.settings)
    .values({ key, value, updatedAt: at, updatedBy })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value, updatedAt: at, updatedBy } })
    .run();
}

export type SettingsUpdate = { [K in SettingKey]?: SettingValue<K> };

/** Saves the settings that changed, with one audit row naming them, in one transaction. */
export function updateSettings(values: SettingsUpdate, actorId: number, requestId?: string): SettingKey[] {
  const canonical = (v: unknown): string =>
    v && typeof v === "object" && !Array.isArray(v)
      ? JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))))
      : JSON.stringify(v);
  const changed = (Object.keys(values) as SettingKey[]).filter((key) => canonical(values[key]) !== canonical(getSetting(key)));
  if (changed.length === 0) return [];
  getDb().transaction((tx) => {
    for (const key of changed) setSetting(key, values[key] as never, actorId, tx);
    recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: actorId }, entityType: "setting", entityId: "settings", fields: changed, requestId });
  });
  return changed;
}
