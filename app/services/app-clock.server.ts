// The application clock. Every deadline and expiry reads the time from here, so tests (and a
// test server started with CLOCK_OFFSET_MS) can move time forward. Never in production.
export function now(): Date {
  if (process.env.NODE_ENV === "production") return machineNow();
  const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}

/**
 * The machine's own clock, never moved by tests: only for what runs on it too (timers against
 * file modification times). Everything a person sees or a deadline uses reads now().
 */
export function machineNow(): Date {
  return new Date();
}
