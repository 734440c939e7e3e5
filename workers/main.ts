// The worker process: installs the queues, works every job, and on SIGTERM lets active jobs
// finish (up to 30 s) before it exits.
import { installQueues, getBoss, stopBoss } from '../app/domains/jobs/boss.server.ts'
import { log } from '../app/log.server.ts'
import { env } from '../app/env.server.ts'
import { closeDb } from '../db/client.server.ts'
import { jobs } from './jobs/index.ts'
import { searchRefresh } from './jobs/search-refresh.ts'
import { searchSweep } from './jobs/search-sweep.ts'
import { timersSweep } from './jobs/timers-sweep.ts'
import { meili } from '../search/client.server.ts'
import { applySettings } from '../search/sync.server.ts'
import type { PgBoss } from 'pg-boss'
import { markSearchAway, watchSearch } from '../search/availability.server.ts'
import { workQueue } from './run.ts'

/**
 * Applies the index settings, watches Meilisearch, schedules the sweeps, and runs them now so
 * that anything missed while no worker ran is caught up.
 */
async function startSearch(boss: PgBoss): Promise<void> {
  const client = meili()
  if (client) {
    // While Meilisearch is away, index jobs only keep the mirror; when it answers again the
    // settings are applied (it may be a fresh instance) and a sweep sends what it is owed.
    const catchUp = async () => {
      await applySettings(client)
      await boss.send(searchSweep.id, {})
    }
    watchSearch({ intervalMs: 2000, onBack: catchUp })
    await applySettings(client).catch((error: unknown) => {
      markSearchAway(error instanceof Error ? error.message : String(error))
      log.warn('search.settings-deferred', {
        error: error instanceof Error ? error.message : String(error),
      })
    })
  }
  await boss.schedule(searchSweep.id, '*/5 * * * *', {})
  await boss.schedule(timersSweep.id, '* * * * *', {})
  // Daily, at a quiet hour for the people who use it.
  await boss.schedule(searchRefresh.id, '30 3 * * *', {}, { tz: 'Asia/Shanghai' })
  await boss.send(timersSweep.id, {})
  await boss.send(searchSweep.id, {})
}

async function main(): Promise<void> {
  env()
  await installQueues(jobs)
  const boss = getBoss()
  for (const job of jobs) await workQueue(boss, job)
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
