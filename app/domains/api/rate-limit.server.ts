// A per-process sliding window for the public API: costs no database write per request. With N
// web processes behind a balancer the effective limit is N times this; that is acceptable for
// read-only search, which is what it guards.
const windows = new Map<string, number[]>()
// Per address per minute; a benchmark on one machine raises it through the environment.
const LIMIT = Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 60)
const WINDOW_MS = 60_000

export function apiAllowed(
  ip: string,
  at = Date.now(),
): { allowed: boolean; retryAfterSeconds: number } {
  const hits = (windows.get(ip) ?? []).filter((t) => t > at - WINDOW_MS)
  if (hits.length >= LIMIT) {
    windows.set(ip, hits)
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil(((hits[0] ?? at) + WINDOW_MS - at) / 1000),
    }
  }
  hits.push(at)
  windows.set(ip, hits)
  // Keep the map from growing without bound under many addresses.
  if (windows.size > 50_000)
    for (const key of [...windows.keys()].slice(0, 10_000)) windows.delete(key)
  return { allowed: true, retryAfterSeconds: 0 }
}
