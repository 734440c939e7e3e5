// The worker process: installs the queues, works every job, and on SIGTERM lets active jobs
// finish (up to 30 s) before it exits.
import { installQueues, getBoss, stopBoss } from '../app/domains/jobs/boss.server.ts'
import { log } from '../app/log.server.ts'
import { env } from '../app/env.server.ts'
import { closeDb } from '../db/client.server.ts'
import { jobs } from './jobs/index.ts'

async function main(): Promise<void> {
  env()
  await installQueues(jobs)
  const boss = getBoss()
  for (const job of jobs) {
    await boss.work(job.id, { batchSize: 5, pollingIntervalSeconds: 1 }, async (batch) => {
      for (const item of batch) {
        const payload = job.schema.parse(item.data)
        await job.handler(payload)
      }
    })
  }
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
