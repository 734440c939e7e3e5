// Instrument listings by their owners, against real PostgreSQL: the form as a browser posts it,
// drafts, publishing (which needs prices and opening hours) and unpublishing through the listing
// machine, the audit trail, the search sync job, and strangers kept out.
import { parseWithZod } from '@conform-to/zod/v4'
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { auditLog, equipmentListings } from '../../db/schema/index.ts'
import {
  listingFormSchema,
  type ListingValues,
} from '../../app/domains/equipment/listing-form.schema.ts'
import { setListingPublished } from '../../app/domains/equipment/publish-listing.server.ts'
import { createListing, updateListing } from '../../app/domains/equipment/save-listing.server.ts'
import { addOrgMember, createOrg, createUser } from '../factories/index.ts'

const TODAY = '2026-09-01'

/** The form as a browser without JavaScript posts it; `extra` overrides or adds fields. */
function post(extra: Record<string, string | string[]> = {}): FormData {
  const fields: Record<string, string | string[]> = {
    name: '场发射扫描电子显微镜',
    category: 'testing_inspection',
    serviceModes: ['operator_run', 'sample_testing'],
    manufacturer: '蔡司',
    model: 'Sigma 300',
    'specs[0].key': '分辨率',
    'specs[0].value': '1.2',
    'specs[0].unit': 'nm',
    'specs[1].key': '',
    'specs[1].value': '',
    city: '苏州',
    address: '苏州工业园区若水路 388 号',
    segments: ['3.6'],
    hourYuan: '350',
    hourMemberYuan: '280.50',
    halfDayYuan: '1,200',
    halfDayHours: '4',
    sampleYuan: '180',
    depositYuan: '',
    cancelFreeHours: '24',
    cancelLateFeePercent: '20',
    capacity: '2',
    changeoverMinutes: '15',
    leadTimeHours: '24',
    samplesPerDay: '40',
    'hours.mon.open': 'on',
    'hours.mon.from': '09:00',
    'hours.mon.to': '17:30',
    'hours.tue.from': '09:00',
    'hours.tue.to': '17:00',
    blackoutDates: '2026-10-01，2026-10-02',
    bookingMode: 'request',
    vouchersAccepted: 'on',
    ...extra,
  }
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
  return fd
}

function parse(fd: FormData) {
  return parseWithZod(fd, { schema: listingFormSchema(TODAY) })
}

function values(fd: FormData = post()): ListingValues {
  const s = parse(fd)
  if (s.status !== 'success') throw new Error(JSON.stringify(s.reply().error))
  return s.value
}

function errorsOf(fd: FormData): Record<string, string[] | null> {
  const s = parse(fd)
  expect(s.status).toBe('error')
  return s.reply().error ?? {}
}

async function lab() {
  const owner = await createUser(db())
  const org = await createOrg(db(), { type: 'institute', ownerId: owner.id })
  return { owner, org }
}

async function syncJobs(listingId: string): Promise<number> {
  const rows = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job
        where name = 'search.sync' and singleton_key = ${`equipment:${listingId}`}`,
  )
  return rows[0]?.n ?? 0
}

async function row(id: string) {
  const [r] = await db().select().from(equipmentListings).where(eq(equipmentListings.id, id))
  if (!r) throw new Error('listing gone')
  return r
}

describe('the listing form', () => {
  it('turns yuan into fen, keeps only filled rows and reads the open days', () => {
    const v = values()
    expect(v.priceList?.blocks.hour).toEqual({ priceFen: 35_000, memberPriceFen: 28_050 })
    expect(v.priceList?.blocks.half_day).toMatchObject({ priceFen: 120_000, hours: 4 })
    expect(v.priceList?.cancellation).toEqual({ freeUntilHours: 24, lateFeeBp: 2000 })
    expect(v.specs).toEqual([{ key: '分辨率', value: '1.2', unit: 'nm' }])
    // Tuesday has times but is not ticked open.
    expect(v.openingHours).toMatchObject({ mon: [['09:00', '17:30']], tue: [], sun: [] })
    expect(v.blackoutDates).toEqual(['2026-10-01', '2026-10-02'])
    expect(v.vouchersAccepted).toBe(true)
    expect(v.instantBooking).toBe(false)
  })

  it('names the field of each mistake', () => {
    expect(errorsOf(post({ hourYuan: '三百' }))).toMatchObject({
      hourYuan: ['listings:errors.price'],
    })
    expect(errorsOf(post({ minHours: '8', maxHours: '2' }))).toMatchObject({
      maxHours: ['listings:errors.prices.minAboveMax'],
    })
    expect(errorsOf(post({ hourMemberYuan: '400' }))).toMatchObject({
      hourMemberYuan: ['listings:errors.prices.memberPriceAbovePrice'],
    })
    expect(errorsOf(post({ 'hours.mon.to': '08:00' }))).toMatchObject({
      'hours.mon.from': ['listings:errors.hoursRange'],
    })
    expect(errorsOf(post({ 'specs[1].key': '放大倍数' }))).toMatchObject({
      'specs[1].value': ['listings:errors.specIncomplete'],
    })
    expect(errorsOf(post({ serviceModes: [], samplesPerDay: '' }))).toMatchObject({
      serviceModes: ['listings:errors.serviceModesRequired'],
    })
    expect(errorsOf(post({ blackoutDates: '2026-02-30' }))).toMatchObject({
      blackoutDates: ['listings:errors.blackoutDates'],
    })
  })

  // An expired certificate is refused rather than saved with a warning: bookers rely on the
  // CMA/CNAS mark on their reports, and a listing must not claim one it cannot give.
  it('refuses an expired accreditation and accepts one valid today', () => {
    const cma = (expiresOn: string) =>
      post({
        'accreditations.CMA.certificateNo': '201512345678',
        'accreditations.CMA.expiresOn': expiresOn,
      })
    expect(errorsOf(cma('2026-08-31'))).toMatchObject({
      'accreditations.CMA.expiresOn': ['listings:errors.accreditationExpired'],
    })
    expect(values(cma(TODAY)).accreditations).toEqual([
      { kind: 'CMA', certificateNo: '201512345678', expiresOn: TODAY },
    ])
  })

  it('lets a draft name no price yet', () => {
    const v = values(post({ hourYuan: '', hourMemberYuan: '', halfDayYuan: '', sampleYuan: '' }))
    expect(v.priceList).toBeNull()
  })
})

describe('listings', () => {
  it('creates a draft for the organisation, with an audit row and nothing sent to search', async () => {
    const { owner, org } = await lab()
    const { id } = await createListing({
      orgId: org.id,
      actorUserId: owner.id,
      values: values(),
      ip: '1',
    })
    const r = await row(id)
    expect(r).toMatchObject({
      status: 'draft',
      orgId: org.id,
      capacity: 2,
      changeoverMinutes: 15,
      samplesPerDay: 40,
      cancelLateFeeBp: 2000,
      blackoutDates: ['2026-10-01', '2026-10-02'],
    })
    const trail = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'create-listing')))
    expect(trail).toHaveLength(1)
    expect(await syncJobs(id)).toBe(0)
  })

  it('refuses organisations that are not verified and members who are not owner or admin', async () => {
    const owner = await createUser(db())
    const pending = await createOrg(db(), { ownerId: owner.id, verified: false })
    await expect(
      createListing({ orgId: pending.id, actorUserId: owner.id, values: values(), ip: '1' }),
    ).rejects.toMatchObject({ messageKey: 'listings:errors.notYours' })
    const { org } = await lab()
    const plain = await createUser(db())
    await addOrgMember(db(), org.id, plain.id, 'member')
    await expect(
      createListing({ orgId: org.id, actorUserId: plain.id, values: values(), ip: '1' }),
    ).rejects.toMatchObject({ messageKey: 'listings:errors.notYours' })
  })

  it('publishes only with prices and opening hours, then unpublishes, auditing and syncing search', async () => {
    const { owner, org } = await lab()
    const bare = values(
      post({
        hourYuan: '',
        hourMemberYuan: '',
        halfDayYuan: '',
        sampleYuan: '',
        'hours.mon.open': '',
      }),
    )
    const { id } = await createListing({
      orgId: org.id,
      actorUserId: owner.id,
      values: bare,
      ip: '1',
    })
    const publish = () =>
      setListingPublished({ listingId: id, action: 'publish', actorUserId: owner.id, ip: '1' })
    await expect(publish()).rejects.toMatchObject({
      messageKey: 'listings:errors.publishNeedsPrices',
    })
    await updateListing({
      listingId: id,
      actorUserId: owner.id,
      values: { ...bare, priceList: values().priceList },
      ip: '1',
    })
    await expect(publish()).rejects.toMatchObject({
      messageKey: 'listings:errors.publishNeedsHours',
    })
    expect((await row(id)).status).toBe('draft')
    expect(await syncJobs(id)).toBe(0)

    await updateListing({ listingId: id, actorUserId: owner.id, values: values(), ip: '1' })
    await publish()
    const published = await row(id)
    expect(published.status).toBe('published')
    expect(published.publishedAt).not.toBeNull()
    expect(await syncJobs(id)).toBe(1)

    await setListingPublished({
      listingId: id,
      action: 'unpublish',
      actorUserId: owner.id,
      ip: '1',
    })
    expect((await row(id)).status).toBe('unpublished')
    // Unpublishing cannot be repeated: the machine allows it from published only.
    await expect(
      setListingPublished({ listingId: id, action: 'unpublish', actorUserId: owner.id, ip: '1' }),
    ).rejects.toMatchObject({ messageKey: 'listings:errors.cannot.unpublish' })

    const actions = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
    expect(actions.map((a) => a.action).sort()).toEqual([
      'create-listing',
      'publish-listing',
      'unpublish-listing',
      'update-listing',
      'update-listing',
    ])
  })

  it('keeps another organisation’s owner out of editing and publishing', async () => {
    const { owner, org } = await lab()
    const { id } = await createListing({
      orgId: org.id,
      actorUserId: owner.id,
      values: values(),
      ip: '1',
    })
    const other = await lab()
    await expect(
      updateListing({
        listingId: id,
        actorUserId: other.owner.id,
        values: { ...values(), name: '被篡改的名称' },
        ip: '1',
      }),
    ).rejects.toMatchObject({ messageKey: 'listings:errors.notYours' })
    await expect(
      setListingPublished({
        listingId: id,
        action: 'publish',
        actorUserId: other.owner.id,
        ip: '1',
      }),
    ).rejects.toMatchObject({ messageKey: 'listings:errors.notYours' })
    const r = await row(id)
    expect(r.name).toBe('场发射扫描电子显微镜')
    expect(r.status).toBe('draft')
  })
})
