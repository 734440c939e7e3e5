// Timed transitions fire once when due, catch up after missed ticks, and never early; tests
// move the clock instead of waiting.
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { timers } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import {
  cancelTimers,
  registerTimer,
  scheduleTimer,
  sweepTimers,
} from '../../app/domains/timers/timers.server.ts'

afterEach(() => setNow(null))

describe('timers', () => {
  it('fire once when due, not before, and catch up on everything overdue', async () => {
    const fired: string[] = []
    registerTimer('test.ping', async (_tx, subjectId) => {
      fired.push(subjectId)
    })
    setNow(new Date('2026-06-01T09:00:00Z'))
    await db().transaction(async (tx) => {
      await scheduleTimer(tx, {
        kind: 'test.ping',
        subjectId: 'a',
        dueAt: new Date('2026-06-01T10:00:00Z'),
      })
      await scheduleTimer(tx, {
        kind: 'test.ping',
        subjectId: 'b',
        dueAt: new Date('2026-06-01T11:00:00Z'),
      })
      await scheduleTimer(tx, {
        kind: 'test.ping',
        subjectId: 'c',
        dueAt: new Date('2026-06-02T09:00:00Z'),
      })
    })
    await sweepTimers()
    expect(fired).toEqual([])
    // The sweeper did not run for two hours: both overdue timers fire on the next run.
    setNow(new Date('2026-06-01T12:00:00Z'))
    await sweepTimers()
    expect(fired).toEqual(['a', 'b'])
    await sweepTimers()
    expect(fired).toEqual(['a', 'b'])
  })

  it('a cancelled timer never fires; a failing one records its error and stays due', async () => {
    const fired: string[] = []
    registerTimer('test.cancel', async (_tx, subjectId) => {
      fired.push(subjectId)
    })
    registerTimer('test.fail', async () => {
      throw new Error('upstream refused')
    })
    setNow(new Date('2026-07-01T00:00:00Z'))
    await db().transaction(async (tx) => {
      await scheduleTimer(tx, {
        kind: 'test.cancel',
        subjectId: 'x',
        dueAt: new Date('2026-07-01T01:00:00Z'),
      })
      await scheduleTimer(tx, {
        kind: 'test.fail',
        subjectId: 'y',
        dueAt: new Date('2026-07-01T01:00:00Z'),
      })
      await cancelTimers(tx, 'test.cancel', 'x')
    })
    setNow(new Date('2026-07-01T02:00:00Z'))
    const result = await sweepTimers()
    expect(fired).toEqual([])
    expect(result.failed).toBe(1)
    const failing = await db()
      .select()
      .from(timers)
      .where(eq(timers.subjectId, 'y'))
      .then((r) => r[0])
    expect(failing).toMatchObject({ firedAt: null, attempts: 1, lastError: 'upstream refused' })
  })

  it('two sweepers at once fire each timer only once', async () => {
    let count = 0
    registerTimer('test.race', async () => {
      count++
    })
    setNow(new Date('2026-08-01T00:00:00Z'))
    await db().transaction(async (tx) => {
      for (let i = 0; i < 20; i++)
        await scheduleTimer(tx, {
          kind: 'test.race',
          subjectId: `r${i}`,
          dueAt: new Date('2026-07-31T00:00:00Z'),
        })
    })
    await Promise.all([sweepTimers(), sweepTimers(), sweepTimers()])
    expect(count).toBe(20)
  })
})
