// Re-enqueues every document that is owed a sync: rows changed since they were indexed, rows
// Meilisearch never confirmed (it was away longer than the retry budget), and removals.
// Scheduled every few minutes and run at worker start.
import { z } from 'zod'
import { db } from '../../db/client.server.ts'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { log } from '../../app/log.server.ts'
import { pendingSyncs } from '../../search/sync.server.ts'
import { indexLater } from '../../search/index-later.server.ts'

export const searchSweep = defineJob({
  id: 'search.sweep',
  schema: z.object({}).passthrough(),
  policy: 'singleton',
  retryLimit: 2,
  handler: async () => {
    const owed = await pendingSyncs()
    if (owed.length === 0) return
    await db().transaction(async (tx) => {
      for (const item of owed) await indexLater(tx, item.kind, item.rowId)
    })
    log.info('search.sweep', { enqueued: owed.length })
  },
})
