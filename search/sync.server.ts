// Keeps one document true to its row: built from the current row (never from a job's payload),
// written to the Postgres mirror first, then to Meilisearch, with the version each side holds
// recorded so that a sweep can re-send whatever did not arrive.
import { eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Meilisearch } from 'meilisearch'
import { db, type Tx } from '../db/client.server.ts'
import { searchDocuments, searchTombstones } from '../db/schema/index.ts'
import { now } from '../app/clock.server.ts'
import { meili } from './client.server.ts'
import { isUnreachable, markSearchAway, searchReachable } from './availability.server.ts'
import { documentId, offeringKinds, type OfferingDoc, type OfferingKind } from './document.ts'
import { kinds } from './kinds/index.ts'
import { offeringsIndex, offeringsSettings } from './settings.ts'
import { words } from './words.ts'

/** 'mirrored-only': degraded search has it; Meilisearch is absent or away and is owed it. */
export type SyncOutcome = 'indexed' | 'removed' | 'mirrored-only'

function searchText(doc: OfferingDoc): string {
  return words(
    [doc.title, ...doc.types, doc.titleEn ?? '', ...doc.keywords, doc.summary, doc.city].join(' '),
    {
      characters: true,
    },
  ).join(' ')
}

export async function writeMirror(tx: Tx, doc: OfferingDoc, version: Date): Promise<void> {
  const values = {
    id: doc.id,
    kind: doc.kind,
    rowId: doc.rowId,
    doc: doc as unknown as Record<string, unknown>,
    words: sql`to_tsvector('simple', ${searchText(doc)})`,
    segments1: doc.segments1,
    segments2: doc.segments2,
    city: doc.city,
    status: doc.status,
    spaces: doc.spaces,
    createdAt: new Date(doc.createdAt * 1000),
    sourceVersion: version,
  }
  await tx
    .insert(searchDocuments)
    .values({ ...values, indexedVersion: null })
    .onConflictDoUpdate({ target: searchDocuments.id, set: values })
  await tx.delete(searchTombstones).where(eq(searchTombstones.id, doc.id))
}

type Waitable = {
  waitTask: (options?: {
    timeout?: number
    interval?: number
  }) => Promise<{ status: string; error?: { message?: string } | null }>
}

/**
 * Waits for Meilisearch to apply a task. Tasks run one after another there, so a task can
 * wait behind a settings change that re-indexes everything: give it a minute.
 */
export async function confirm(task: Waitable): Promise<void> {
  const done = await task.waitTask({ timeout: 60_000, interval: 50 })
  if (done.status !== 'succeeded')
    throw new Error(`meilisearch task ${done.status}: ${done.error?.message ?? ''}`)
}

/**
 * Two steps, each under a per-document advisory lock so that syncs of one document never
 * interleave, whatever the queue does: (1) build from the current row into the mirror and
 * commit, so degraded search is current even while Meilisearch is away; (2) send the mirror's
 * current state to Meilisearch and record the version it confirmed. Because step 2 sends what
 * the mirror holds at that moment, the last sync to finish always sends the newest version.
 */
const lock = (tx: Tx, id: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${id}))`)

/** Step 1: the current row into the mirror (or a tombstone when it is no longer public). */
async function mirrorDocument(kind: OfferingKind, rowId: string): Promise<void> {
  const id = documentId(kind, rowId)
  await db().transaction(async (tx) => {
    await lock(tx, id)
    const result = await kinds[kind].build(tx, rowId)
    if (!result) {
      await tx.delete(searchDocuments).where(eq(searchDocuments.id, id))
      await tx.insert(searchTombstones).values({ id, removedAt: now() }).onConflictDoNothing()
      return
    }
    await writeMirror(tx, result.doc, result.version)
  })
}

/**
 * Step 2: what the mirror holds for these documents, sent to Meilisearch in one request each
 * for additions and removals (Meilisearch applies its tasks in order, one at a time, so fewer,
 * larger tasks keep the index lag low under a stream of changes).
 */
async function pushDocuments(
  ids: string[],
): Promise<{ indexed: number; removed: number } | 'away'> {
  const client = meili()
  if (!client || !searchReachable()) return 'away'
  if (ids.length === 0) return { indexed: 0, removed: 0 }
  try {
    return await sendDocuments(client, ids)
  } catch (error) {
    // Unreachable is not this document's fault: retrying it would only use up its retries. The
    // mirror holds it unconfirmed, so the sweep run when Meilisearch is back sends it.
    if (!isUnreachable(error)) throw error
    if (!markSearchAway(error instanceof Error ? error.message : String(error))) throw error
    return 'away'
  }
}

async function sendDocuments(
  client: Meilisearch,
  ids: string[],
): Promise<{ indexed: number; removed: number }> {
  const index = client.index<OfferingDoc>(offeringsIndex())
  const unique = [...new Set(ids)].sort() // one lock order everywhere: no deadlocks
  return db().transaction(async (tx) => {
    for (const id of unique) await lock(tx, id)
    const current = await tx
      .select()
      .from(searchDocuments)
      .where(inArray(searchDocuments.id, unique))
    const present = new Set(current.map((c) => c.id))
    const removed = unique.filter((id) => !present.has(id))
    if (current.length > 0) {
      await confirm(
        index.addDocuments(
          current.map((c) => c.doc as unknown as OfferingDoc),
          { primaryKey: 'id' },
        ),
      )
      for (const c of current) {
        await tx
          .update(searchDocuments)
          .set({ indexedVersion: c.sourceVersion })
          .where(eq(searchDocuments.id, c.id))
      }
    }
    if (removed.length > 0) {
      await confirm(index.deleteDocuments(removed))
      await tx.delete(searchTombstones).where(inArray(searchTombstones.id, removed))
    }
    return { indexed: current.length, removed: removed.length }
  })
}

/**
 * Brings documents up to date. Each step runs under per-document advisory locks, so syncs of
 * one document never interleave, whatever the queue does; and because step 2 sends what the
 * mirror holds at that moment, the last sync to finish always sends the newest version.
 */
export async function syncDocuments(
  items: readonly { kind: OfferingKind; rowId: string }[],
): Promise<void> {
  // Different documents do not contend (each has its own lock), so their mirror writes run
  // side by side.
  await Promise.all(items.map((item) => mirrorDocument(item.kind, item.rowId)))
  await pushDocuments(items.map((i) => documentId(i.kind, i.rowId)))
}

export async function syncDocument(kind: OfferingKind, rowId: string): Promise<SyncOutcome> {
  await mirrorDocument(kind, rowId)
  const pushed = await pushDocuments([documentId(kind, rowId)])
  if (pushed === 'away') return 'mirrored-only'
  return pushed.removed > 0 ? 'removed' : 'indexed'
}

/** Creates the index if needed and applies the settings in code (idempotent). */
export async function applySettings(
  client: Meilisearch,
  index: string = offeringsIndex(),
): Promise<void> {
  const existing = await client.getIndex(index).catch(() => null)
  if (!existing) await confirm(client.createIndex(index, { primaryKey: 'id' }))
  await confirm(client.index(index).updateSettings(offeringsSettings()))
}

/** Everything that is owed a sync: changed rows, rows Meilisearch has not confirmed, removals. */
export async function pendingSyncs(): Promise<{ kind: OfferingKind; rowId: string }[]> {
  const owed = new Map<string, { kind: OfferingKind; rowId: string }>()
  const mirror = await db()
    .select({
      id: searchDocuments.id,
      kind: searchDocuments.kind,
      rowId: searchDocuments.rowId,
      sourceVersion: searchDocuments.sourceVersion,
    })
    .from(searchDocuments)
  const mirrored = new Map(mirror.map((m) => [m.id, m]))
  for (const kind of offeringKinds) {
    const present = new Set<string>()
    for (const { rowId, version } of await kinds[kind].versions(db())) {
      const id = documentId(kind, rowId)
      present.add(id)
      const m = mirrored.get(id)
      if (!m || m.sourceVersion.getTime() !== version.getTime()) owed.set(id, { kind, rowId })
    }
    // Mirrored documents whose row is gone or no longer public.
    for (const m of mirror)
      if (m.kind === kind && !present.has(m.id)) owed.set(m.id, { kind, rowId: m.rowId })
  }
  const unconfirmed = await db()
    .select({ id: searchDocuments.id, kind: searchDocuments.kind, rowId: searchDocuments.rowId })
    .from(searchDocuments)
    .where(
      or(
        isNull(searchDocuments.indexedVersion),
        lt(searchDocuments.indexedVersion, searchDocuments.sourceVersion),
      ),
    )
  for (const u of unconfirmed) owed.set(u.id, { kind: u.kind as OfferingKind, rowId: u.rowId })
  for (const t of await db().select().from(searchTombstones)) {
    const kind = offeringKinds.find((k) => t.id.startsWith(`${k}-`))
    if (kind) owed.set(t.id, { kind, rowId: t.id.slice(kind.length + 1) })
  }
  return [...owed.values()]
}
