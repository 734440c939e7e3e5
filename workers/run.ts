// How the worker process works one queue: batches fetched together, payloads parsed before a
// handler sees them, and each job settled on its own unless its definition handles a batch.
import type { JobResult, PgBoss } from 'pg-boss'
import type { z } from 'zod'
import type { JobDefinition } from '../app/domains/jobs/job.ts'
import { log } from '../app/log.server.ts'

export async function workQueue(boss: PgBoss, job: JobDefinition<z.ZodType>): Promise<string> {
  const batchSize = job.batchSize ?? 5
  return boss.work(
    job.id,
    {
      batchSize,
      pollingIntervalSeconds: 0.5,
      // A full batch means more is waiting: fetch again at once instead of after a poll.
      burstWhenBatchFull: batchSize > 1,
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
        // One Meilisearch request per batch: the batch succeeds or fails as one.
        await settle(valid, () => batchHandler(valid.map((v) => v.data)))
      } else {
        // One by one: one failing job does not make the rest of its batch run again.
        for (const item of valid) await settle([item], () => job.handler(item.data))
      }
      return results
    },
  )
}
