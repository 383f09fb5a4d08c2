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
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K] extends number ? number : (typeof SETTING_DEFAULTS)[K];

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
