// The idle timeout warning (GOV.UK timeout warning pattern): shown two minutes before the server
// signs a person out for doing nothing. Activity is recorded at most every 30 seconds, so the
// browser counts from a little earlier than its own page load.
export const WARNING_BEFORE_MS = 2 * 60_000;
export const TOUCH_SLACK_MS = 30_000;

/** When, after a page load, the warning opens and the session is over (milliseconds). */
export function idleTimes(idleMinutes: number): { warnAfterMs: number; endAfterMs: number } {
  const idleMs = idleMinutes * 60_000;
  const endAfterMs = Math.max(0, idleMs - TOUCH_SLACK_MS);
  return { warnAfterMs: Math.max(0, endAfterMs - WARNING_BEFORE_MS), endAfterMs };
}
