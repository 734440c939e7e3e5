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
    // Batches are fetched together but settled one by one: one failing job does not make the
    // rest of its batch run again.
    await boss.work(
      job.id,
      {
        batchSize: 5,
        pollingIntervalSeconds: 1,
        localConcurrency: job.concurrency ?? 1,
        perJobResults: true,
      },
      async (batch) => {
        const results: JobResult[] = []
        for (const item of batch) {
          const parsed = job.schema.safeParse(item.data)
          if (!parsed.success) {
            // A payload that does not parse will not parse on a retry either.
            results.push({
              id: item.id,
              status: 'deadletter',
              output: { message: parsed.error.message },
            })
            continue
          }
          try {
            await job.handler(parsed.data)
            results.push({ id: item.id, status: 'completed' })
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            log.warn('job.failed', { job: job.id, id: item.id, error: message })
            results.push({ id: item.id, status: 'failed', output: { message } })
          }
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
