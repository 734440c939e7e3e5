// Brings one offering's document up to date. Jobs for one document share a singleton key on a
// 'stately' queue, so at most one runs and one waits: duplicates collapse and no older version
// can be written last (each run reads the current row anyway).
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { offeringKinds } from '../../search/document.ts'
import { syncDocument, syncDocuments } from '../../search/sync.server.ts'

export const searchSync = defineJob({
  id: 'search.sync',
  schema: z.object({ kind: z.enum(offeringKinds), rowId: z.string().uuid() }),
  policy: 'stately',
  retryLimit: 10,
  concurrency: 4,
  batchSize: 25,
  notify: true,
  handler: async ({ kind, rowId }) => {
    await syncDocument(kind, rowId)
  },
  batchHandler: async (items) => {
    await syncDocuments(items)
  },
})
