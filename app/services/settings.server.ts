// Per-force settings with defaults in code. Stored values override the defaults.
import { eq } from "drizzle-orm";
import { now } from "./clock.server";
import { getDb, schema } from "./db.server";

export const SETTING_DEFAULTS = {
  /** Staff sessions end after this long without a request. */
  "session.idleMinutes": 15,
  /** Staff sessions end this long after sign-in, whatever happens. */
  "session.absoluteHours": 12,
  /** How recent a second-factor code must be for a sensitive action (step-up). */
  "session.stepUpMinutes": 5,
  /** The scheme's clocks, from T0 (csods.md §2). */
  "clocks.riskCheckHours": 24,
  "clocks.interviewDays": 10,
  "clocks.decisionDays": 28,
  /** "calendar" or "working" (working days skip weekends and England and Wales bank holidays). */
  "clocks.dayCounting": "calendar" as "calendar" | "working",
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

export function setSetting<K extends SettingKey>(key: K, value: SettingValue<K>, updatedBy: number | null): void {
  const at = now();
  getDb()
    .insert(schema.settings)
    .values({ key, value, updatedAt: at, updatedBy })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value, updatedAt: at, updatedBy } })
    .run();
}
