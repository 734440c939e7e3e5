// Timed transitions: a use case schedules a timer in its own transaction; the sweeper fires
// each timer whose due time has passed, once, in a transaction of its own, and catches up on
// anything overdue. Kinds register their handler here (deadlines, expiry, auto-release…).
import { and, asc, eq, isNull, lt, lte, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { timers } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { log } from '../../log.server.ts'

export type TimerHandler = (tx: Tx, subjectId: string) => Promise<void>

const handlers = new Map<string, TimerHandler>()
const MAX_ATTEMPTS = 10

/** A kind's handler; registering a kind twice replaces the handler. */
export function registerTimer(kind: string, handler: TimerHandler): void {
  handlers.set(kind, handler)
}

export async function scheduleTimer(
  tx: Tx,
  input: { kind: string; subjectId: string; dueAt: Date },
): Promise<void> {
  await tx
    .insert(timers)
    .values({ kind: input.kind, subjectId: input.subjectId, dueAt: input.dueAt, createdAt: now() })
}

export async function cancelTimers(tx: Tx, kind: string, subjectId: string): Promise<void> {
  await tx
    .update(timers)
    .set({ cancelledAt: now() })
    .where(
      and(
        eq(timers.kind, kind),
        eq(timers.subjectId, subjectId),
        isNull(timers.firedAt),
        isNull(timers.cancelledAt),
      ),
    )
}

/**
 * Fires every due timer (up to `limit` per call). Each fires in its own transaction with the
 * row locked (SKIP LOCKED, so several sweepers never fire one timer twice); a failing handler
 * rolls back its own effects, and the timer stays due with its error recorded.
 */
export async function sweepTimers(
  at: Date = now(),
  limit = 200,
): Promise<{ fired: number; failed: number }> {
  let fired = 0
  let failed = 0
  const due = await db()
    .select({ id: timers.id })
    .from(timers)
    // A timer that failed ten times waits for a person (its last error is kept).
    .where(
      and(
        lte(timers.dueAt, at),
        isNull(timers.firedAt),
        isNull(timers.cancelledAt),
        lt(timers.attempts, MAX_ATTEMPTS),
      ),
    )
    .orderBy(asc(timers.dueAt))
    .limit(limit)
  for (const { id } of due) {
    try {
      const done = await db().transaction(async (tx) => {
        const row = await tx
          .select()
          .from(timers)
          .where(and(eq(timers.id, id), isNull(timers.firedAt), isNull(timers.cancelledAt)))
          .for('update', { skipLocked: true })
          .then((r) => r[0])
        if (!row) return false
        const handler = handlers.get(row.kind)
        if (!handler) throw new Error(`no handler for timer kind ${row.kind}`)
        await handler(tx, row.subjectId)
        await tx
          .update(timers)
          .set({ firedAt: at, attempts: row.attempts + 1 })
          .where(eq(timers.id, id))
        return true
      })
      if (done) fired++
    } catch (error) {
      failed++
      const message = error instanceof Error ? error.message : String(error)
      log.warn('timer.failed', { id, error: message })
      await db()
        .update(timers)
        .set({ attempts: sql`${timers.attempts} + 1`, lastError: message.slice(0, 1000) })
        .where(eq(timers.id, id))
    }
  }
  return { fired, failed }
}
