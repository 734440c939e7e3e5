// The offerings index against the real Meilisearch binary: documents follow their rows,
// duplicates and concurrency cannot leave an old version last, an outage loses nothing,
// highlights are text, vocabulary synonyms work, and degraded search answers the same.
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { organisations, searchDocuments } from '../../db/schema/index.ts'
import { transitionOrg } from '../../app/domains/orgs/decide-verification.server.ts'
import { meili, resetMeili } from '../../search/client.server.ts'
import type { OfferingDoc } from '../../search/document.ts'
import { SearchParamsSchema, searchOfferings, searchPostgres } from '../../search/query.server.ts'
import { reindex } from '../../search/reindex.server.ts'
import { offeringsIndex } from '../../search/settings.ts'
import { applySettings, confirm, pendingSyncs, syncDocument } from '../../search/sync.server.ts'
import { refreshDocuments } from '../../workers/jobs/search-refresh.ts'
import { createOrg, createUser, randomEmail } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const liveUrl = process.env.MEILISEARCH_URL ?? ''
// Each test worker gets an index of its own inside the shared Meilisearch.
const params = (over: Record<string, unknown>) => SearchParamsSchema.parse(over)

async function meiliDoc(id: string): Promise<OfferingDoc | null> {
  const client = meili()
  if (!client) throw new Error('no meilisearch')
  return client
    .index<OfferingDoc>(offeringsIndex())
    .getDocument(id)
    .catch(() => null)
}

beforeAll(async () => {
  const client = meili()
  if (!client) throw new Error('the Meilisearch binary ships for linux-x64: tests need it')
  await applySettings(client)
})

afterEach(() => {
  process.env.MEILISEARCH_URL = liveUrl
  resetMeili()
})

describe('sync', () => {
  it('a verified organisation appears, changes with its row, and disappears when suspended', async () => {
    const verifier = await createUser(db(), { email: randomEmail('v') })
    const org = await createOrg(db(), {
      verified: false,
      name: '南京晶格检测技术有限公司',
      city: '南京',
      segments: ['3.6'],
    })
    await transitionOrg({
      orgId: org.id,
      action: 'verify',
      actorUserId: verifier.id,
      actorRoles: ['verifier'],
      ip: '1',
    })
    await drainJobs()
    expect((await meiliDoc(`organisation-${org.id}`))?.title).toBe('南京晶格检测技术有限公司')

    await db()
      .update(organisations)
      .set({ name: '南京晶格材料检测有限公司', updatedAt: new Date() })
      .where(eq(organisations.id, org.id))
    await syncDocument('organisation', org.id)
    expect((await meiliDoc(`organisation-${org.id}`))?.title).toBe('南京晶格材料检测有限公司')

    await transitionOrg({
      orgId: org.id,
      action: 'suspend',
      actorUserId: verifier.id,
      actorRoles: ['moderator'],
      reason: '资质过期',
      ip: '1',
    })
    await drainJobs()
    expect(await meiliDoc(`organisation-${org.id}`)).toBeNull()
    expect(
      await db().select().from(searchDocuments).where(eq(searchDocuments.rowId, org.id)),
    ).toHaveLength(0)
  })

  it('duplicate and concurrent syncs leave the index equal to the database', async () => {
    const orgs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createOrg(db(), { name: `并发测试机构${i}`, city: '杭州' }),
      ),
    )
    const calls: (() => Promise<unknown>)[] = []
    for (let round = 0; round < 8; round++) {
      for (const org of orgs) {
        calls.push(async () => {
          await db()
            .update(organisations)
            .set({ description: `版本 ${round}`, updatedAt: new Date() })
            .where(eq(organisations.id, org.id))
          await syncDocument('organisation', org.id)
        })
        calls.push(() => syncDocument('organisation', org.id))
      }
    }
    calls.sort(() => Math.random() - 0.5)
    // Four at a time: the same document is often being synced twice at once.
    const queue = [...calls]
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await next()
      }),
    )
    for (const org of orgs) {
      const row = await db()
        .select()
        .from(organisations)
        .where(eq(organisations.id, org.id))
        .then((r) => r[0])
      const doc = await meiliDoc(`organisation-${org.id}`)
      expect(doc?.summary).toBe(row?.description)
    }
    expect((await pendingSyncs()).filter((p) => orgs.some((o) => o.id === p.rowId))).toEqual([])
  }, 120_000)

  it('an outage longer than the retries loses nothing: the sweep catches up', async () => {
    const org = await createOrg(db(), { name: '断线期间新建的机构', city: '合肥' })
    process.env.MEILISEARCH_URL = 'http://127.0.0.1:9'
    resetMeili()
    await expect(syncDocument('organisation', org.id)).rejects.toThrow()
    // Degraded search already knows it.
    const degraded = await searchOfferings(params({ q: '断线期间' }))
    expect(degraded.degraded).toBe(true)
    expect(degraded.hits.map((h) => h.id)).toContain(`organisation-${org.id}`)
    process.env.MEILISEARCH_URL = liveUrl
    resetMeili()
    const owed = await pendingSyncs()
    expect(owed).toContainEqual({ kind: 'organisation', rowId: org.id })
    for (const item of owed) await syncDocument(item.kind, item.rowId)
    expect((await meiliDoc(`organisation-${org.id}`))?.title).toBe('断线期间新建的机构')
  })
})

describe('queries', () => {
  it('returns highlights as text, so markup in a document is never HTML', async () => {
    const org = await createOrg(db(), {
      name: '<img src=x onerror=alert(1)> 光谱实验室',
      city: '武汉',
    })
    await syncDocument('organisation', org.id)
    const result = await searchOfferings(params({ q: '光谱实验室' }))
    const hit = result.hits.find((h) => h.id === `organisation-${org.id}`)
    expect(hit?.title.some((p) => p.mark)).toBe(true)
    expect(hit?.title.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)> 光谱实验室')
  })

  it('finds 扫描电子显微镜 for 电镜, 扫描电镜 and SEM, in Meilisearch and in degraded search', async () => {
    const org = await createOrg(db(), {
      name: '苏州微观表征测试中心',
      description: '配备场发射扫描电子显微镜和能谱仪，提供材料微观形貌表征服务。',
      city: '苏州',
    })
    const other = await createOrg(db(), {
      name: '无锡透射分析中心',
      description: '提供透射电子显微镜分析。',
      city: '无锡',
    })
    await syncDocument('organisation', org.id)
    await syncDocument('organisation', other.id)
    for (const q of ['电镜', '扫描电镜', 'SEM']) {
      const live = await searchOfferings(params({ q }))
      expect(live.degraded).toBe(false)
      expect(
        live.hits.map((h) => h.id),
        `meilisearch: ${q}`,
      ).toContain(`organisation-${org.id}`)
      const fallback = await searchPostgres(params({ q }))
      expect(
        fallback.hits.map((h) => h.id),
        `postgres: ${q}`,
      ).toContain(`organisation-${org.id}`)
    }
    // A narrower name does not find its sibling: SEM is not TEM.
    const sem = await searchOfferings(params({ q: 'SEM' }))
    expect(sem.hits.map((h) => h.id)).not.toContain(`organisation-${other.id}`)
    const broad = await searchOfferings(params({ q: '电镜' }))
    expect(broad.hits.map((h) => h.id)).toContain(`organisation-${other.id}`)
  })

  it('filters by kind, segment and city with facet counts, in both engines', async () => {
    const a = await createOrg(db(), {
      name: '青岛海工装备测试公司',
      city: '青岛',
      segments: ['2.5'],
    })
    const b = await createOrg(db(), { name: '青岛生物样本中心', city: '青岛', segments: ['4.1'] })
    await syncDocument('organisation', a.id)
    await syncDocument('organisation', b.id)
    for (const search of [searchOfferings, searchPostgres]) {
      const r = await search(params({ city: '青岛', segment: '2' }))
      expect(r.hits.map((h) => h.id)).toEqual([`organisation-${a.id}`])
      expect(r.facets.city['青岛']).toBe(1)
      const all = await search(params({ city: '青岛' }))
      expect(all.facets.segments1['2']).toBe(1)
      expect(all.facets.segments1['4']).toBe(1)
      expect(all.facets.kind['organisation']).toBe(2)
    }
  })
})

describe('daily refresh', () => {
  it('re-indexes a document whose build has changed with no write, and leaves the rest', async () => {
    const org = await createOrg(db(), { name: '每日刷新测试机构', city: '厦门' })
    const id = `organisation-${org.id}`
    await syncDocument('organisation', org.id)
    await drainJobs()
    // A document built yesterday whose time-dependent content has moved on since: the mirror
    // and the index still hold yesterday's build, the row's version is unchanged.
    const [row] = await db().select().from(searchDocuments).where(eq(searchDocuments.id, id))
    const yesterday = {
      ...(must(row, 'the mirror row').doc as unknown as OfferingDoc),
      summary: '昨日的说明',
    }
    await db()
      .update(searchDocuments)
      .set({ doc: yesterday as unknown as Record<string, unknown> })
      .where(eq(searchDocuments.id, id))
    await confirm(must(meili(), 'meilisearch').index(offeringsIndex()).addDocuments([yesterday]))
    expect((await pendingSyncs()).some((p) => p.rowId === org.id)).toBe(false)

    expect(await refreshDocuments()).toBe(1)
    await drainJobs()
    expect((await meiliDoc(id))?.summary).toBe('')
    // Nothing else differs, so a second run finds nothing to do.
    expect(await refreshDocuments()).toBe(0)
  })
})

describe('reindex', () => {
  it('rebuilds the same documents and swaps them in', async () => {
    const org = await createOrg(db(), { name: '重建索引测试机构', city: '成都' })
    await syncDocument('organisation', org.id)
    const before = await meiliDoc(`organisation-${org.id}`)
    const client = meili()
    if (!client) throw new Error('no meilisearch')
    const result = await reindex(client)
    expect(result.documents).toBeGreaterThan(0)
    expect(await meiliDoc(`organisation-${org.id}`)).toEqual(before)
  }, 120_000)
})
