// Rebuilds the whole index from Postgres into a fresh index and swaps it in atomically, so
// searches keep being answered throughout. Changes written while it was building are replayed
// afterwards.
import { and, eq } from 'drizzle-orm'
import type { Meilisearch } from 'meilisearch'
import { db } from '../db/client.server.ts'
import { searchDocuments } from '../db/schema/index.ts'
import { now } from '../app/clock.server.ts'
import { offeringKinds, type OfferingDoc } from './document.ts'
import { kinds } from './kinds/index.ts'
import { offeringsIndex } from './settings.ts'
import { applySettings, confirm, pendingSyncs, syncDocument, writeMirror } from './sync.server.ts'

const BATCH = 500

export async function reindex(
  client: Meilisearch,
): Promise<{ documents: number; replayed: number }> {
  const started = now()
  const building = `${offeringsIndex()}_build_${started.getTime()}`
  await applySettings(client, building)
  await applySettings(client, offeringsIndex())
  const confirmed: { id: string; version: Date }[] = []
  let batch: OfferingDoc[] = []
  const flush = async () => {
    if (batch.length === 0) return
    await confirm(client.index(building).addDocuments(batch, { primaryKey: 'id' }))
    batch = []
  }
  for (const kind of offeringKinds) {
    for (const { rowId } of await kinds[kind].versions(db())) {
      const built = await db().transaction(async (tx) => {
        const result = await kinds[kind].build(tx, rowId)
        if (result) await writeMirror(tx, result.doc, result.version)
        return result
      })
      if (!built) continue
      batch.push(built.doc)
      confirmed.push({ id: built.doc.id, version: built.version })
      if (batch.length >= BATCH) await flush()
    }
  }
  await flush()
  await confirm(client.swapIndexes([{ indexes: [offeringsIndex(), building], rename: false }]))
  await confirm(client.deleteIndex(building))
  for (const c of confirmed) {
    await db()
      .update(searchDocuments)
      .set({ indexedVersion: c.version })
      .where(and(eq(searchDocuments.id, c.id), eq(searchDocuments.sourceVersion, c.version)))
  }
  // Whatever changed while the new index was building, and documents the rebuild no longer
  // has (removed rows), are brought up to date in the live index now.
  const owed = await pendingSyncs()
  for (const item of owed) await syncDocument(item.kind, item.rowId)
  return { documents: confirmed.length, replayed: owed.length }
}
