// pg-boss, the one job backend. Web processes only send (always on the writing transaction);
// the worker process starts it and works the queues.
import { sql } from 'drizzle-orm'
import { PgBoss, fromDrizzle } from 'pg-boss'
import type { z } from 'zod'
import { databaseUrl, type Tx } from '../../../db/client.server.ts'
import { log } from '../../log.server.ts'
import { DEAD_LETTER_QUEUE, type JobDefinition } from './job.ts'

let boss: PgBoss | undefined

export function createBoss(connectionString: string, role: 'worker' | 'sender' = 'worker'): PgBoss {
  // A sender (web process) only inserts jobs: no maintenance, schedules or migrations there.
  const sender =
    role === 'sender'
      ? { supervise: false, schedule: false, migrate: false, createSchema: false }
      : {}
  const instance = new PgBoss({
    connectionString,
    // Workers listen, so notify-enabled queues are picked up as soon as a job commits.
    useListenNotify: role === 'worker',
    schema: 'pgboss',
    max: role === 'sender' ? 2 : 4,
    ...sender,
  })
  // pg-boss reports lost connections as 'error' events; unheard, Node would crash the process.
  instance.on('error', (error: unknown) =>
    log.error('jobs.error', {
      role,
      error: error instanceof Error ? error.message : JSON.stringify(error),
    }),
  )
  return instance
}

export function getBoss(): PgBoss {
  boss ??= createBoss(databaseUrl())
  return boss
}

let sender: Promise<PgBoss> | undefined
/** The started instance a process sends with (pg-boss refuses to send before start). */
export function senderBoss(): Promise<PgBoss> {
  sender ??= (async () => {
    const b = boss ?? createBoss(databaseUrl(), 'sender')
    boss ??= b
    try {
      await b.start()
    } catch (error) {
      // Started while the database was away: forget the attempt, or every later enqueue of
      // this process would get the same rejection after the database is back.
      if (boss === b) boss = undefined
      sender = undefined
      throw error
    }
    return b
  })()
  return sender
}

export async function stopBoss(options?: { graceful?: boolean; timeout?: number }): Promise<void> {
  const b = boss
  boss = undefined
  sender = undefined
  if (b) await b.stop({ graceful: options?.graceful ?? true, timeout: options?.timeout ?? 30_000 })
}

/**
 * A working worker refreshes its jobs' heartbeat every half of this; a job whose worker died
 * (killed, out of memory, machine gone) stops being refreshed and is failed into a retry by the
 * next supervision pass (every 60 s), instead of staying active until its 15-minute expiry.
 */
export const JOB_HEARTBEAT_SECONDS = 30

/** Creates the pg-boss schema and every queue (idempotent). */
export async function installQueues(
  jobs: readonly JobDefinition<z.ZodType>[],
  b: PgBoss = getBoss(),
): Promise<void> {
  await b.start()
  await b.createQueue(DEAD_LETTER_QUEUE).catch(ignoreExists)
  for (const job of jobs) {
    await b
      .createQueue(job.id, {
        policy: job.policy ?? 'standard',
        notify: job.notify ?? false,
        retryLimit: job.retryLimit ?? 8,
        retryDelay: 5,
        retryBackoff: true,
        deadLetter: DEAD_LETTER_QUEUE,
        heartbeatSeconds: JOB_HEARTBEAT_SECONDS,
      })
      .catch(ignoreExists)
    // Queues made before heartbeats were set get them too.
    await b.updateQueue(job.id, { heartbeatSeconds: JOB_HEARTBEAT_SECONDS })
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
  await (await senderBoss()).send(job.id, data, { ...options, db: fromDrizzle(tx, sql) })
}
