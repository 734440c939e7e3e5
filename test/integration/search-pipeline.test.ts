// The index pipeline as the worker process runs it: real pg-boss workers with concurrency above
// one against real Meilisearch processes. A thousand sync jobs with duplicates and reordering
// leave the index equal to the database field by field; a Meilisearch killed with SIGKILL sends
// search to degraded answers and pauses indexing without failing jobs, and once it is restarted
// the index catches up with every change made meanwhile.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq, inArray, sql } from 'drizzle-orm'
import type { PgBoss } from 'pg-boss'
import { afterEach, describe, expect, it } from 'vitest'
import { createBoss } from '../../app/domains/jobs/boss.server.ts'
import { databaseUrl, db } from '../../db/client.server.ts'
import { organisations, searchDocuments } from '../../db/schema/index.ts'
import { watchSearch } from '../../search/availability.server.ts'
import { meili, resetMeili } from '../../search/client.server.ts'
import { documentId, type OfferingDoc } from '../../search/document.ts'
import { startEmbeddedMeilisearch, type RunningMeilisearch } from '../../search/embedded.ts'
import { indexLater } from '../../search/index-later.server.ts'
import { kinds } from '../../search/kinds/index.ts'
import { SearchParamsSchema, searchOfferings } from '../../search/query.server.ts'
import { offeringsIndex } from '../../search/settings.ts'
import { applySettings, pendingSyncs } from '../../search/sync.server.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { searchSweep } from '../../workers/jobs/search-sweep.ts'
import { searchSync } from '../../workers/jobs/search-sync.ts'
import { workQueue } from '../../workers/run.ts'
import { createOrg } from '../factories/index.ts'
import { must } from '../support/must.ts'

const liveUrl = process.env.MEILISEARCH_URL ?? ''
const liveKey = process.env.MEILISEARCH_KEY ?? ''
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  process.env.MEILISEARCH_URL = liveUrl
  process.env.MEILISEARCH_KEY = liveKey
  resetMeili()
})

/** Polls until `check` holds: waiting for a state, never for a stretch of time. */
async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A worker like the worker process's, in this process. */
async function startWorker(): Promise<PgBoss> {
  const boss = createBoss(databaseUrl(), 'worker')
  await boss.start()
  await workQueue(boss, searchSync)
  await workQueue(boss, searchSweep)
  cleanups.push(() => boss.stop({ graceful: true, timeout: 10_000 }))
  return boss
}

/** No sync job waiting or running (read from the jobs table: queue counts are periodic). */
async function queueIdle(): Promise<boolean> {
  const rows = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job
        where name = ${searchSync.id} and state in ('created', 'retry', 'active')`,
  )
  return rows[0]?.n === 0
}

async function meiliDoc(id: string): Promise<OfferingDoc | null> {
  return (
    meili()
      ?.index<OfferingDoc>(offeringsIndex())
      .getDocument(id)
      .catch(() => null) ?? null
  )
}

/** Jobs of the sync queue that ended failed (retried or dead-lettered). */
async function failedSyncJobs(): Promise<number> {
  const rows = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = ${searchSync.id} and state = 'failed'`,
  )
  return rows[0]?.n ?? 0
}

describe('the worker pipeline', () => {
  it('1,000 sync jobs with duplicates and reordering leave the index equal to the database', async () => {
    const orgs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createOrg(db(), { name: `批量同步机构${i}`, city: i % 2 ? '成都' : '西安' }),
      ),
    )
    await startWorker()
    // searchSync works four batches at once.
    expect(searchSync.concurrency).toBeGreaterThan(1)

    let sent = 0
    let version = 0
    // Eight writers at once, each a write and its jobs in one transaction, in random order: a
    // third change the row, the rest ask again for a document that may be queued or running.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < 1000) {
          const org = must(orgs[Math.floor(Math.random() * orgs.length)], 'an organisation')
          const changes = Math.random() < 1 / 3
          const asks = 1 + Math.floor(Math.random() * 3)
          sent += asks
          const round = ++version
          await db().transaction(async (tx) => {
            if (changes)
              await tx
                .update(organisations)
                .set({
                  description: `第 ${round} 版说明`,
                  nameEn: `Batch ${round}`,
                  city: must(['成都', '西安', '武汉'][round % 3], 'a city'),
                  updatedAt: new Date(),
                })
                .where(eq(organisations.id, org.id))
            for (let a = 0; a < asks; a++) await indexLater(tx, 'organisation', org.id)
          })
        }
      }),
    )
    expect(sent).toBeGreaterThanOrEqual(1000)

    await until('the sync queue drains', () => queueIdle())
    expect(await failedSyncJobs()).toBe(0)
    for (const org of orgs) {
      const built = await kinds.organisation.build(db(), org.id)
      const indexed = await meiliDoc(documentId('organisation', org.id))
      // Field by field: what Meilisearch holds is what the current row builds.
      expect(indexed).toEqual(JSON.parse(JSON.stringify(built?.doc)))
    }
    const ids = new Set(orgs.map((o) => o.id))
    expect((await pendingSyncs()).filter((p) => ids.has(p.rowId))).toEqual([])
  }, 180_000)

  it('Meilisearch killed: degraded answers, indexing pauses; restarted: it catches up', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-meili-'))
    const port = await freePort()
    let running: RunningMeilisearch | null = await startEmbeddedMeilisearch({ dataDir, port })
    if (!running) throw new Error('the Meilisearch binary ships for linux-x64: tests need it')
    cleanups.push(async () => {
      await running?.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })
    process.env.MEILISEARCH_URL = running.url
    process.env.MEILISEARCH_KEY = running.key
    resetMeili()
    await applySettings(must(meili(), 'meilisearch'))

    const boss = await startWorker()
    let caughtUp = 0
    const watcher = watchSearch({
      intervalMs: 100,
      onBack: async () => {
        // What the worker process does when Meilisearch is back.
        await applySettings(must(meili(), 'meilisearch'))
        await boss.send(searchSweep.id, {})
        caughtUp++
      },
    })
    cleanups.push(async () => watcher.stop())

    const org = await createOrg(db(), { name: '宁波精密测量研究院', city: '宁波' })
    await db().transaction((tx) => indexLater(tx, 'organisation', org.id))
    const id = documentId('organisation', org.id)
    await until('the organisation is indexed', async () => (await meiliDoc(id)) !== null)

    const pid = must(running.pid, 'the meilisearch pid')
    process.kill(pid, 'SIGKILL')
    await until('the process is gone', async () => {
      try {
        process.kill(pid, 0)
        return false
      } catch {
        return true
      }
    })

    // Changes go on being written while it is away.
    const failedBefore = await failedSyncJobs()
    await db().transaction(async (tx) => {
      await tx
        .update(organisations)
        .set({ name: '宁波精密计量研究院', updatedAt: new Date() })
        .where(eq(organisations.id, org.id))
      await indexLater(tx, 'organisation', org.id)
    })
    const added = await createOrg(db(), { name: '宁波断线期间加入的实验室', city: '宁波' })
    await db().transaction((tx) => indexLater(tx, 'organisation', added.id))
    await until('the jobs have run against the mirror', () => queueIdle())
    // Paused, not failing: no job used up a retry on the outage.
    expect(await failedSyncJobs()).toBe(failedBefore)

    const degraded = await searchOfferings(SearchParamsSchema.parse({ q: '宁波', city: '宁波' }))
    expect(degraded.degraded).toBe(true)
    expect(degraded.hits.map((h) => h.id)).toEqual(
      expect.arrayContaining([id, documentId('organisation', added.id)]),
    )
    const hit = degraded.hits.find((h) => h.id === id)
    expect(hit?.title.map((part) => part.text).join('')).toBe('宁波精密计量研究院')
    const owed = await pendingSyncs()
    expect(owed).toEqual(
      expect.arrayContaining([
        { kind: 'organisation', rowId: org.id },
        { kind: 'organisation', rowId: added.id },
      ]),
    )

    // Restarted on the same port and data: the watcher sees it and the sweep sends what is owed.
    running = await startEmbeddedMeilisearch({ dataDir, port })
    await until(
      'the index has caught up',
      async () =>
        (await meiliDoc(id))?.title === '宁波精密计量研究院' &&
        (await meiliDoc(documentId('organisation', added.id))) !== null,
    )
    expect(caughtUp).toBe(1)
    const live = await searchOfferings(SearchParamsSchema.parse({ q: '宁波', city: '宁波' }))
    expect(live.degraded).toBe(false)
    expect(live.hits.map((h) => h.id)).toEqual(
      expect.arrayContaining([id, documentId('organisation', added.id)]),
    )
    // Meilisearch serves a document before the sync records its confirmation in the mirror.
    await until('the mirror records both as indexed', async () => {
      const mirror = await db()
        .select({ indexed: searchDocuments.indexedVersion, source: searchDocuments.sourceVersion })
        .from(searchDocuments)
        .where(inArray(searchDocuments.rowId, [org.id, added.id]))
      return mirror.length === 2 && mirror.every((m) => m.indexed?.getTime() === m.source.getTime())
    })
  }, 180_000)
})
