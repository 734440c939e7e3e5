// Instrument listings in the offerings index, against the real Meilisearch: a published listing
// of a verified lab appears with its facets and leaves when unpublished; an expired certificate
// does not count as accredited; the equipment filters answer the same in degraded search; and
// the vocabulary's synonyms find the demo SEM.
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { equipmentListings, searchDocuments } from '../../db/schema/index.ts'
import { demoListings } from '../../db/seed/demo-data.ts'
import { setNow } from '../../app/clock.server.ts'
import { PriceListSchema } from '../../app/domains/equipment/price-blocks.schema.ts'
import { meili } from '../../search/client.server.ts'
import type { OfferingDoc } from '../../search/document.ts'
import {
  SearchParamsSchema,
  searchOfferings,
  searchPostgres,
  type SearchResult,
} from '../../search/query.server.ts'
import { offeringsIndex } from '../../search/settings.ts'
import { applySettings, syncDocument } from '../../search/sync.server.ts'
import { refreshDocuments } from '../../workers/jobs/search-refresh.ts'
import { createListing } from '../factories/equipment.ts'
import { createOrg } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const params = (over: Record<string, unknown>) => SearchParamsSchema.parse(over)
const engines = [
  ['meilisearch', searchOfferings],
  ['postgres', searchPostgres],
] as const
const ids = (r: SearchResult) => r.hits.map((h) => h.id)
// Each test's listings sit in a city of their own, so other tests' documents never count.
const uniqueCity = () => `测试市${Math.floor(Math.random() * 1e9)}`

const hourly = (priceFen: number) =>
  PriceListSchema.parse({
    blocks: { hour: { priceFen } },
    cancellation: { freeUntilHours: 24, lateFeeBp: 0 },
  })

async function meiliDoc(id: string): Promise<OfferingDoc | null> {
  return must(meili(), 'meilisearch')
    .index<OfferingDoc>(offeringsIndex())
    .getDocument(id)
    .catch(() => null)
}

beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

afterEach(() => setNow(null))

describe('equipment in the offerings index', () => {
  it('a published listing appears with its facets; unpublished, it disappears', async () => {
    const city = uniqueCity()
    const listing = await createListing(db(), {
      city,
      address: '某某路 88 号 3 楼 301 室',
      accreditations: [{ kind: 'CNAS', certificateNo: 'CNAS L99999', expiresOn: '2099-12-31' }],
      serviceModes: ['operator_run', 'sample_testing'],
      vouchersAccepted: true,
      priceBlocks: PriceListSchema.parse({
        blocks: { hour: { priceFen: 48_000 }, half_day: { hours: 4, priceFen: 160_000 } },
        depositFen: 50_000,
        cancellation: { freeUntilHours: 24, lateFeeBp: 2_000 },
      }),
    })
    const id = `equipment-${listing.id}`
    expect(await syncDocument('equipment', listing.id)).toBe('indexed')

    const doc = must(await meiliDoc(id), 'the indexed document')
    expect(doc).toMatchObject({
      kind: 'equipment',
      url: `/equipment/${listing.slug}`,
      title: listing.name,
      city,
      category: 'testing_inspection',
      accredited: true,
      serviceModes: ['operator_run', 'sample_testing'],
      vouchersAccepted: true,
      // The half day at ¥1,600 for 4 hours is the cheapest hourly rate.
      priceKind: 'per_hour',
      price: 40_000,
    })
    expect(doc.facts).toMatchObject({ category: 'testing_inspection', accredited: 'yes' })
    expect(doc.keywords).toEqual(expect.arrayContaining(['蔡司', 'Sigma 300', '检验检测']))
    // The street address, the deposit and the cancellation rules stay out of the index.
    const stored = JSON.stringify(doc)
    expect(stored).not.toContain('某某路')
    expect(stored).not.toContain('50000')
    expect(stored).not.toContain('lateFee')

    for (const [engine, search] of engines) {
      const r = await search(params({ kind: 'equipment', city }))
      expect(ids(r), engine).toEqual([id])
      expect(r.facets.category, engine).toEqual({ testing_inspection: 1 })
      expect(r.facets.accredited, engine).toEqual({ true: 1 })
      expect(r.facets.vouchersAccepted, engine).toEqual({ true: 1 })
      expect(r.facets.serviceModes, engine).toEqual({ operator_run: 1, sample_testing: 1 })
    }

    await db()
      .update(equipmentListings)
      .set({ status: 'unpublished', updatedAt: new Date() })
      .where(eq(equipmentListings.id, listing.id))
    expect(await syncDocument('equipment', listing.id)).toBe('removed')
    expect(await meiliDoc(id)).toBeNull()
    for (const [engine, search] of engines)
      expect(ids(await search(params({ kind: 'equipment', city }))), engine).toEqual([])
  })

  it('leaves out drafts and listings of organisations that are not verified', async () => {
    const city = uniqueCity()
    const draft = await createListing(db(), { city, status: 'draft', publishedAt: null })
    const pending = await createOrg(db(), { verified: false })
    const unverified = await createListing(db(), { city, orgId: pending.id })
    expect(await syncDocument('equipment', draft.id)).toBe('removed')
    expect(await syncDocument('equipment', unverified.id)).toBe('removed')
    expect(ids(await searchOfferings(params({ kind: 'equipment', city })))).toEqual([])
  })

  it('an expired certificate does not count as accredited; one expiring today still does', async () => {
    // 2026-03-10 23:30 in Shanghai: still the 10th there, already the 10th in UTC too.
    setNow(new Date('2026-03-10T15:30:00Z'))
    const city = uniqueCity()
    const expired = await createListing(db(), {
      city,
      accreditations: [{ kind: 'CMA', certificateNo: '2100123', expiresOn: '2026-03-09' }],
    })
    const lastDay = await createListing(db(), {
      city,
      accreditations: [{ kind: 'CMA', certificateNo: '2100124', expiresOn: '2026-03-10' }],
    })
    await syncDocument('equipment', expired.id)
    await syncDocument('equipment', lastDay.id)
    for (const [engine, search] of engines) {
      const r = await search(params({ kind: 'equipment', city, accredited: '1' }))
      expect(ids(r), engine).toEqual([`equipment-${lastDay.id}`])
    }
    expect((await meiliDoc(`equipment-${expired.id}`))?.facts.accredited).toBe('no')

    // Half an hour later it is the 11th in Shanghai: the daily refresh takes the badge away
    // with no write to the listing.
    setNow(new Date('2026-03-10T16:30:00Z'))
    expect(await refreshDocuments()).toBeGreaterThanOrEqual(1)
    await drainJobs()
    for (const [engine, search] of engines) {
      const r = await search(params({ kind: 'equipment', city, accredited: '1' }))
      expect(ids(r), engine).toEqual([])
    }
  })

  it('filters by category, service mode, vouchers and price kind, and sorts by price, in both engines', async () => {
    const city = uniqueCity()
    const sem = await createListing(db(), {
      city,
      serviceModes: ['operator_run'],
      vouchersAccepted: true,
      priceBlocks: hourly(48_000),
    })
    const printer = await createListing(db(), {
      city,
      name: '光固化 3D 打印机',
      category: 'prototyping',
      serviceModes: ['self_service'],
      priceBlocks: hourly(15_000),
    })
    const xrd = await createListing(db(), {
      city,
      name: 'X射线衍射仪',
      serviceModes: ['sample_testing'],
      vouchersAccepted: true,
      priceBlocks: PriceListSchema.parse({
        blocks: { sample: { priceFen: 100 } },
        cancellation: { freeUntilHours: 24, lateFeeBp: 0 },
      }),
    })
    for (const l of [sem, printer, xrd]) await syncDocument('equipment', l.id)
    const doc = (l: { id: string }) => `equipment-${l.id}`
    for (const [engine, search] of engines) {
      const base = { kind: 'equipment', city }
      expect(ids(await search(params({ ...base, category: 'prototyping' }))), engine).toEqual([
        doc(printer),
      ])
      expect(ids(await search(params({ ...base, mode: 'sample_testing' }))), engine).toEqual([
        doc(xrd),
      ])
      expect(
        ids(await search(params({ ...base, vouchers: '1', sort: 'newest' }))).sort(),
        engine,
      ).toEqual([doc(sem), doc(xrd)].sort())
      expect(ids(await search(params({ ...base, priceKind: 'per_sample' }))), engine).toEqual([
        doc(xrd),
      ])
      // An hour is never ranked against a sample: hourly prices first, cheapest first, then
      // per-sample ones, although the sample costs less than either hour.
      expect(ids(await search(params({ ...base, sort: 'price' }))), engine).toEqual([
        doc(printer),
        doc(sem),
        doc(xrd),
      ])
      const facets = (await search(params(base))).facets
      expect(facets.category, engine).toEqual({ testing_inspection: 2, prototyping: 1 })
      expect(facets.vouchersAccepted, engine).toEqual({ true: 2, false: 1 })
    }
  })

  it('finds the demo SEM for 电镜 and SEM, in Meilisearch and in degraded search', async () => {
    const demo = must(
      demoListings.find((l) => l.slug === 'cas-jiangnan-fe-sem'),
      'the demo SEM',
    )
    const org = await createOrg(db(), { type: 'institute', city: demo.city })
    const listing = await createListing(db(), {
      orgId: org.id,
      name: demo.name,
      manufacturer: demo.manufacturer,
      model: demo.model,
      specs: [...demo.specs],
      city: demo.city,
      segments: [...demo.segments],
      serviceModes: [...demo.serviceModes],
      accreditations: [...demo.accreditations],
      priceBlocks: PriceListSchema.parse(demo.priceList),
    })
    await syncDocument('equipment', listing.id)
    for (const q of ['电镜', 'SEM', '扫描电镜']) {
      for (const [engine, search] of engines) {
        const r = await search(params({ q, kind: 'equipment' }))
        expect(ids(r), `${engine}: ${q}`).toContain(`equipment-${listing.id}`)
      }
    }
    const [row] = await db()
      .select()
      .from(searchDocuments)
      .where(eq(searchDocuments.id, `equipment-${listing.id}`))
    expect(row?.kind).toBe('equipment')
  })
})
