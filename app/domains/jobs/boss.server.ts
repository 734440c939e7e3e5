// pg-boss, the one job backend. Web processes only send (always on the writing transaction);
// the worker process starts it and works the queues.
import { sql } from 'drizzle-orm'
import { PgBoss, fromDrizzle } from 'pg-boss'
import type { z } from 'zod'
import { databaseUrl, type Tx } from '../../../db/client.server.ts'
import { DEAD_LETTER_QUEUE, type JobDefinition } from './job.ts'

let boss: PgBoss | undefined

export function getBoss(): PgBoss {
  boss ??= new PgBoss({ connectionString: databaseUrl(), schema: 'pgboss', max: 4 })
  return boss
}

export async function stopBoss(options?: { graceful?: boolean; timeout?: number }): Promise<void> {
  const b = boss
  boss = undefined
  if (b) await b.stop({ graceful: options?.graceful ?? true, timeout: options?.timeout ?? 30_000 })
}

/** Creates the pg-boss schema and every queue (idempotent). */
export async function installQueues(jobs: readonly JobDefinition<z.ZodType>[]): Promise<void> {
  const b = getBoss()
  await b.start()
  await b.createQueue(DEAD_LETTER_QUEUE).catch(ignoreExists)
  for (const job of jobs) {
    await b
      .createQueue(job.id, {
        retryLimit: job.retryLimit ?? 8,
        retryDelay: 5,
        retryBackoff: true,
        deadLetter: DEAD_LETTER_QUEUE,
      })
      .catch(ignoreExists)
  }
}

function ignoreExists(error: unknown): void {
  if (error instanceof Error && /exists/i.test(error.message)) return
  throw error
}

/**
 * Enqueues a job on the caller's transaction: if the write rolls back, so does the job.
 * The payload is parsed first so a bad payload fails the write, not the worker.
 */
export async function enqueue<S extends z.ZodType>(
  tx: Tx,
  job: JobDefinition<S>,
  payload: z.infer<S>,
  options: { singletonKey?: string; startAfter?: Date } = {},
): Promise<void> {
  const data = job.schema.parse(payload) as object
  await getBoss().send(job.id, data, { ...options, db: fromDrizzle(tx, sql) })
}
