// Instrument types from the vocabulary, end to end against real PostgreSQL and Meilisearch: a
// listing saved through the form's own path with a chosen type is found by every name of that
// type and not by a neighbour's; the picker refuses what it cannot resolve and keeps the text;
// keywords are checked; challenges are found by the instruments they mention, never by what
// sits behind their NDA; and standing ranks accredited, active listings first.
import crypto from 'node:crypto'
import { parseWithZod } from '@conform-to/zod/v4'
import { eq } from 'drizzle-orm'
import i18next from 'i18next'
import { createElement } from 'react'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { challenges, equipmentListings, ndaTexts } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { namespaces } from '../../app/i18n/config.ts'
import { resources } from '../../app/i18n/resources.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { listingFormSchema } from '../../app/domains/equipment/listing-form.schema.ts'
import { setListingPublished } from '../../app/domains/equipment/publish-listing.server.ts'
import { createListing as saveNewListing } from '../../app/domains/equipment/save-listing.server.ts'
import { TypePicker } from '../../app/components/type-picker.tsx'
import * as newListingPage from '../../app/routes/equipment.new.tsx'
import { meili } from '../../search/client.server.ts'
import { kinds } from '../../search/kinds/index.ts'
import {
  SearchParamsSchema,
  searchOfferings,
  type SearchResult,
} from '../../search/query.server.ts'
import { applySettings, syncDocument } from '../../search/sync.server.ts'
import { pickerTypes } from '../../search/type-match.ts'
import { instrumentType, instrumentTypes, namesOf } from '../../search/vocabulary.ts'
import { createListing } from '../factories/equipment.ts'
import { createOrg, createUser } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const TODAY = '2026-11-22'
const DAY = 86_400_000
const context = { ip: '10.0.0.21', nonce: 'test', requestId: 'test' }
const params = (over: Record<string, unknown>) => SearchParamsSchema.parse(over)
const ids = (r: SearchResult) => r.hits.map((h) => h.id)
// Each test's documents sit in a city of their own, so other tests' documents never count.
const uniqueCity = () => `型测市${Math.floor(Math.random() * 1e9)}`

/** The listing form as a browser without JavaScript posts it. */
function post(extra: Record<string, string | string[]> = {}): FormData {
  const fields: Record<string, string | string[]> = {
    name: '粉末衍射平台',
    category: 'testing_inspection',
    serviceModes: ['sample_testing'],
    manufacturer: '布鲁克',
    model: 'D8 ADVANCE',
    city: '西安',
    segments: ['3.6'],
    sampleYuan: '260',
    samplesPerDay: '30',
    cancelFreeHours: '24',
    cancelLateFeePercent: '0',
    capacity: '1',
    changeoverMinutes: '0',
    leadTimeHours: '0',
    'hours.mon.open': 'on',
    'hours.mon.from': '09:00',
    'hours.mon.to': '17:00',
    bookingMode: 'request',
    ...extra,
  }
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
  return fd
}

const parse = (fd: FormData) =>
  parseWithZod(fd, { schema: listingFormSchema(TODAY, instrumentTypes) })

async function owner() {
  const user = await createUser(db())
  const org = await createOrg(db(), { type: 'institute', ownerId: user.id })
  const { token } = await createSession(db(), user.id)
  return { user, org, cookie: `${sessionCookieName()}=${token}` }
}

/** Saves and publishes a listing through the form's own path, then lets the index catch up. */
async function listThroughForm(fields: Record<string, string | string[]>) {
  const { user, org } = await owner()
  const submission = parse(post(fields))
  if (submission.status !== 'success') throw new Error(JSON.stringify(submission.reply().error))
  const { id } = await saveNewListing({
    orgId: org.id,
    actorUserId: user.id,
    values: submission.value,
    ip: '127.0.0.1',
  })
  await setListingPublished({ listingId: id, action: 'publish', actorUserId: user.id, ip: '1' })
  await drainJobs()
  return id
}

beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

afterEach(() => setNow(null))

describe('a listing with a chosen type', () => {
  it('is found by every name of its type, and a neighbour of the same group is not', async () => {
    const city = uniqueCity()
    const xrd = await listThroughForm({ city, typeName: 'X射线衍射仪（XRD）' })
    const [row] = await db().select().from(equipmentListings).where(eq(equipmentListings.id, xrd))
    expect(row?.typeId).toBe('xrd')
    // A neighbour in the same group (diffraction), of a different type.
    const neighbour = await listThroughForm({
      city,
      name: '纳米结构表征平台',
      typeName: 'small-angle X-ray scattering system',
    })

    const type = must(instrumentType('xrd'), 'xrd in the vocabulary')
    for (const name of namesOf(type)) {
      const r = await searchOfferings(params({ q: name, kind: 'equipment', city }))
      expect(ids(r), name).toContain(`equipment-${xrd}`)
    }
    for (const abbreviation of type.abbreviations) {
      const r = await searchOfferings(params({ q: abbreviation, kind: 'equipment', city }))
      expect(ids(r), abbreviation).not.toContain(`equipment-${neighbour}`)
    }
    const saxs = await searchOfferings(params({ q: 'SAXS', kind: 'equipment', city }))
    expect(ids(saxs)).toEqual([`equipment-${neighbour}`])
  })

  it('without a chosen type, takes the types its title names', async () => {
    const listing = await createListing(db(), {
      name: '场发射扫描电镜（带 EDS 能谱）',
      model: 'TEM-2100',
    })
    const built = must(await kinds.equipment.build(db(), listing.id), 'a document')
    // The model number is not read: TEM-2100 is a model, not a type.
    expect(built.doc.typeIds).toEqual(['sem', 'eds'])
    expect(built.doc.types).toEqual(expect.arrayContaining(['扫描电子显微镜', 'SEM', 'EDS']))

    await db()
      .update(equipmentListings)
      .set({ typeId: 'tem', keywords: ['球差校正'], updatedAt: new Date() })
      .where(eq(equipmentListings.id, listing.id))
    const chosen = must(await kinds.equipment.build(db(), listing.id), 'a document')
    expect(chosen.doc.typeIds).toEqual(['tem'])
    expect(chosen.doc.keywords).toContain('球差校正')
    expect(chosen.version.getTime()).toBeGreaterThan(built.version.getTime())
  })

  it('ranks accredited and active listings by standing: a year without edits or bookings is stale', async () => {
    setNow(new Date('2026-11-22T02:00:00Z'))
    const old = new Date('2025-06-01T00:00:00Z')
    const accredited = [
      { kind: 'CNAS' as const, certificateNo: 'CNAS L1', expiresOn: '2099-12-31' },
    ]
    const both = await createListing(db(), { accreditations: accredited })
    const stale = await createListing(db(), { createdAt: old, updatedAt: old })
    const staleAccredited = await createListing(db(), {
      accreditations: accredited,
      createdAt: old,
      updatedAt: old,
    })
    const standing = async (id: string) =>
      must(await kinds.equipment.build(db(), id), 'a document').doc.standing
    expect(await standing(both.id)).toBe(2)
    expect(await standing(stale.id)).toBe(0)
    expect(await standing(staleAccredited.id)).toBe(1)
  })
})

describe('the type picker', () => {
  it('maps any name of the type back to it, and refuses an unknown one with the text kept', async () => {
    for (const typed of [
      'SEM',
      'sem',
      '扫描电镜',
      'Scanning Electron Microscope',
      '扫描电子显微镜（SEM）',
    ]) {
      const s = parse(post({ typeName: typed }))
      expect(s.status === 'success' && s.value.typeId, typed).toBe('sem')
    }
    const empty = parse(post({ typeName: '' }))
    expect(empty.status === 'success' && empty.value.typeId).toBeNull()

    const { org, cookie } = await owner()
    const fd = post({ orgId: org.id, typeName: '时光倒流测量仪', name: '自制测量台' })
    const result = await newListingPage.action({
      request: new Request('http://localhost/equipment/new', {
        method: 'POST',
        headers: { cookie },
        body: fd,
      }),
      params: {},
      context,
    })
    if (result instanceof Response) throw new Error(`expected the form back, got ${result.status}`)
    expect(result.result.error?.typeName).toEqual(['equipment:typePicker.errors.unknown'])
    expect(result.result.initialValue).toMatchObject({
      typeName: '时光倒流测量仪',
      name: '自制测量台',
    })
    const none = await db()
      .select()
      .from(equipmentListings)
      .where(eq(equipmentListings.orgId, org.id))
    expect(none).toHaveLength(0)
  })

  it('reaches the page through the loader with names and groups only, and renders without JavaScript', async () => {
    const { cookie } = await owner()
    const data = await newListingPage.loader({
      request: new Request('http://localhost/equipment/new', { headers: { cookie } }),
      params: {},
      context,
    })
    const sem = must(
      data.choices.types.find((t) => t.id === 'sem'),
      'SEM among the choices',
    )
    expect(Object.keys(sem).sort()).toEqual(['abbreviations', 'en', 'group', 'id', 'short', 'zh'])
    expect(data.choices.types).toHaveLength(instrumentTypes.length)
    expect(data.choices.groups.map((g) => g.id)).toContain('microscopy')

    const i18n = i18next.createInstance()
    await i18n.use(initReactI18next).init({ lng: 'zh-CN', resources, ns: [...namespaces] })
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(TypePicker, {
          id: 'listing-typeName',
          name: 'typeName',
          label: '仪器类型',
          defaultValue: '透射电镜',
          choices: pickerTypes(),
          errorId: 'listing-typeName-error',
        }),
      ),
    )
    expect(html).toContain('name="typeName"')
    expect(html).toMatch(/<input[^>]*list="[^"]+"/)
    expect(html).toContain('<datalist')
    expect(html).toContain('value="扫描电子显微镜（SEM）"')
    // What the owner typed is kept, and the type it names is spelled out.
    expect(html).toContain('value="透射电镜"')
    expect(html).toContain('transmission electron microscope')
  })
})

describe('keywords', () => {
  it('are split on 、，, and spaces, repeats dropped, and limited in number and length', () => {
    const ok = parse(post({ keywords: '断口分析、EBSD，原位拉伸 ebsd,  形貌' }))
    expect(ok.status === 'success' && ok.value.keywords).toEqual([
      '断口分析',
      'EBSD',
      '原位拉伸',
      '形貌',
    ])
    const many = parse(
      post({ keywords: Array.from({ length: 11 }, (_, i) => `词${i}`).join('、') }),
    )
    expect(many.status).toBe('error')
    expect(many.reply().error?.keywords?.[0]).toMatch(/^equipment:keywords\.errors\.tooMany\|/)
    const long = parse(post({ keywords: `短词、${'很'.repeat(21)}` }))
    expect(long.reply().error?.keywords?.[0]).toMatch(/^equipment:keywords\.errors\.tooLong\|/)
    expect(long.reply().error?.keywords?.[0]).toContain('很'.repeat(21))
    expect(parse(post({ keywords: '很'.repeat(20) })).status).toBe('success')
  })
})

describe('challenges', () => {
  async function postChallenge(overrides: Partial<typeof challenges.$inferInsert>) {
    const org = await createOrg(db(), { type: 'enterprise', city: uniqueCity() })
    const at = new Date()
    const [c] = await db()
      .insert(challenges)
      .values({
        slug: `c-${crypto.randomUUID().slice(0, 8)}`,
        status: 'open',
        title: '新型合金断口失效分析',
        summary: '征集具备扫描电镜表征能力的团队，完成断口形貌与成分分析。',
        type: 'testing_task',
        awardMode: 'fixed',
        awardFen: 2_000_000,
        bidDeadline: new Date(at.getTime() + 7 * DAY),
        awardDeadline: new Date(at.getTime() + 14 * DAY),
        deliveryDeadline: new Date(at.getTime() + 60 * DAY),
        ipTerms: 'transfer',
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
        ...overrides,
        orgId: overrides.orgId ?? org.id,
      })
      .returning()
    return { challenge: must(c, 'a challenge'), city: org.city }
  }

  it('a challenge that needs 扫描电镜 is found by SEM', async () => {
    const { challenge, city } = await postChallenge({})
    await syncDocument('challenge', challenge.id)
    const r = await searchOfferings(params({ q: 'SEM', kind: 'challenge', city }))
    expect(ids(r)).toEqual([`challenge-${challenge.id}`])
  })

  it('reads instruments from public details, never from details behind an NDA', async () => {
    const details = '需要透射电镜（TEM）观察析出相。'
    const { challenge: open } = await postChallenge({ details })
    const org = await createOrg(db(), { type: 'enterprise' })
    const [nda] = await db()
      .insert(ndaTexts)
      .values({
        orgId: org.id,
        version: 1,
        title: '保密协议',
        body: '双方约定…',
        createdAt: new Date(),
      })
      .returning()
    const { challenge: secret } = await postChallenge({
      orgId: org.id,
      details,
      confidentiality: 'nda',
      ndaTextId: must(nda, 'an NDA').id,
    })
    const typeIds = async (id: string) =>
      must(await kinds.challenge.build(db(), id), 'a document').doc.typeIds
    expect(await typeIds(open.id)).toEqual(['sem', 'tem'])
    expect(await typeIds(secret.id)).toEqual(['sem'])
  })
})

describe('the city a listing is filed under', () => {
  it('is stored as search filters by it: 苏州市 and Suzhou are 苏州', () => {
    for (const city of ['苏州市', 'Suzhou', ' 苏州 ']) {
      const parsed = parse(post({ city }))
      expect(parsed.status === 'success' && parsed.value.city, city).toBe('苏州')
    }
  })
})
