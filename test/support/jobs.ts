// Runs queued jobs in the test process, the way the worker would, so a test can see their
// effects without a worker process.
import { senderBoss } from '../../app/domains/jobs/boss.server.ts'
import { jobs } from '../../workers/jobs/index.ts'

export async function drainJobs(): Promise<number> {
  const boss = await senderBoss()
  let done = 0
  for (const job of jobs) {
    for (;;) {
      const batch = await boss.fetch<object>(job.id, { batchSize: 20 })
      if (batch.length === 0) break
      for (const item of batch) {
        await job.handler(job.schema.parse(item.data))
        await boss.complete(job.id, item.id)
        done++
      }
    }
  }
  return done
}
