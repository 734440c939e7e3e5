// The worker process: installs the queues, works every job, and on SIGTERM lets active jobs
// finish (up to 30 s) before it exits.
import { installQueues, getBoss, stopBoss } from '../app/domains/jobs/boss.server.ts'
import { log } from '../app/log.server.ts'
import { env } from '../app/env.server.ts'
import { closeDb } from '../db/client.server.ts'
import { jobs } from './jobs/index.ts'
import { searchSweep } from './jobs/search-sweep.ts'
import { timersSweep } from './jobs/timers-sweep.ts'
import { meili } from '../search/client.server.ts'
import { applySettings } from '../search/sync.server.ts'
import type { JobResult, PgBoss } from 'pg-boss'

/**
 * Applies the index settings (Meilisearch may be away: the sweep catches up later), schedules
 * the sweep, and runs one now so that anything missed while no worker ran is caught up.
 */
async function startSearch(boss: PgBoss): Promise<void> {
  const client = meili()
  if (client) {
    await applySettings(client).catch((error: unknown) =>
      log.warn('search.settings-deferred', {
        error: error instanceof Error ? error.message : String(error),
      }),
    )
  }
  await boss.schedule(searchSweep.id, '*/5 * * * *', {})
  await boss.schedule(timersSweep.id, '* * * * *', {})
  await boss.send(timersSweep.id, {})
  await boss.send(searchSweep.id, {})
}

async function main(): Promise<void> {
  env()
  await installQueues(jobs)
  const boss = getBoss()
  for (const job of jobs) {
    // Batches are fetched together. A job with a batch handler (search sync: one Meilisearch
    // request per batch) succeeds or fails as a batch; others are settled one by one, so one
    // failing job does not make the rest of its batch run again.
    await boss.work(
      job.id,
      {
        batchSize: job.batchSize ?? 5,
        pollingIntervalSeconds: 0.5,
        // A full batch means more is waiting: fetch again at once instead of after a poll.
        burstWhenBatchFull: (job.batchSize ?? 5) > 1,
        localConcurrency: job.concurrency ?? 1,
        perJobResults: true,
      },
      async (batch) => {
        const results: JobResult[] = []
        const valid: { id: string; data: unknown }[] = []
        for (const item of batch) {
          const parsed = job.schema.safeParse(item.data)
          // A payload that does not parse will not parse on a retry either.
          if (parsed.success) valid.push({ id: item.id, data: parsed.data })
          else
            results.push({
              id: item.id,
              status: 'deadletter',
              output: { message: parsed.error.message },
            })
        }
        const settle = async (items: typeof valid, run: () => Promise<void>) => {
          try {
            await run()
            for (const item of items) results.push({ id: item.id, status: 'completed' })
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            log.warn('job.failed', { job: job.id, ids: items.map((i) => i.id), error: message })
            for (const item of items)
              results.push({ id: item.id, status: 'failed', output: { message } })
          }
        }
        const batchHandler = job.batchHandler
        if (batchHandler && valid.length > 0) {
          await settle(valid, () => batchHandler(valid.map((v) => v.data)))
        } else {
          // One by one: one failing job does not make the rest of its batch run again.
          for (const item of valid) await settle([item], () => job.handler(item.data))
        }
        return results
      },
    )
  }
  await startSearch(boss)
  log.info('worker.ready', { queues: jobs.map((j) => j.id) })
  process.send?.({ type: 'ready' })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('worker.stopping', { signal })
    await stopBoss({ graceful: true, timeout: 30_000 })
    await closeDb()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  // Started by `npm start`: if that parent dies, do not live on as an orphan.
  process.on('disconnect', () => void shutdown('parent gone'))
}

main().catch((error: unknown) => {
  log.error('worker.failed', { error: error instanceof Error ? error.stack : String(error) })
  process.exit(1)
})
