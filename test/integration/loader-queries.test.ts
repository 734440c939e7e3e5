// Every main page's loader sends the same number of statements to PostgreSQL whether the things
// it lists number 2 or 15: a page whose queries grow with its rows (N+1) fails here. Rows are
// written straight to the tables (as the factories do) and the search-backed pages find them in
// this worker's Meilisearch index, synced through the product's own sync.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { countQueries, db } from '../../db/client.server.ts'
import {
  campaignQuestions,
  campaignUpdates,
  challengeBids,
  challengeQuestions,
  challenges,
  challengeVersions,
  equipmentBookings,
  equipmentReviews,
  notifications,
} from '../../db/schema/index.ts'
import { now } from '../../app/clock.server.ts'
import { forgetRemembered } from '../../app/domains/web/remembered.server.ts'
import { meili } from '../../search/client.server.ts'
import type { OfferingKind } from '../../search/document.ts'
import { applySettings, syncDocuments } from '../../search/sync.server.ts'
import * as home from '../../app/routes/_index.tsx'
import * as search from '../../app/routes/search.tsx'
import * as equipmentList from '../../app/routes/equipment._index.tsx'
import * as equipmentPage from '../../app/routes/equipment.$id._index.tsx'
import * as challengeList from '../../app/routes/challenges._index.tsx'
import * as challengePage from '../../app/routes/challenges.$id._index.tsx'
import * as campaignList from '../../app/routes/campaigns._index.tsx'
import * as campaignPage from '../../app/routes/campaigns.$slug._index.tsx'
import * as spaceList from '../../app/routes/spaces._index.tsx'
import * as spacePage from '../../app/routes/spaces.$slug._index.tsx'
import * as eventList from '../../app/routes/events._index.tsx'
import * as myEvents from '../../app/routes/events.mine.tsx'
import * as myBookings from '../../app/routes/bookings._index.tsx'
import * as myBids from '../../app/routes/bids._index.tsx'
import * as dashboard from '../../app/routes/dashboard.tsx'
import * as notificationList from '../../app/routes/notifications._index.tsx'
import * as myEquipment from '../../app/routes/equipment.mine.tsx'
import * as myChallenges from '../../app/routes/challenges.mine.tsx'
import { createInvestor, createCampaign, createStartup } from '../factories/deals.ts'
import { createListing } from '../factories/equipment.ts'
import { createEvent, createRegistration } from '../factories/hubs.ts'
import { admitToSpace, createOrg, createSpace, createUser } from '../factories/index.ts'
import { context, sessionFor, type Person } from '../support/campaigns.ts'

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
const DAY = 86_400_000

/** What one request to `loader` answers, and the statements it sent; it must answer, not fail. */
async function load(
  loader: Loader,
  path: string,
  who: Person | null,
  params: Record<string, string> = {},
): Promise<{ data: unknown; queries: number }> {
  const request = new Request(`http://localhost${path}`, {
    headers: who ? { cookie: who.cookie } : {},
  })
  // A cold request: figures a page keeps for a minute would otherwise hide their statements.
  forgetRemembered()
  const { result, queries } = await countQueries(() =>
    loader({ request, params, context } as unknown as LoaderFunctionArgs),
  )
  if (result instanceof Response) expect(result.status).toBe(200)
  return { data: result, queries }
}

async function queriesOf(
  loader: Loader,
  path: string,
  who: Person | null,
  params: Record<string, string> = {},
): Promise<number> {
  const { queries } = await load(loader, path, who, params)
  // Pages answered from the database always ask it something (the search-backed ones are
  // measured through `searchTotal`, which may legitimately ask nothing).
  expect(queries).toBeGreaterThan(0)
  return queries
}

/** For a search-backed page: its statements, and how many offerings it found. */
async function searchTotal(
  loader: Loader,
  path: string,
  who: Person | null,
): Promise<{ queries: number; total: number }> {
  const { data, queries } = await load(loader, path, who)
  const total = (data as { result: { total: number; degraded: boolean } }).result.total
  expect((data as { result: { degraded: boolean } }).result.degraded).toBe(false)
  return { queries, total }
}

/** Queries per page with 2 of the listed things, then with 15: the same numbers both times. */
async function expectBounded(
  grow: (count: number) => Promise<void>,
  measure: () => Promise<Record<string, number>>,
) {
  await grow(2)
  const few = await measure()
  await grow(13)
  const many = await measure()
  expect(many).toEqual(few)
}

/** The same for a search-backed page, which must also find the 13 offerings added. */
async function expectBoundedSearch(
  grow: (count: number) => Promise<void>,
  measure: () => Promise<{ queries: number; total: number }>,
) {
  await grow(2)
  const few = await measure()
  await grow(13)
  const many = await measure()
  expect(many.queries).toBe(few.queries)
  expect(many.total - few.total).toBe(13)
}

async function indexed(kind: OfferingKind, rowIds: readonly string[]) {
  await syncDocuments(rowIds.map((rowId) => ({ kind, rowId })))
}

let slot = 0
async function booking(listingId: string, bookerUserId: string, status = 'completed') {
  // Each booking a slot of its own, so the overlap constraint never trips.
  const startsAt = new Date(now().getTime() - 30 * DAY + ++slot * 3 * 3_600_000)
  const [row] = await db()
    .insert(equipmentBookings)
    .values({
      listingId,
      unitNo: 1,
      bookerUserId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      purpose: '样品测试',
      status: status as 'completed',
      createdAt: startsAt,
      updatedAt: startsAt,
    })
    .returning()
  if (!row) throw new Error('booking not created')
  return row
}

let serial = 0
async function challenge(orgId: string, userId: string, title = '高精度谐波减速器寿命测试方案') {
  const at = now()
  const inDays = (d: number) => new Date(at.getTime() + d * DAY)
  const [row] = await db()
    .insert(challenges)
    .values({
      slug: `bounded-challenge-${++serial}-${Math.random().toString(36).slice(2, 8)}`,
      orgId,
      createdByUserId: userId,
      status: 'open',
      title: `${title} ${serial}`,
      summary: '征集谐波减速器加速寿命试验方案与测试服务。',
      details: '试验样品由发榜方提供。',
      segments: ['2.1'],
      type: 'testing_task',
      awardMode: 'fixed',
      awardFen: 20_000_000,
      bidDeadline: inDays(20),
      awardDeadline: inDays(30),
      deliveryDeadline: inDays(90),
      ipTerms: 'transfer',
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!row) throw new Error('challenge not created')
  await db().insert(challengeVersions).values({
    challengeId: row.id,
    version: 1,
    snapshot: {},
    createdByUserId: userId,
    createdAt: at,
  })
  return row
}

async function bid(challengeId: string, bidderUserId: string) {
  const at = now()
  await db().insert(challengeBids).values({
    challengeId,
    bidderUserId,
    status: 'submitted',
    priceFen: 20_000_000,
    timelineDays: 60,
    approach: '分阶段试验',
    team: '三名工程师',
    submittedAt: at,
    createdAt: at,
    updatedAt: at,
  })
}

describe('main pages send a bounded number of queries', () => {
  let maker: Person
  let lab: { id: string; ownerId: string }
  let owner: Person

  beforeAll(async () => {
    const client = meili()
    if (!client) throw new Error('the Meilisearch binary ships for linux-x64: tests need it')
    await applySettings(client)
    maker = await sessionFor((await createUser(db())).id)
    const labOwner = await createUser(db())
    const org = await createOrg(db(), { type: 'institute', ownerId: labOwner.id })
    lab = { id: org.id, ownerId: labOwner.id }
    owner = await sessionFor(labOwner.id)
  })

  it('/ (home)', async () => {
    await expectBounded(
      async (n) => {
        for (let i = 0; i < n; i++) {
          const space = await createSpace(db(), { operatorOrgId: lab.id })
          await createListing(db(), { orgId: lab.id })
          await admitToSpace(db(), {
            spaceId: space.id,
            userId: (await createUser(db())).id,
            stage: 'nursery',
            admittedOn: '2026-01-05',
          })
        }
      },
      async () => ({ queries: await queriesOf(home.loader, '/', null) }),
    )
  })

  it('/search and /equipment find indexed instruments', async () => {
    const grow = async (n: number) => {
      const ids: string[] = []
      for (let i = 0; i < n; i++) {
        const l = await createListing(db(), { orgId: lab.id, name: `原子力显微镜 有界${i}` })
        ids.push(l.id)
      }
      await indexed('equipment', ids)
    }
    await expectBoundedSearch(grow, () =>
      searchTotal(search.loader, `/search?q=${encodeURIComponent('原子力显微镜')}`, maker),
    )
    await expectBoundedSearch(grow, () => searchTotal(equipmentList.loader, '/equipment', null))
  })

  it('/equipment/:id with its reviews and bookings', async () => {
    const listing = await createListing(db(), { orgId: lab.id, instantBooking: true })
    for (const who of [null, maker]) {
      await expectBounded(
        async (n) => {
          for (let i = 0; i < n; i++) {
            const author = await createUser(db())
            const b = await booking(listing.id, author.id)
            await db()
              .insert(equipmentReviews)
              .values({
                bookingId: b.id,
                listingId: listing.id,
                authorUserId: author.id,
                rating: 4 + (i % 2),
                body: '操作规范，报告及时。',
                createdAt: now(),
              })
          }
        },
        async () => ({
          queries: await queriesOf(equipmentPage.loader, `/equipment/${listing.slug}`, who, {
            id: listing.slug,
          }),
        }),
      )
    }
  })

  it('/challenges and /challenges/:id with bids and questions', async () => {
    const poster = await createOrg(db(), { type: 'enterprise', ownerId: lab.ownerId })
    await expectBoundedSearch(
      async (n) => {
        const made: string[] = []
        for (let i = 0; i < n; i++) made.push((await challenge(poster.id, lab.ownerId)).id)
        await indexed('challenge', made)
      },
      () => searchTotal(challengeList.loader, '/challenges', maker),
    )
    const target = await challenge(poster.id, lab.ownerId)
    for (const who of [null, maker]) {
      await expectBounded(
        async (n) => {
          for (let i = 0; i < n; i++) {
            const asker = await createUser(db())
            await bid(target.id, asker.id)
            await db().insert(challengeQuestions).values({
              challengeId: target.id,
              askedByUserId: asker.id,
              question: '样品数量是多少？',
              answer: '二十件。',
              answeredByUserId: lab.ownerId,
              answeredAt: now(),
              createdAt: now(),
            })
          }
        },
        async () => ({
          queries: await queriesOf(challengePage.loader, `/challenges/${target.slug}`, who, {
            id: target.slug,
          }),
        }),
      )
    }
  })

  it('/campaigns and /campaigns/:slug with questions and updates', async () => {
    const investor = await createInvestor(db(), { verified: true })
    const viewer = await sessionFor(investor.user.id)
    await expectBoundedSearch(
      async (n) => {
        const made: string[] = []
        for (let i = 0; i < n; i++) made.push((await createCampaign(db())).id)
        await indexed('campaign', made)
      },
      () => searchTotal(campaignList.loader, '/campaigns', viewer),
    )
    const { org, owner: founder } = await createStartup(db())
    const campaign = await createCampaign(db(), { orgId: org.id, createdByUserId: founder.id })
    for (const who of [null, viewer]) {
      await expectBounded(
        async (n) => {
          for (let i = 0; i < n; i++) {
            await db().insert(campaignQuestions).values({
              campaignId: campaign.id,
              askedByUserId: investor.user.id,
              question: '中试线何时投产？',
              answer: '明年三月。',
              answeredByUserId: founder.id,
              answeredAt: now(),
              createdAt: now(),
            })
            await db().insert(campaignUpdates).values({
              campaignId: campaign.id,
              authorUserId: founder.id,
              title: '中试线进展',
              body: '设备已到厂。',
              createdAt: now(),
            })
          }
        },
        async () => ({
          queries: await queriesOf(campaignPage.loader, `/campaigns/${campaign.slug}`, who, {
            slug: campaign.slug,
          }),
        }),
      )
    }
  })

  it('/spaces and /spaces/:slug with members, events and instruments', async () => {
    await expectBounded(
      async (n) => {
        for (let i = 0; i < n; i++) await createSpace(db(), { operatorOrgId: lab.id })
      },
      async () => ({ queries: await queriesOf(spaceList.loader, '/spaces', maker) }),
    )
    const operator = await createOrg(db(), { type: 'space_operator', ownerId: lab.ownerId })
    const space = await createSpace(db(), { operatorOrgId: operator.id, segments: ['3.6'] })
    await expectBounded(
      async (n) => {
        const made: string[] = []
        for (let i = 0; i < n; i++) {
          const member = await createOrg(db(), { ownerId: (await createUser(db())).id })
          await admitToSpace(db(), {
            spaceId: space.id,
            orgId: member.id,
            stage: 'incubator',
            admittedOn: '2026-02-01',
          })
          const l = await createListing(db(), { orgId: member.id })
          made.push(l.id)
          await booking(l.id, maker.id)
          await createEvent(db(), { spaceId: space.id })
        }
        await indexed('equipment', made)
      },
      async () => ({
        queries: await queriesOf(spacePage.loader, `/spaces/${space.slug}`, null, {
          slug: space.slug,
        }),
      }),
    )
  })

  it('/events and /events/mine with registrations on waiting lists', async () => {
    const space = await createSpace(db(), { operatorOrgId: lab.id })
    await expectBounded(
      async (n) => {
        for (let i = 0; i < n; i++) {
          const event = await createEvent(db(), { spaceId: space.id, capacity: 1 })
          const at = now().getTime()
          await createRegistration(db(), { eventId: event.id, userId: (await createUser(db())).id })
          // Second in the queue behind someone who registered a minute earlier.
          await createRegistration(db(), {
            eventId: event.id,
            userId: (await createUser(db())).id,
            status: 'waitlisted',
            createdAt: new Date(at - 60_000),
          })
          await createRegistration(db(), {
            eventId: event.id,
            userId: maker.id,
            status: 'waitlisted',
            createdAt: new Date(at),
          })
        }
      },
      async () => ({
        events: await queriesOf(eventList.loader, '/events', maker),
        mine: await queriesOf(myEvents.loader, '/events/mine', maker),
      }),
    )
    // The places are still each registration's own, now that they are read at once.
    const { data } = await load(myEvents.loader, '/events/mine', maker)
    const { upcoming } = data as { upcoming: { status: string; position: number | null }[] }
    expect(upcoming.map((r) => [r.status, r.position])).toEqual(
      Array.from({ length: 15 }, () => ['waitlisted', 2]),
    )
  })

  it('/bookings, /bids, /notifications and /dashboard of a busy person', async () => {
    const poster = await createOrg(db(), { type: 'enterprise', ownerId: lab.ownerId })
    const listing = await createListing(db(), { orgId: lab.id })
    const pages: [Loader, string][] = [
      [myBookings.loader, '/bookings'],
      [myBids.loader, '/bids'],
      [notificationList.loader, '/notifications'],
      [dashboard.loader, '/dashboard'],
    ]
    for (const [loader, path] of pages) {
      await expectBounded(
        async (n) => {
          for (let i = 0; i < n; i++) {
            await booking(listing.id, maker.id, i % 2 ? 'completed' : 'paid')
            const c = await challenge(poster.id, lab.ownerId)
            await bid(c.id, maker.id)
            await db()
              .insert(notifications)
              .values({
                userId: maker.id,
                category: 'marketplace',
                kind: 'challenge.bid',
                params: { title: c.title },
                link: `/challenges/${c.slug}`,
                createdAt: now(),
              })
          }
        },
        async () => ({ queries: await queriesOf(loader, path, maker) }),
      )
    }
  })

  it('/equipment/mine and /challenges/mine of an organisation with many', async () => {
    await expectBounded(
      async (n) => {
        for (let i = 0; i < n; i++) {
          await createListing(db(), { orgId: lab.id })
          const c = await challenge(lab.id, lab.ownerId)
          await bid(c.id, (await createUser(db())).id)
        }
      },
      async () => ({
        equipment: await queriesOf(myEquipment.loader, '/equipment/mine', owner),
        challenges: await queriesOf(myChallenges.loader, '/challenges/mine', owner),
      }),
    )
  })
})
