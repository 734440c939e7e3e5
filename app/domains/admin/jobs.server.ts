// The jobs console: how full each pg-boss queue is, which jobs failed and why, and retrying one.
// The counts and the failure list are read straight from pg-boss's job table in two bounded
// queries: the API's counts are a cache the worker's monitor refreshes (stale in a web process,
// which runs no monitor) and it has nothing for "completed in the last 24 h"; findJobs returns
// whole queues with their payloads. Job payloads are never read here: they can hold codes.
import { sql } from 'drizzle-orm'
import { fromDrizzle } from 'pg-boss'
import { db } from '../../../db/client.server.ts'
import { jobs } from '../../../workers/jobs/index.ts'
import { now } from '../../clock.server.ts'
import { DEAD_LETTER_QUEUE } from '../jobs/job.ts'
import { senderBoss } from '../jobs/boss.server.ts'
import { audit } from './audit.server.ts'
import { isUuid } from './queries.server.ts'

/** Every queue the platform has: one per job, and the dead-letter queue they end up in. */
export const jobQueues: readonly string[] = [...jobs.map((j) => j.id), DEAD_LETTER_QUEUE]

export const FAILED_JOBS_LIMIT = 50
export const ERROR_MAX_CHARS = 500
const DAY_MS = 24 * 60 * 60 * 1000

export function isJobQueue(value: unknown): value is string {
  return typeof value === 'string' && jobQueues.includes(value)
}

export type QueueCounts = {
  queue: string
  /** Waiting to run: new, or failed with retries left (state created or retry). */
  queued: number
  active: number
  /** Failed for good and still retained by pg-boss. */
  failed: number
  completedLast24h: number
}

export type FailedJob = {
  queue: string
  id: string
  retryCount: number
  createdOn: Date
  completedOn: Date | null
  /** `output.message`, or the whole output as JSON; at most ERROR_MAX_CHARS characters. */
  error: string
}

const queueList = () =>
  sql.join(
    jobQueues.map((q) => sql`${q}`),
    sql`, `,
  )

/** Counts per queue, in the order of `jobQueues`; a queue without jobs counts zeros. */
export async function queueCounts(): Promise<QueueCounts[]> {
  const since = new Date(now().getTime() - DAY_MS).toISOString()
  const rows = (await db().execute(sql`
    select
      name,
      (count(*) filter (where state in ('created', 'retry')))::int as queued,
      (count(*) filter (where state = 'active'))::int as active,
      (count(*) filter (where state = 'failed'))::int as failed,
      (count(*) filter (
        where state = 'completed' and completed_on >= ${since}::timestamptz
      ))::int as completed
    from pgboss.job
    where name in (${queueList()})
    group by name
  `)) as unknown as {
    name: string
    queued: number
    active: number
    failed: number
    completed: number
  }[]
  const byName = new Map(rows.map((r) => [r.name, r]))
  return jobQueues.map((queue) => {
    const r = byName.get(queue)
    return {
      queue,
      queued: r?.queued ?? 0,
      active: r?.active ?? 0,
      failed: r?.failed ?? 0,
      completedLast24h: r?.completed ?? 0,
    }
  })
}

/** The most recent failed jobs of every queue, newest first. Only the error, never the payload. */
export async function failedJobs(limit = FAILED_JOBS_LIMIT): Promise<FailedJob[]> {
  const rows = (await db().execute(sql`
    select
      id::text as id,
      name,
      retry_count as "retryCount",
      created_on as "createdOn",
      completed_on as "completedOn",
      left(output ->> 'message', ${ERROR_MAX_CHARS + 1}) as message,
      left(output::text, ${ERROR_MAX_CHARS + 1}) as output
    from pgboss.job
    where name in (${queueList()}) and state = 'failed'
    order by completed_on desc nulls last, created_on desc
    limit ${Math.min(Math.max(1, Math.trunc(limit)), FAILED_JOBS_LIMIT)}
  `)) as unknown as {
    id: string
    name: string
    retryCount: number
    createdOn: Date | string
    completedOn: Date | string | null
    message: string | null
    output: string | null
  }[]
  return rows.map((r) => ({
    queue: r.name,
    id: r.id,
    retryCount: r.retryCount,
    createdOn: new Date(r.createdOn),
    completedOn: r.completedOn === null ? null : new Date(r.completedOn),
    error: truncate(r.message ?? r.output ?? ''),
  }))
}

function truncate(text: string): string {
  return text.length > ERROR_MAX_CHARS ? `${text.slice(0, ERROR_MAX_CHARS - 1)}…` : text
}

export async function jobsConsole() {
  const [queues, failed] = await Promise.all([queueCounts(), failedJobs()])
  return { queues, failed }
}

/**
 * Puts a failed job back in its queue (pg-boss `retry`: state retry, one more attempt allowed) and
 * records who did it, in one transaction. False when the queue or id is not one of ours, or the
 * job is not (or no longer) failed, e.g. someone else retried it first.
 */
export async function retryJob(
  queue: string,
  id: string,
  by: { actorUserId: string; ip?: string | null },
): Promise<boolean> {
  if (!isJobQueue(queue) || !isUuid(id)) return false
  const boss = await senderBoss()
  return db().transaction(async (tx) => {
    // pg-boss types `retry`'s answer as an empty object, so whether the job was failed is read
    // here, with the row locked until commit: of two admins retrying at once, one wins.
    const rows = (await tx.execute(sql`
      select 1 from pgboss.job
      where name = ${queue} and id = ${id}::uuid and state = 'failed'
      for update
    `)) as unknown as unknown[]
    if (rows.length === 0) return false
    await boss.retry(queue, [id], { db: fromDrizzle(tx, sql) })
    await audit(tx, {
      actorUserId: by.actorUserId,
      action: 'retry-job',
      entity: 'job',
      entityId: id,
      data: { queue },
      ip: by.ip ?? null,
    })
    return true
  })
}
