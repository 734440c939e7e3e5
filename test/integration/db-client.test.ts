// The process's database handle keeps top-level transactions below the pool size (postgres.js
// can strand a transaction whose BEGIN queued behind busy connections), and lets a transaction
// opened inside another run without waiting for a turn it is itself holding.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'

const limit = Math.max(1, Number(process.env.DATABASE_POOL_MAX ?? 10) - 2)

describe('transactions through the pool', () => {
  it('runs at most the pool size less two at once, and all of them', async () => {
    let now = 0
    let most = 0
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        db().transaction(async (tx) => {
          now++
          most = Math.max(most, now)
          await tx.execute(sql`select pg_sleep(0.01)`)
          now--
          return i
        }),
      ),
    )
    expect(results).toHaveLength(60)
    expect(most).toBe(limit)
  })

  it('lets a transaction opened inside another go ahead while every turn is taken', async () => {
    const results = await Promise.all(
      Array.from({ length: limit }, () =>
        db().transaction(async () =>
          db().transaction(async (inner) => {
            const rows = await inner.execute(sql`select 1 as one`)
            return rows.length
          }),
        ),
      ),
    )
    expect(results).toEqual(Array.from({ length: limit }, () => 1))
  })
})
