// The jobs console against the real pg-boss schema: a job that fails for good shows with its
// error (and never its payload) and counts as failed; retrying it puts it back in its queue and
// leaves an audit row.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { auditLog } from '../../db/schema/index.ts'
import {
  failedJobs,
  jobQueues,
  queueCounts,
  retryJob,
} from '../../app/domains/admin/jobs.server.ts'
import { senderBoss } from '../../app/domains/jobs/boss.server.ts'
import { DEAD_LETTER_QUEUE } from '../../app/domains/jobs/job.ts'
import { createUser, makeAdmin } from '../factories/index.ts'

const QUEUE = 'message.send'
const ERROR = 'SMTP 550 mailbox unavailable'

async function countsOf(queue: string) {
  const counts = (await queueCounts()).find((c) => c.queue === queue)
  if (!counts) throw new Error(`no counts for ${queue}`)
  return counts
}

/** Sends a message job that fails for good on its first attempt, the way a worker would fail it. */
async function failedMessageJob(error: object) {
  const boss = await senderBoss()
  const id = await boss.send(
    QUEUE,
    { channel: 'email', to: 'secret-code-123456@example.test', subject: '验证码', text: '123456' },
    { retryLimit: 0 },
  )
  if (!id) throw new Error('job not sent')
  // Fetch until our job comes up: other tests may have left jobs in the queue.
  for (let i = 0; i < 50; i++) {
    const batch = await boss.fetch(QUEUE, { batchSize: 20 })
    if (batch.length === 0) break
    if (batch.some((j) => j.id === id)) break
  }
  await boss.fail(QUEUE, id, error)
  expect((await boss.findJobs(QUEUE, { id }))[0]?.state).toBe('failed')
  return id
}

describe('admin jobs console', () => {
  it('knows every job queue and the dead-letter queue', () => {
    expect(jobQueues).toContain(QUEUE)
    expect(jobQueues).toContain(DEAD_LETTER_QUEUE)
  })

  it('lists a failed job with its error, counts it, and retries it', async () => {
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id, ['finance'])
    const before = await countsOf(QUEUE)
    const deadBefore = await countsOf(DEAD_LETTER_QUEUE)

    const id = await failedMessageJob({ message: ERROR })

    const after = await countsOf(QUEUE)
    expect(after.failed).toBe(before.failed + 1)
    // A job out of retries is copied to the dead-letter queue, where it waits.
    expect((await countsOf(DEAD_LETTER_QUEUE)).queued).toBe(deadBefore.queued + 1)

    const failed = await failedJobs()
    const row = failed.find((j) => j.id === id)
    expect(row).toMatchObject({ queue: QUEUE, id, retryCount: 0, error: ERROR })
    expect(row?.createdOn).toBeInstanceOf(Date)
    expect(row?.completedOn).toBeInstanceOf(Date)
    expect(failed[0]?.id).toBe(id) // newest first
    // The payload (which can carry codes) never reaches the console.
    expect(JSON.stringify(failed)).not.toContain('secret-code-123456')
    expect(JSON.stringify(failed)).not.toContain('123456@')

    expect(await retryJob(QUEUE, id, { actorUserId: admin.id, ip: '10.0.0.9' })).toBe(true)
    const job = (await (await senderBoss()).findJobs(QUEUE, { id }))[0]
    expect(['retry', 'created']).toContain(job?.state)
    expect((await countsOf(QUEUE)).failed).toBe(before.failed)
    expect((await countsOf(QUEUE)).queued).toBeGreaterThanOrEqual(1)
    expect((await failedJobs()).some((j) => j.id === id)).toBe(false)

    const trail = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'retry-job'), eq(auditLog.entityId, id)))
    expect(trail).toHaveLength(1)
    expect(trail[0]).toMatchObject({
      actorUserId: admin.id,
      entity: 'job',
      data: { queue: QUEUE },
      ip: '10.0.0.9',
    })

    // Once retried it is no longer failed: a second retry (a double click) does nothing.
    expect(await retryJob(QUEUE, id, { actorUserId: admin.id })).toBe(false)
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'retry-job'), eq(auditLog.entityId, id))),
    ).toHaveLength(1)
  })

  it('shows an output without a message as JSON, cut to 500 characters', async () => {
    const id = await failedMessageJob({ code: 'E_TIMEOUT', detail: 'x'.repeat(2000) })
    const row = (await failedJobs()).find((j) => j.id === id)
    expect(row?.error.startsWith('{')).toBe(true)
    expect(row?.error).toContain('E_TIMEOUT')
    expect(row?.error.length).toBe(500)
  })

  it('refuses to retry in an unknown queue or with a malformed id', async () => {
    const admin = await createUser(db())
    const id = await failedMessageJob({ message: ERROR })
    expect(await retryJob('no.such.queue', id, { actorUserId: admin.id })).toBe(false)
    expect(await retryJob(QUEUE, 'not-a-uuid', { actorUserId: admin.id })).toBe(false)
    expect((await failedJobs()).some((j) => j.id === id)).toBe(true)
  })
})
