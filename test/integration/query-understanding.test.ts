// Query understanding and search help against the real Meilisearch, through the pages that
// use them: a city named in the words is applied with a chip whose link searches all cities
// again; a search that finds nothing gets the closest types; the header's suggestions list the
// type an abbreviation names and the listings of that type.
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import * as apiSearch from '../../app/routes/api.v1.search.ts'
import * as searchPage from '../../app/routes/search.tsx'
import * as suggestRoute from '../../app/routes/search.suggest.ts'
import type { Suggestions } from '../../app/routes/search.suggest.ts'
import { meili } from '../../search/client.server.ts'
import { applySettings, syncDocument } from '../../search/sync.server.ts'
import { createListing } from '../factories/equipment.ts'
import { must } from '../support/must.ts'

const context = { ip: '10.0.0.42', nonce: 'test', requestId: 'test' }
const get = (path: string) => new Request(`http://localhost${path}`)
type Page = Exclude<Awaited<ReturnType<typeof searchPage.loader>>, Response>
const page = async (path: string) =>
  (await searchPage.loader({ request: get(path), params: {}, context })) as Page
const urlOf = (state: Record<string, string | null | undefined>) => {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(state)) if (v) qs.set(k, v)
  return `/search?${qs}`
}

type Listing = Awaited<ReturnType<typeof createListing>>
let suzhouXrd: Listing
let shenzhenXrd: Listing
let sem: Listing

beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
  const n = Math.floor(Math.random() * 1e6)
  suzhouXrd = await createListing(db(), { name: `X射线衍射仪 苏${n}`, city: '苏州', typeId: 'xrd' })
  shenzhenXrd = await createListing(db(), {
    name: `X射线衍射仪 深${n}`,
    city: '深圳',
    typeId: 'xrd',
  })
  sem = await createListing(db(), {
    name: `场发射扫描电子显微镜 ${n}`,
    city: '合肥',
    typeId: 'sem',
  })
  for (const l of [suzhouXrd, shenzhenXrd, sem])
    expect(await syncDocument('equipment', l.id)).toBe('indexed')
})

describe('query understanding on the search page', () => {
  it('"XRD 苏州" searches XRD in Suzhou, and the chip gives back all cities', async () => {
    const found = await page(urlOf({ q: 'XRD 苏州' }))
    expect(found.params).toMatchObject({ q: 'XRD', city: '苏州' })
    const urls = found.result.hits.map((h) => h.url)
    expect(urls[0]).toBe(`/equipment/${suzhouXrd.slug}`)
    expect(urls).not.toContain(`/equipment/${shenzhenXrd.slug}`)
    expect(found.result.hits.every((h) => h.city === '苏州')).toBe(true)

    const chip = must(
      found.chips.find((c) => c.kind === 'city'),
      'the city chip',
    )
    expect(chip).toMatchObject({ value: '苏州', applied: true })
    // The chip's × as the page builds it: the same search without the city and without 苏州.
    const all = await page(urlOf({ q: chip.link.q, [chip.link.param]: chip.link.value }))
    expect(all.params.city).toBeUndefined()
    expect(all.chips).toEqual([])
    expect(all.result.hits.map((h) => h.url)).toEqual(
      expect.arrayContaining([`/equipment/${suzhouXrd.slug}`, `/equipment/${shenzhenXrd.slug}`]),
    )
  })

  it('a query that is only a city stays a text search, the city offered', async () => {
    const found = await page(urlOf({ q: '苏州' }))
    expect(found.params.city).toBeUndefined()
    expect(found.params.q).toBe('苏州')
    expect(found.chips).toMatchObject([{ kind: 'city', value: '苏州', applied: false }])
  })

  it('the public API applies the city and says so', async () => {
    const res = (await apiSearch.loader({
      request: get(`/api/v1/search?${new URLSearchParams({ q: 'XRD 苏州' })}`),
      params: {},
      context,
    })) as Response
    const body = (await res.json()) as { understood: unknown; hits: { url: string }[] }
    expect(body.understood).toEqual({ city: '苏州', segment: null })
    expect(body.hits[0]?.url).toMatch(new RegExp(`/equipment/${suzhouXrd.slug}$`))
  })
})

describe('zero results', () => {
  it('a search that finds nothing offers the closest types instead', async () => {
    // No space is called anything like it, so the search finds nothing.
    const found = await page(urlOf({ q: '扫瞄电境', kind: 'space' }))
    expect(found.result.total).toBe(0)
    expect(must(found.help, 'help').closest[0]).toMatchObject({ id: 'sem', abbreviation: 'SEM' })
  })

  it('with a filter applied, nothing found keeps the filter to drop', async () => {
    const found = await page(urlOf({ q: 'SEM', city: '拉萨' }))
    expect(found.result.total).toBe(0)
    expect(found.params.city).toBe('拉萨')
    expect(must(found.help, 'help').closest.map((t) => t.id)).toEqual(['sem'])
  })
})

describe('/search/suggest', () => {
  it('SEM lists the scanning electron microscope type first and SEM listings', async () => {
    const res = (await suggestRoute.loader({
      request: get('/search/suggest?q=SEM'),
      params: {},
      context,
    })) as Response
    const body = (await res.json()) as Suggestions
    expect(body.types[0]).toMatchObject({ id: 'sem', zh: '扫描电子显微镜', abbreviation: 'SEM' })
    expect(body.types[0]?.href).toBe(`/search?${new URLSearchParams({ q: '扫描电子显微镜' })}`)
    expect(body.types.length).toBeLessThanOrEqual(3)
    expect(body.hits.length).toBeLessThanOrEqual(5)
    expect(body.hits.map((h) => h.url)).toContain(`/equipment/${sem.slug}`)
    expect(body.hits.find((h) => h.url === `/equipment/${sem.slug}`)).toMatchObject({
      kind: 'equipment',
      city: '合肥',
    })
  })

  it('an empty box suggests nothing', async () => {
    const res = (await suggestRoute.loader({
      request: get('/search/suggest?q=%20'),
      params: {},
      context,
    })) as Response
    expect(await res.json()).toEqual({ q: '', types: [], hits: [] })
  })
})
