// Another person's identifiers: a signed-in outsider asking for someone else's booking, bid,
// draft, payment, thread, file or admin page of a resource learns nothing, on pages, files,
// exports and form posts alike: the same 404 as an identifier that never existed. Every route
// file with a parameter has a row here, so a new one cannot ship without deciding.
import fs from 'node:fs'
import path from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  campaignDocuments,
  challengeBids,
  challenges,
  commitments,
  equipmentBookings,
  intros,
  notifications,
  uploads,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createThread } from '../../app/domains/notifications/threads.server.ts'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import { createListing } from '../factories/equipment.ts'
import { createEvent, createMentor, createMentorSession } from '../factories/hubs.ts'
import { admitToSpace, createOrg, createSpace, createUser } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'
import { context, sessionFor, type Person } from '../support/campaigns.ts'
import { must } from '../support/must.ts'

const NOW = new Date('2026-11-22T04:00:00Z')
const DAY = 86_400_000
const HOUR = 3_600_000
/** Words only the owner's data holds: an answer to the outsider must never contain them. */
const SECRET = '机密越权探针'

type World = Awaited<ReturnType<typeof build>>
type Params = Record<string, string>

// What an outsider (signed in, with nothing of their own at stake here) must get.
type Row =
  | {
      kind: 'private'
      params: (w: World) => Params
      get?: boolean
      post?: boolean
      /** A form the action would accept from the owner, when the first intent is not enough. */
      form?: Params
      why?: string
    }
  | { kind: 'public'; params: (w: World) => Params; why?: string }
  | { kind: 'role'; params: (w: World) => Params; why: string }
  | { kind: 'none'; why: string }

const rows: Record<string, Row> = {
  '$.tsx': { kind: 'none', why: 'the catch-all answers 404 for every path' },
  'invitations.$token.tsx': {
    kind: 'none',
    why: 'the token is a bearer secret mailed to the invitee: who holds it may answer it',
  },
  'admin.investors.$id.tsx': {
    kind: 'role',
    params: (w) => ({ id: w.verificationId }),
    why: 'verifiers only; anyone else is refused before any lookup, whatever the id',
  },
  'admin.investors.$id_.evidence.$fileId.ts': {
    kind: 'role',
    params: (w) => ({ id: w.verificationId, fileId: w.upload.id }),
    why: 'verifiers only, refused before any lookup',
  },
  'admin.orgs.$id.tsx': {
    kind: 'role',
    params: (w) => ({ id: w.startup.org.id }),
    why: 'verifiers only',
  },
  'admin.payments.$id.tsx': {
    kind: 'role',
    params: (w) => ({ id: w.payment.id }),
    why: 'finance admins only',
  },
  'admin.users_.$id.tsx': {
    kind: 'role',
    params: (w) => ({ id: w.a.id }),
    why: 'admins only',
  },
  'bids.$id.tsx': { kind: 'private', params: (w) => ({ id: w.bid.id }) },
  'bookings.$id.review.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.booking.id }),
    get: false,
    post: true,
    form: { rating: '5', body: '仪器状态很好，操作员专业。' },
  },
  'bookings.$id.tsx': { kind: 'private', params: (w) => ({ id: w.booking.id }), post: true },
  'bookings.$id_.packet.tsx': { kind: 'private', params: (w) => ({ id: w.booking.id }) },
  'bookings.$id_.packet[.]pdf.ts': { kind: 'private', params: (w) => ({ id: w.booking.id }) },
  'campaigns.$slug._index.tsx': {
    kind: 'public',
    params: (w) => ({ slug: w.liveCampaign.slug }),
    why: 'a live campaign’s teaser is public',
  },
  'campaigns.$slug.closing.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.liveCampaign.slug }),
    post: true,
  },
  'campaigns.$slug.commit.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.draftCampaign.slug }),
    post: true,
    why: 'a draft has no commit page for anyone but its startup',
  },
  'campaigns.$slug.documents.$documentId.ts': {
    kind: 'private',
    params: (w) => ({ slug: w.liveCampaign.slug, documentId: w.document.id }),
  },
  'campaigns.$slug.edit.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.draftCampaign.slug }),
    post: true,
  },
  'campaigns.$slug.manage.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.liveCampaign.slug }),
    post: true,
  },
  'campaigns.$slug.withdraw.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.liveCampaign.slug }),
    post: true,
  },
  'challenges.$id._index.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.draftChallenge.slug }),
    post: true,
    why: 'a draft challenge (a published one is public)',
  },
  'challenges.$id.edit.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.draftChallenge.slug }),
    post: true,
  },
  'challenges.$id_.bid.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.draftChallenge.slug }),
    post: true,
    why: 'nobody bids on a draft',
  },
  'challenges.$id_.bids.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.awardedChallenge.slug }),
    post: true,
  },
  'challenges.$id_.rate.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.awardedChallenge.slug }),
    get: false,
    post: true,
    form: { rating: '5', body: '交付及时，沟通顺畅。' },
  },
  'challenges.$id_.work.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.awardedChallenge.slug }),
    post: true,
  },
  'commitments.$id.tsx': { kind: 'private', params: (w) => ({ id: w.commitment.id }), post: true },
  'equipment.$id._index.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.draftListing.slug }),
    why: 'a draft listing (a published one is public, below)',
  },
  'equipment.$id.book.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.draftListing.slug }),
    post: true,
  },
  'equipment.$id.edit.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.listing.slug }),
    post: true,
  },
  'equipment.$id.training.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.listing.slug }),
    post: true,
  },
  'events.$id._index.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.draftEvent.id }),
    post: true,
    why: 'a draft event (published ones are public)',
  },
  'events.$id.edit.tsx': { kind: 'private', params: (w) => ({ id: w.event.id }), post: true },
  'events.$id.manage.tsx': { kind: 'private', params: (w) => ({ id: w.event.id }), post: true },
  'events.$id.registrations[.]csv.ts': { kind: 'private', params: (w) => ({ id: w.event.id }) },
  'events.$id[.]ics.ts': { kind: 'private', params: (w) => ({ id: w.draftEvent.id }) },
  'intros.$id.tsx': { kind: 'private', params: (w) => ({ id: w.intro.id }), post: true },
  'investors.$id.tsx': {
    kind: 'private',
    params: (w) => ({ id: w.investor.profile.id }),
    why: 'a profile shown to verified startups only',
  },
  'mentoring.$id.tsx': { kind: 'private', params: (w) => ({ id: w.session.id }), post: true },
  'messages.$id.tsx': { kind: 'private', params: (w) => ({ id: w.thread.id }), post: true },
  'orgs.$slug.tsx': {
    kind: 'public',
    params: (w) => ({ slug: w.startup.org.slug }),
    why: 'a verified organisation’s page is public; its forms are checked below',
  },
  'payments.$id._index.tsx': { kind: 'private', params: (w) => ({ id: w.payment.id }), post: true },
  'payments.$id.fapiao.tsx': { kind: 'private', params: (w) => ({ id: w.payment.id }), post: true },
  'spaces.$slug._index.tsx': { kind: 'public', params: (w) => ({ slug: w.space.slug }) },
  'spaces.$slug.dashboard.tsx': { kind: 'private', params: (w) => ({ slug: w.space.slug }) },
  'spaces.$slug.dashboard[.]csv.ts': { kind: 'private', params: (w) => ({ slug: w.space.slug }) },
  'spaces.$slug.events.tsx': {
    kind: 'public',
    params: (w) => ({ slug: w.space.slug }),
    why: 'its published events are public; the create form is checked below',
  },
  'spaces.$slug.events[.]ics.ts': { kind: 'public', params: (w) => ({ slug: w.space.slug }) },
  'spaces.$slug.members.$membershipId.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.space.slug, membershipId: w.membership.id }),
  },
  'spaces.$slug.members._index.tsx': {
    kind: 'public',
    params: (w) => ({ slug: w.space.slug }),
    why: 'members by stage are public; admitting is checked below',
  },
  'spaces.$slug.mentors.tsx': {
    kind: 'public',
    params: (w) => ({ slug: w.space.slug }),
    why: 'listed mentors are public; adding one is checked below',
  },
  'spaces.$slug.report.tsx': { kind: 'private', params: (w) => ({ slug: w.space.slug }) },
  'spaces.$slug.settings.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.space.slug }),
    post: true,
  },
  'startups.$slug._index.tsx': {
    kind: 'public',
    params: (w) => ({ slug: w.startup.org.slug }),
    why: 'a verified startup’s profile is public',
  },
  'startups.$slug.edit.tsx': {
    kind: 'private',
    params: (w) => ({ slug: w.startup.org.slug }),
    post: true,
  },
  'uploads.$id.tsx': { kind: 'private', params: (w) => ({ id: w.upload.id }) },
}

/** The form posts of public pages that act on the resource: each for its own people only. */
const publicPagePosts: { file: string; params: (w: World) => Params; form: Params }[] = [
  {
    file: 'orgs.$slug.tsx',
    params: (w) => ({ slug: w.startup.org.slug }),
    form: { intent: 'invite', email: 'someone@example.test', role: 'member' },
  },
  {
    file: 'spaces.$slug.events.tsx',
    params: (w) => ({ slug: w.space.slug }),
    form: { intent: 'publish', title: '越权创建的活动' },
  },
  {
    file: 'spaces.$slug.members._index.tsx',
    params: (w) => ({ slug: w.space.slug }),
    form: { intent: 'admit', stage: 'incubator' },
  },
  {
    file: 'spaces.$slug.mentors.tsx',
    params: (w) => ({ slug: w.space.slug }),
    form: { intent: 'add', email: 'mentor@example.test' },
  },
  {
    file: 'campaigns.$slug._index.tsx',
    params: (w) => ({ slug: w.draftCampaign.slug }),
    form: { intent: 'accept-nda' },
  },
]

/** The owner's data: one of each kind of resource, with the secret in its text. */
async function build() {
  const a = await createUser(db(), { name: `${SECRET}甲` })
  const other = await createUser(db())
  const startup = await createStartup(db(), { ownerId: a.id, name: `${SECRET}科技有限公司` })
  const lab = await createOrg(db(), { type: 'institute', ownerId: a.id })
  const listing = await createListing(db(), { orgId: lab.id, name: `${SECRET}电镜` })
  const draftListing = await createListing(db(), {
    orgId: lab.id,
    status: 'draft',
    name: `${SECRET}草稿仪器`,
  })

  // A's booking of someone else's instrument.
  const elsewhere = await createListing(db())
  const startsAt = new Date(NOW.getTime() - 3 * DAY)
  const [booking] = await db()
    .insert(equipmentBookings)
    .values({
      listingId: elsewhere.id,
      unitNo: 1,
      bookerUserId: a.id,
      bookerOrgId: null,
      status: 'completed',
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      purpose: SECRET,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()

  const challenge = async (status: 'draft' | 'awarded') => {
    const n = Math.floor(Math.random() * 1e9)
    const [c] = await db()
      .insert(challenges)
      .values({
        slug: `idor-challenge-${n}`,
        orgId: startup.org.id,
        status,
        title: `${SECRET}榜单 ${n}`,
        summary: SECRET,
        type: 'rd_task',
        awardMode: 'fixed',
        awardFen: 20_000_000,
        bidDeadline: new Date(NOW.getTime() - 30 * DAY),
        awardDeadline: new Date(NOW.getTime() - 20 * DAY),
        deliveryDeadline: new Date(NOW.getTime() + 60 * DAY),
        ipTerms: 'transfer',
        publishedAt: status === 'draft' ? null : new Date(NOW.getTime() - 40 * DAY),
        createdAt: new Date(NOW.getTime() - 40 * DAY),
        updatedAt: NOW,
      })
      .returning()
    return must(c, 'challenge')
  }
  const draftChallenge = await challenge('draft')
  const awardedChallenge = await challenge('awarded')
  const [bid] = await db()
    .insert(challengeBids)
    .values({
      challengeId: awardedChallenge.id,
      bidderUserId: other.id,
      bidderOrgId: null,
      status: 'awarded',
      priceFen: 18_000_000,
      timelineDays: 60,
      approach: SECRET,
      team: SECRET,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()

  const draftCampaign = await createCampaign(db(), {
    orgId: startup.org.id,
    createdByUserId: a.id,
    status: 'draft',
    title: `${SECRET}草稿融资`,
  })
  const liveCampaign = await createCampaign(db(), {
    orgId: startup.org.id,
    createdByUserId: a.id,
    title: `${SECRET}融资`,
  })
  const [upload] = await db()
    .insert(uploads)
    .values({
      ownerUserId: a.id,
      ownerOrgId: startup.org.id,
      purpose: 'data-room',
      mime: 'application/pdf',
      ext: 'pdf',
      sizeBytes: 1234,
      sha256: 'b'.repeat(64),
      storageKey: `test/${crypto.randomUUID()}`,
      originalName: `${SECRET}.pdf`,
      createdAt: NOW,
    })
    .returning()
  const [document] = await db()
    .insert(campaignDocuments)
    .values({
      campaignId: liveCampaign.id,
      uploadId: must(upload, 'upload').id,
      title: SECRET,
      addedByUserId: a.id,
      createdAt: NOW,
    })
    .returning()

  // A as an investor: a commitment to someone else's campaign, a profile for verified startups.
  const investor = await createInvestor(db(), { userId: a.id, visibility: 'verified_startups' })
  const theirs = await createCampaign(db())
  const [commitment] = await db()
    .insert(commitments)
    .values({
      campaignId: theirs.id,
      investorProfileId: investor.profile.id,
      userId: a.id,
      amountFen: 5_000_000,
      method: 'pay_now',
      status: 'committed',
      termsVersion: 1,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()
  const asked = await createInvestor(db())
  const [intro] = await db()
    .insert(intros)
    .values({
      fromSide: 'startup',
      startupOrgId: startup.org.id,
      investorProfileId: asked.profile.id,
      requestedByUserId: a.id,
      message: SECRET,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()

  const { payment } = await createTestPayment(db(), {
    payerUserId: a.id,
    payee: { orgId: elsewhere.orgId },
    priceFen: 160_000,
    description: SECRET,
  })
  const thread = await createThread(db(), { subject: SECRET, participantIds: [a.id, other.id] })
  const [notification] = await db()
    .insert(notifications)
    .values({
      userId: a.id,
      category: 'organisation',
      kind: 'org.verified',
      params: { orgName: SECRET },
      link: '/dashboard',
      createdAt: NOW,
    })
    .returning()

  // A space A's organisation runs, with a member, a mentor's session and events.
  const operator = await createOrg(db(), { type: 'space_operator', ownerId: a.id })
  const space = await createSpace(db(), { operatorOrgId: operator.id })
  const membership = await admitToSpace(db(), {
    spaceId: space.id,
    orgId: startup.org.id,
    stage: 'incubator',
    admittedOn: '2026-01-05',
  })
  const mentor = await createMentor(db(), { spaceId: space.id, userId: other.id })
  const session = await createMentorSession(db(), {
    mentorId: mentor.id,
    membershipId: membership.id,
    requesterUserId: a.id,
    topic: SECRET,
  })
  const event = await createEvent(db(), { spaceId: space.id, title: `${SECRET}路演` })
  const draftEvent = await createEvent(db(), {
    spaceId: space.id,
    status: 'draft',
    title: `${SECRET}草稿活动`,
  })

  return {
    a,
    startup,
    listing,
    draftListing,
    booking: must(booking, 'booking'),
    draftChallenge,
    awardedChallenge,
    bid: must(bid, 'bid'),
    draftCampaign,
    liveCampaign,
    upload: must(upload, 'upload'),
    document: must(document, 'document'),
    investor,
    commitment: must(commitment, 'commitment'),
    intro: must(intro, 'intro'),
    payment,
    thread,
    notification: must(notification, 'notification'),
    space,
    membership,
    session,
    event,
    draftEvent,
    // No verification is filed here: admin pages refuse by role before any lookup.
    verificationId: crypto.randomUUID(),
  }
}

type RouteModule = {
  loader?: (args: { request: Request; params: Params; context: typeof context }) => unknown
  action?: (args: { request: Request; params: Params; context: typeof context }) => unknown
}

async function routeModule(file: string): Promise<RouteModule> {
  return (await import(/* @vite-ignore */ `../../app/routes/${file}`)) as RouteModule
}

/** Status and body of what a loader or action answered or threw; data counts as 200. */
async function answer(work: () => unknown): Promise<{ status: number; body: string }> {
  try {
    const value = await work()
    if (value instanceof Response) return { status: value.status, body: await value.text() }
    const body = JSON.stringify(value) ?? ''
    const status =
      value && typeof value === 'object' && 'status' in value && typeof value.status === 'number'
        ? value.status
        : 200
    return { status, body }
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: await error.text() }
    throw error
  }
}

/** A page request, or a form post as a browser sends it (multipart reads with every action). */
function request(file: string, params: Params, who: Person, form?: Params): Request {
  const url = `http://localhost/${file}/${Object.values(params).join('/')}`
  if (!form) return new Request(url, { headers: { cookie: who.cookie } })
  const body = new FormData()
  for (const [k, v] of Object.entries(form)) body.append(k, v)
  return new Request(url, { method: 'POST', headers: { cookie: who.cookie }, body })
}

/** The first intent the page's forms post, so the action gets as far as it would for a user. */
function firstIntent(file: string): string {
  const source = fs.readFileSync(path.join(process.cwd(), 'app/routes', file), 'utf8')
  return /intent === '([a-z-]+)'|case '([a-z-]+)'/.exec(source)?.slice(1).find(Boolean) ?? ''
}

describe('another person’s identifiers', () => {
  let w: World
  let outsider: Person

  beforeAll(async () => {
    setNow(NOW)
    w = await build()
    // A normal signed-in person with an organisation of their own.
    const b = await createUser(db())
    await createOrg(db(), { type: 'enterprise', ownerId: b.id })
    outsider = await sessionFor(b.id)
  })

  afterAll(() => setNow(null))

  it('has a row for every route file with a parameter', () => {
    const files = fs
      .readdirSync(path.join(process.cwd(), 'app/routes'))
      .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes('.test.') && f.includes('$'))
    expect(files.filter((f) => !(f in rows))).toEqual([])
    expect(Object.keys(rows).filter((f) => !files.includes(f))).toEqual([])
  })

  it('answers 404 on pages, files and exports, with nothing of the owner’s in the body', async () => {
    const wrong: string[] = []
    for (const [file, row] of Object.entries(rows)) {
      if (row.kind !== 'private' || row.get === false) continue
      const mod = await routeModule(file)
      const params = row.params(w)
      const got = await answer(() =>
        mod.loader?.({ request: request(file, params, outsider), params, context }),
      )
      if (got.status !== 404) wrong.push(`${file} GET: ${got.status}`)
      if (got.body.includes(SECRET)) wrong.push(`${file} GET: the body shows the owner’s data`)
    }
    expect(wrong).toEqual([])
  })

  it('answers 404 to form posts as well, and changes nothing', async () => {
    const wrong: string[] = []
    for (const [file, row] of Object.entries(rows)) {
      if (row.kind !== 'private' || !row.post) continue
      const mod = await routeModule(file)
      const params = row.params(w)
      const form = row.form ?? { intent: firstIntent(file), reason: '越权', body: '越权' }
      const got = await answer(() =>
        mod.action?.({ request: request(file, params, outsider, form), params, context }),
      )
      if (got.status !== 404) wrong.push(`${file} POST: ${got.status}`)
      if (got.body.includes(SECRET)) wrong.push(`${file} POST: the body shows the owner’s data`)
    }
    for (const { file, params: of, form } of publicPagePosts) {
      const mod = await routeModule(file)
      const params = of(w)
      const got = await answer(() =>
        mod.action?.({ request: request(file, params, outsider, form), params, context }),
      )
      if (got.status !== 404) wrong.push(`${file} POST ${form.intent}: ${got.status}`)
    }
    expect(wrong).toEqual([])
    const booking = await db()
      .select({ status: equipmentBookings.status })
      .from(equipmentBookings)
      .where(eq(equipmentBookings.id, w.booking.id))
    expect(booking).toEqual([{ status: 'completed' }])
  })

  it('leaves the owner’s notification unread when an outsider marks its id read', async () => {
    const mod = await routeModule('notifications._index.tsx')
    await answer(() =>
      mod.action?.({
        request: request('notifications', {}, outsider, { intent: 'read', id: w.notification.id }),
        params: { orgName: SECRET },
        context,
      }),
    )
    const unread = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, w.notification.id), isNull(notifications.readAt)))
    expect(unread).toHaveLength(1)
  })

  it('shows public resources to everyone', async () => {
    const wrong: string[] = []
    for (const [file, row] of Object.entries(rows)) {
      if (row.kind !== 'public') continue
      const mod = await routeModule(file)
      const params = row.params(w)
      const got = await answer(() =>
        mod.loader?.({ request: request(file, params, outsider), params, context }),
      )
      if (got.status !== 200) wrong.push(`${file}: ${got.status}`)
    }
    const published = await routeModule('equipment.$id._index.tsx')
    const shown = await answer(() =>
      published.loader?.({
        request: request('equipment', { id: w.listing.slug }, outsider),
        params: { id: w.listing.slug },
        context,
      }),
    )
    expect(shown.status).toBe(200)
    expect(wrong).toEqual([])
  })

  it('shows only one’s own in lists and in the account export', async () => {
    const lists = [
      'bookings._index.tsx',
      'bids._index.tsx',
      'payments._index.tsx',
      'messages._index.tsx',
      'notifications._index.tsx',
      'intros._index.tsx',
      'investments.tsx',
      'mentoring._index.tsx',
      'finance.fapiao.tsx',
      'challenges.mine.tsx',
      'campaigns.mine.tsx',
      'equipment.mine.tsx',
      'settings.export.tsx',
    ]
    const leaks: string[] = []
    for (const file of lists) {
      const mod = await routeModule(file)
      const got = await answer(() =>
        mod.loader?.({ request: request(file, {}, outsider), params: {}, context }),
      )
      expect(got.status, file).toBe(200)
      if (got.body.includes(SECRET)) leaks.push(file)
    }
    expect(leaks).toEqual([])
    // The same export for the owner holds their data: the check above can see a leak.
    const mine = await routeModule('settings.export.tsx')
    const own = await answer(async () =>
      mine.loader?.({
        request: request('settings.export.tsx', {}, await sessionFor(w.a.id)),
        params: {},
        context,
      }),
    )
    expect(own.body).toContain(SECRET)
  })

  it('refuses platform-admin pages by role, the same for any id', async () => {
    const wrong: string[] = []
    for (const [file, row] of Object.entries(rows)) {
      if (row.kind !== 'role') continue
      const mod = await routeModule(file)
      for (const params of [
        row.params(w),
        { id: crypto.randomUUID(), fileId: crypto.randomUUID() },
      ]) {
        const got = await answer(() =>
          mod.loader?.({ request: request(file, params, outsider), params, context }),
        )
        if (got.status !== 403) wrong.push(`${file}: ${got.status}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
