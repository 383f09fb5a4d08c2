// The application clock. Every deadline and expiry reads the time from here, so tests (and a
// test server started with CLOCK_OFFSET_MS) can move time forward. Never in production.
export function now(): Date {
  if (process.env.NODE_ENV === "production") return new Date();
  const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
