// Startup and investor profiles against real PostgreSQL and Meilisearch: the startup's edit form
// (who may use it, its messages, what a save records), its public page (team, traction, spaces, a
// live campaign's teaser, the intro link for investors), the investor's profile for a person or a
// firm, its visibility rule and the contacts it never shows, and the startup's search document
// holding teaser fields only.
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  investorProfiles,
  organisations,
  searchDocuments,
  sessions,
  startupProfiles,
} from '../../db/schema/index.ts'
import { now, setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as startupPage from '../../app/routes/startups.$slug._index.tsx'
import * as startupEdit from '../../app/routes/startups.$slug.edit.tsx'
import * as investorPage from '../../app/routes/investors.$id.tsx'
import * as investorEdit from '../../app/routes/investors.profile.tsx'
import { startupKind } from '../../search/kinds/startup.ts'
import { meili } from '../../search/client.server.ts'
import { applySettings } from '../../search/sync.server.ts'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import {
  addOrgMember,
  admitToSpace,
  createOrg,
  createSpace,
  createUser,
  makeAdmin,
} from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const context = { ip: '10.0.0.8', nonce: 'test', requestId: 'test' }
const DAY = 86_400_000

afterEach(() => setNow(null))
beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

type Who = { id: string; cookie: string }

async function signIn(userId: string): Promise<Who> {
  const { token } = await createSession(db(), userId)
  return { id: userId, cookie: `${sessionCookieName()}=${token}` }
}
const person = async () => signIn((await createUser(db())).id)

const get = (path: string, who: Who | null) =>
  new Request(`http://localhost${path}`, { headers: who ? { cookie: who.cookie } : {} })
const post = (path: string, who: Who, body: Record<string, string | string[]>) => {
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) form.append(k, one)
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { cookie: who.cookie },
    body: form,
  })
}

async function thrown(work: Promise<unknown>): Promise<Response> {
  const outcome = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(outcome instanceof Response))
    throw new Error(`expected a thrown response, got ${String(outcome)}`)
  return outcome
}

async function errorsOf(result: unknown): Promise<Record<string, string[] | null>> {
  const body =
    result instanceof Response
      ? ((await result.json()) as { result: { error?: Record<string, string[] | null> } })
      : (result as { result: { error?: Record<string, string[] | null> } })
  return body.result.error ?? {}
}

const startupForm = {
  oneLiner: '面向钙钛矿电池的原子层沉积封装设备',
  stage: 'angel',
  foundedOn: '2024-06-01',
  'team[0].name': '周启明',
  'team[0].role': '创始人、CEO',
  'team[0].bio': '前 ASML 工艺工程师',
  'team[1].name': '',
  'team[1].role': '',
  'traction[0].label': '意向订单',
  'traction[0].value': '¥1,200万',
  seekingYuan: '8,000,000',
  minTicketYuan: '200,000',
  companyForm: 'llc',
  existingHolders: '4',
}

function loadStartup(slug: string, who: Who | null) {
  return startupPage.loader({ request: get(`/startups/${slug}`, who), params: { slug }, context })
}

describe('startup profile', () => {
  it('its owner creates it; the page shows it with the team, traction, spaces and live campaign', async () => {
    const owner = await person()
    const org = await createOrg(db(), {
      type: 'startup',
      ownerId: owner.id,
      city: '无锡',
      segments: ['3.6'],
    })
    const operator = await createOrg(db(), { type: 'space_operator' })
    const space = await createSpace(db(), { operatorOrgId: operator.id, name: '无锡新材料加速器' })
    await admitToSpace(db(), {
      spaceId: space.id,
      orgId: org.id,
      stage: 'accelerator',
      admittedOn: '2026-01-05',
    })

    // Before any profile, visitors find nothing; the owner is invited to create one.
    expect((await thrown(loadStartup(org.slug, null))).status).toBe(404)
    const empty = await loadStartup(org.slug, owner)
    expect([empty.profile, empty.canEdit]).toEqual([null, true])

    const t0 = new Date(now().getTime() + DAY)
    setNow(t0)
    const saved = await startupEdit.action({
      request: post(`/startups/${org.slug}/edit`, owner, startupForm),
      params: { slug: org.slug },
      context,
    })
    expect((saved as Response).status).toBe(302)
    const [row] = await db().select().from(startupProfiles).where(eq(startupProfiles.orgId, org.id))
    expect(row?.lastActiveAt.getTime()).toBe(t0.getTime())
    expect([row?.seekingFen, row?.minTicketFen, row?.existingHolders]).toEqual([
      800_000_000, 20_000_000, 4,
    ])
    // Blank team rows are dropped.
    expect(row?.team).toEqual([{ name: '周启明', role: '创始人、CEO', bio: '前 ASML 工艺工程师' }])

    const page = await loadStartup(org.slug, null)
    expect(page.profile).toMatchObject({
      oneLiner: '面向钙钛矿电池的原子层沉积封装设备',
      stage: 'angel',
      foundedOn: '2024-06-01',
      traction: [{ label: '意向订单', value: '¥1,200万' }],
      companyForm: 'llc',
    })
    expect(page.org).toMatchObject({ city: '无锡', segments: ['3.6'] })
    expect(page.spaces.map((s) => s.name)).toEqual(['无锡新材料加速器'])
    expect([page.liveCampaign, page.canEdit, page.canRequestIntro]).toEqual([null, false, false])

    const campaign = await createCampaign(db(), { orgId: org.id, createdByUserId: owner.id })
    await createCampaign(db(), { orgId: org.id, createdByUserId: owner.id, status: 'draft' })
    const investor = await createInvestor(db())
    const asInvestor = await loadStartup(org.slug, await signIn(investor.user.id))
    expect(asInvestor.liveCampaign?.slug).toBe(campaign.slug)
    expect(asInvestor.canRequestIntro).toBe(true)
  })

  it('keeps what was typed and says what is wrong beside each field', async () => {
    const { org, owner } = await createStartup(db())
    const who = await signIn(owner.id)
    const errors = await errorsOf(
      await startupEdit.action({
        request: post(`/startups/${org.slug}/edit`, who, {
          ...startupForm,
          oneLiner: '短',
          minTicketYuan: '9,000,000',
          existingHolders: '50',
          'team[1].role': 'CTO',
        }),
        params: { slug: org.slug },
        context,
      }),
    )
    expect(errors.oneLiner).toEqual(['startups:errors.oneLinerRequired'])
    // Rules across fields are checked once every field is valid on its own.
    const across = await errorsOf(
      await startupEdit.action({
        request: post(`/startups/${org.slug}/edit`, who, {
          ...startupForm,
          minTicketYuan: '9,000,000',
          existingHolders: '50',
          'team[1].role': 'CTO',
        }),
        params: { slug: org.slug },
        context,
      }),
    )
    expect(across.minTicketYuan).toEqual(['startups:errors.ticketAboveSought'])
    expect(across.existingHolders).toEqual(['startups:errors.holdersFull|{"limit":50}'])
    expect(across['team[1].name']).toEqual(['startups:errors.teamName'])
  })

  it('only the startup’s owners and admins edit it; an unverified startup is private', async () => {
    const { org, owner } = await createStartup(db())
    const stranger = await person()
    const plain = await person()
    await addOrgMember(db(), org.id, plain.id, 'member')
    const editLoader = (who: Who) =>
      startupEdit.loader({
        request: get(`/startups/${org.slug}/edit`, who),
        params: { slug: org.slug },
        context,
      })
    expect((await thrown(editLoader(stranger))).status).toBe(404)
    expect((await thrown(editLoader(plain))).status).toBe(403)
    expect((await editLoader(await signIn(owner.id))).exists).toBe(true)

    const pending = await createStartup(db())
    await db()
      .update(organisations)
      .set({ status: 'pending' })
      .where(eq(organisations.id, pending.org.id))
    expect((await thrown(loadStartup(pending.org.slug, null))).status).toBe(404)
    expect((await thrown(loadStartup(pending.org.slug, stranger))).status).toBe(404)
    expect((await loadStartup(pending.org.slug, await signIn(pending.owner.id))).org.verified).toBe(
      false,
    )
    // Not a startup at all: no such startup page.
    const firm = await createOrg(db(), { type: 'investment_firm' })
    expect((await thrown(loadStartup(firm.slug, null))).status).toBe(404)
  })

  it('its search document holds teaser fields only, and a save re-indexes it', async () => {
    const owner = await person()
    const org = await createOrg(db(), { type: 'startup', ownerId: owner.id, segments: ['3.6'] })
    await startupEdit.action({
      request: post(`/startups/${org.slug}/edit`, owner, startupForm),
      params: { slug: org.slug },
      context,
    })
    const built = must(
      await startupKind.build(db(), org.id),
      'a verified startup with a profile is indexed',
    )
    const doc = built.doc
    expect(Object.keys(doc).sort()).toEqual(
      [
        'city',
        'createdAt',
        'facts',
        'id',
        'keywords',
        'kind',
        'rowId',
        'segments1',
        'segments2',
        'spaces',
        'stage',
        'standing',
        'status',
        'summary',
        'title',
        'titleEn',
        'typeIds',
        'types',
        'url',
      ].sort(),
    )
    expect(doc).toMatchObject({
      kind: 'startup',
      url: `/startups/${org.slug}`,
      title: org.name,
      summary: startupForm.oneLiner,
      stage: 'angel',
      facts: { stage: 'angel' },
    })
    const text = JSON.stringify(doc)
    for (const secret of [
      '周启明',
      '创始人',
      'ASML',
      '意向订单',
      '1,200',
      '800000000',
      '20000000',
      'llc',
    ])
      expect(text).not.toContain(secret)

    await drainJobs()
    const [stored] = await db()
      .select({ doc: searchDocuments.doc })
      .from(searchDocuments)
      .where(eq(searchDocuments.id, `startup-${org.id}`))
    expect(stored?.doc).toMatchObject({ kind: 'startup', summary: startupForm.oneLiner })
    expect(JSON.stringify(stored?.doc)).not.toContain('周启明')
  })
})

const investorForm = {
  displayName: '陈立 · 硬科技天使',
  bio: '关注新材料与智能制造早期项目。',
  thesisSegments: ['3.6', '2.1'],
  thesisStages: ['seed', 'angel'],
  ticketMinYuan: '300,000',
  ticketMaxYuan: '2,000,000',
  regions: '江苏、上海，浙江',
  'portfolio[0].name': '某固态电解质初创企业',
  'portfolio[0].year': '2023',
  'portfolio[0].note': '天使轮领投',
  visibility: 'public',
  annualLimitYuan: '5,000,000',
  contactEmail: 'chenli@example.test',
  contactPhone: '139 0000 1234',
}

function loadInvestor(id: string, who: Who | null) {
  return investorPage.loader({ request: get(`/investors/${id}`, who), params: { id }, context })
}

describe('investor profile', () => {
  it('a person creates their own; the public page never shows the contacts', async () => {
    const who = await person()
    const res = await investorEdit.action({
      request: post('/investors/profile', who, investorForm),
      params: {},
      context,
    })
    expect((res as Response).status).toBe(302)
    const [row] = await db()
      .select()
      .from(investorProfiles)
      .where(eq(investorProfiles.userId, who.id))
    expect(row).toMatchObject({
      kind: 'individual',
      ticketMinFen: 30_000_000,
      ticketMaxFen: 200_000_000,
      annualLimitFen: 500_000_000,
      regions: ['江苏', '上海', '浙江'],
      thesisStages: ['seed', 'angel'],
      portfolio: [{ name: '某固态电解质初创企业', year: 2023, note: '天使轮领投' }],
    })
    const page = await loadInvestor(must(row, 'saved').id, null)
    expect(page.profile.displayName).toBe('陈立 · 硬科技天使')
    expect(page.verified).toBeNull()
    const text = JSON.stringify(page)
    expect(text).not.toContain('chenli@example.test')
    expect(text).not.toContain('1234')
    expect(text).not.toContain('500000000')
  })

  it('says what is wrong and keeps one profile per person', async () => {
    const who = await person()
    const errors = await errorsOf(
      await investorEdit.action({
        request: post('/investors/profile', who, {
          ...investorForm,
          contactEmail: 'not-an-email',
        }),
        params: {},
        context,
      }),
    )
    expect(errors.contactEmail).toEqual(['investors:errors.email'])
    const across = await errorsOf(
      await investorEdit.action({
        request: post('/investors/profile', who, {
          ...investorForm,
          ticketMaxYuan: '100,000',
          'portfolio[0].year': '20x3',
        }),
        params: {},
        context,
      }),
    )
    expect(across.ticketMaxYuan).toEqual(['investors:errors.ticketOrder'])
    expect(across['portfolio[0].year']).toEqual(['investors:errors.portfolioYear'])
    for (const name of ['第一次', '第二次']) {
      await investorEdit.action({
        request: post('/investors/profile', who, { ...investorForm, displayName: name }),
        params: {},
        context,
      })
    }
    const rows = await db()
      .select()
      .from(investorProfiles)
      .where(eq(investorProfiles.userId, who.id))
    expect(rows.map((r) => r.displayName)).toEqual(['第二次'])
  })

  it('acting for an investment firm edits the firm’s profile', async () => {
    const who = await person()
    const firm = await createOrg(db(), { type: 'investment_firm', ownerId: who.id })
    await db().update(sessions).set({ actingOrgId: firm.id }).where(eq(sessions.userId, who.id))
    const form = await investorEdit.loader({
      request: get('/investors/profile', who),
      params: {},
      context,
    })
    expect(form.subject).toEqual({ kind: 'institution', name: firm.name })
    await investorEdit.action({
      request: post('/investors/profile', who, { ...investorForm, displayName: firm.name }),
      params: {},
      context,
    })
    const [row] = await db()
      .select()
      .from(investorProfiles)
      .where(eq(investorProfiles.orgId, firm.id))
    expect([row?.kind, row?.userId]).toEqual(['institution', null])
    const page = await loadInvestor(must(row, 'saved').id, null)
    expect(page.profile.firm?.slug).toBe(firm.slug)
  })

  it('shown only to verified startups: others get 404; the investor and admins always see it', async () => {
    const inv = await createInvestor(db(), { visibility: 'verified_startups' })
    const id = inv.profile.id
    const startup = await createStartup(db())
    const unverifiedStartup = await createOrg(db(), { type: 'startup', verified: false })
    const unverifiedOwner = await person()
    await addOrgMember(db(), unverifiedStartup.id, unverifiedOwner.id, 'owner')
    const enterpriseMember = await person()
    await createOrg(db(), { type: 'enterprise', ownerId: enterpriseMember.id })
    const admin = await person()
    await makeAdmin(db(), admin.id, ['moderator'])

    expect((await thrown(loadInvestor(id, null))).status).toBe(404)
    expect((await thrown(loadInvestor(id, await person()))).status).toBe(404)
    expect((await thrown(loadInvestor(id, enterpriseMember))).status).toBe(404)
    expect((await thrown(loadInvestor(id, unverifiedOwner))).status).toBe(404)
    const seen = await loadInvestor(id, await signIn(startup.owner.id))
    expect(seen.profile.id).toBe(id)
    // A verified qualified investor shows the badge; the startup's people may ask for an intro.
    expect(seen.verified).not.toBeNull()
    expect(seen.canRequestIntro).toBe(true)
    const own = await loadInvestor(id, await signIn(inv.user.id))
    expect([own.own, own.canRequestIntro]).toEqual([true, false])
    expect((await loadInvestor(id, admin)).profile.id).toBe(id)
    expect((await thrown(loadInvestor('not-a-uuid', null))).status).toBe(404)
  })
})
