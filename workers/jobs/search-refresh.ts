// The daily refresh: some fields of a document change with time alone (a deadline passes, a
// certificate expires, days left), with no write to enqueue a sync. Timed transitions re-index
// what they move; this catches the rest by rebuilding every document with the clock's "now"
// and re-indexing those that come out different from what the mirror holds.
import { isDeepStrictEqual } from 'node:util'
import { inArray } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '../../db/client.server.ts'
import { searchDocuments } from '../../db/schema/index.ts'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { log } from '../../app/log.server.ts'
import { documentId, offeringKinds } from '../../search/document.ts'
import { indexLater } from '../../search/index-later.server.ts'
import { kinds } from '../../search/kinds/index.ts'

const CHUNK = 200

export async function refreshDocuments(): Promise<number> {
  let stale = 0
  for (const kind of offeringKinds) {
    const rows = await kinds[kind].versions(db())
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK)
      const mirrored = new Map(
        (
          await db()
            .select({ id: searchDocuments.id, doc: searchDocuments.doc })
            .from(searchDocuments)
            .where(
              inArray(
                searchDocuments.id,
                chunk.map((r) => documentId(kind, r.rowId)),
              ),
            )
        ).map((m) => [m.id, m.doc]),
      )
      const owed: string[] = []
      for (const { rowId } of chunk) {
        const built = await kinds[kind].build(db(), rowId)
        // Compared as stored: JSON drops what is undefined.
        const fresh: unknown = built ? JSON.parse(JSON.stringify(built.doc)) : null
        if (!isDeepStrictEqual(fresh, mirrored.get(documentId(kind, rowId)) ?? null))
          owed.push(rowId)
      }
      if (owed.length === 0) continue
      stale += owed.length
      await db().transaction(async (tx) => {
        for (const rowId of owed) await indexLater(tx, kind, rowId)
      })
    }
  }
  return stale
}

export const searchRefresh = defineJob({
  id: 'search.refresh',
  schema: z.object({}).passthrough(),
  policy: 'singleton',
  retryLimit: 2,
  handler: async () => {
    const stale = await refreshDocuments()
    log.info('search.refresh', { stale })
  },
})
