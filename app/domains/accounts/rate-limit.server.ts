// Rate limits kept in Postgres so they hold across every web process. A key counts hits in a
// fixed window; going over blocks it, and each repeated block doubles (growing back-off).
import { eq, sql } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { rateLimits } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'

export type RateRule = { limit: number; windowMs: number; blockMs: number; maxBlockMs?: number }

export const rules = {
  loginIp: { limit: 30, windowMs: 15 * 60_000, blockMs: 60_000, maxBlockMs: 3600_000 },
  loginAccount: { limit: 5, windowMs: 15 * 60_000, blockMs: 30_000, maxBlockMs: 3600_000 },
  signupIp: { limit: 10, windowMs: 3600_000, blockMs: 3600_000 },
  resetIp: { limit: 10, windowMs: 3600_000, blockMs: 3600_000 },
  codeSend: { limit: 5, windowMs: 3600_000, blockMs: 3600_000 },
} satisfies Record<string, RateRule>

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Is the key blocked right now? Costs one read and writes nothing. */
export async function checkRate(key: string): Promise<RateDecision> {
  const row = await db()
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, key))
    .then((r) => r[0])
  const at = now().getTime()
  if (row?.blockedUntil && row.blockedUntil.getTime() > at) {
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil((row.blockedUntil.getTime() - at) / 1000),
    }
  }
  return { allowed: true }
}

/** Counts one hit; the hit that goes over the limit starts (or doubles) the block. */
export async function hitRate(key: string, rule: RateRule): Promise<RateDecision> {
  const at = now()
  // Raw SQL fragments take instants as ISO text: the driver does not serialise Dates there.
  const windowStart = new Date(at.getTime() - rule.windowMs).toISOString()
  const atText = at.toISOString()
  const [row] = await db()
    .insert(rateLimits)
    .values({ key, windowStartedAt: at, hits: 1, strikes: 0 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart}::timestamptz then 1 else ${rateLimits.hits} + 1 end`,
        windowStartedAt: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart}::timestamptz then ${atText}::timestamptz else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning()
  if (!row) return { allowed: true }
  if (row.hits > rule.limit) {
    const blockMs = Math.min(rule.blockMs * 2 ** row.strikes, rule.maxBlockMs ?? rule.blockMs)
    const blockedUntil = new Date(at.getTime() + blockMs)
    await db()
      .update(rateLimits)
      .set({ blockedUntil, strikes: row.strikes + 1, hits: 0, windowStartedAt: at })
      .where(eq(rateLimits.key, key))
    return { allowed: false, retryAfterSeconds: Math.ceil(blockMs / 1000) }
  }
  return { allowed: true }
}

/** A successful log-in forgives the account's failures. */
export async function clearRate(key: string): Promise<void> {
  await db().delete(rateLimits).where(eq(rateLimits.key, key))
}

export class RateLimitedError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super('rate limited')
  }
}
