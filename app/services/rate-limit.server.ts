// A sliding-window counter held in memory: enough for one server process. Keys are IP
// addresses; nothing is written to disk.
type Limiter = { isLimited(key: string, at: number): boolean; record(key: string, at: number): void };

export function createLimiter(limit: number, windowMs: number): Limiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string, at: number) => (hits.get(key) ?? []).filter((t) => t > at - windowMs);
  return {
    isLimited: (key, at) => recent(key, at).length >= limit,
    record(key, at) {
      const list = recent(key, at);
      list.push(at);
      hits.set(key, list);
      if (hits.size > 10_000) {
        // Forget idle keys so a flood of addresses cannot grow memory without bound.
        for (const [k] of hits) if (recent(k, at).length === 0) hits.delete(k);
      }
    },
  };
}
