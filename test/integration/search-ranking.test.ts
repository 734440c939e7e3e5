// How search orders what it finds, against the real Meilisearch: a listing of the type the query
// names comes before one that only mentions the name; at equal relevance an accredited, active
// listing comes before a stale one; the tiers page and count as one list.
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { meili } from '../../search/client.server.ts'
import { SearchParamsSchema, searchOfferings } from '../../search/query.server.ts'
import { applySettings, syncDocument } from '../../search/sync.server.ts'
import { createListing } from '../factories/equipment.ts'
import { must } from '../support/must.ts'

// Each test's listings sit in a city of their own, so other tests' documents never count.
const uniqueCity = () => `排序市${Math.floor(Math.random() * 1e9)}`
const day = 86_400_000

async function listed(overrides: Parameters<typeof createListing>[1]) {
  const listing = await createListing(db(), overrides)
  expect(await syncDocument('equipment', listing.id)).toBe('indexed')
  return listing
}

async function titles(q: string, city: string, extra: Record<string, unknown> = {}) {
  const result = await searchOfferings(SearchParamsSchema.parse({ q, city, ...extra }))
  return { titles: result.hits.map((h) => h.title.map((p) => p.text).join('')), result }
}

beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

describe('search ranking', () => {
  it('puts a listing of the named type before one whose title merely mentions the name', async () => {
    const city = uniqueCity()
    // The detector's title says SEM word for word; the microscope's title never does.
    await listed({ city, name: 'SEM 配套能谱探测器', typeId: 'eds', model: 'Ultim Max 65' })
    await listed({ city, name: '高分辨电子显微镜', typeId: 'sem', model: 'Sigma 300' })
    for (const q of ['SEM', '扫描电镜', 'scanning electron microscope']) {
      const { titles: found } = await titles(q, city)
      expect(found[0], q).toBe('高分辨电子显微镜')
    }
    // A query that names no type keeps plain relevance: the detector's title matches best.
    const { titles: plain } = await titles('能谱探测器', city)
    expect(plain[0]).toBe('SEM 配套能谱探测器')
  })

  it('ranks an accredited, active listing before a stale one that matches as well', async () => {
    const city = uniqueCity()
    const old = new Date(Date.now() - 500 * day)
    // The stale one is the newer listing, so it would win on age alone.
    await listed({
      city,
      name: '场发射扫描电镜 甲',
      typeId: 'sem',
      accreditations: [{ kind: 'CNAS', certificateNo: 'CNAS L10001', expiresOn: '2099-12-31' }],
      createdAt: new Date(Date.now() - 900 * day),
      publishedAt: new Date(Date.now() - 900 * day),
    })
    await listed({
      city,
      name: '场发射扫描电镜 乙',
      typeId: 'sem',
      createdAt: old,
      publishedAt: old,
      updatedAt: old,
    })
    const { titles: found } = await titles('扫描电镜', city)
    expect(found).toEqual(['场发射扫描电镜 甲', '场发射扫描电镜 乙'])
  })

  it('pages and counts the type tier and the rest as one list', async () => {
    const city = uniqueCity()
    for (let i = 0; i < 3; i++)
      await listed({ city, name: `X射线衍射仪 ${i}`, typeId: 'xrd', model: `D${i}` })
    for (let i = 0; i < 2; i++)
      await listed({
        city,
        name: `XRD 制样磨抛机 ${i}`,
        typeId: 'grinding-polishing',
        model: `H${i}`,
      })
    const first = await titles('XRD', city, { perPage: 2, page: 1 })
    const second = await titles('XRD', city, { perPage: 2, page: 2 })
    const third = await titles('XRD', city, { perPage: 2, page: 3 })
    expect(first.result.total).toBe(5)
    expect(first.result.totalPages).toBe(3)
    expect(first.result.facets.city[city]).toBe(5)
    const all = [...first.titles, ...second.titles, ...third.titles]
    expect(new Set(all).size).toBe(5)
    expect(all.slice(0, 3).every((t) => t.startsWith('X射线衍射仪'))).toBe(true)
    expect(all.slice(3).every((t) => t.startsWith('XRD 制样磨抛机'))).toBe(true)
  })
})
