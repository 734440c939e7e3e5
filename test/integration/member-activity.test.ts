// Members across the marketplaces, against real PostgreSQL: member badges (active memberships
// only, one query for many parties, on the pages that show them), the public members page by
// stage with graduates apart, and the operator's activity figures (bids won, bookings
// completed / all, money raised = collected commitments only) equal to values counted by hand
// from factory rows; the detail page is for the space's admins only.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  challengeBids,
  challenges,
  commitments,
  equipmentBookings,
  spaceMemberships,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import type { BidStatus } from '../../app/domains/challenges/challenge.machine.ts'
import type { BookingStatus } from '../../app/domains/equipment/booking.machine.ts'
import type { CommitmentStatus } from '../../app/domains/deals/deal.machine.ts'
import { memberBadgesOf } from '../../app/domains/spaces/member-badges.server.ts'
import { memberActivity, membersActivity } from '../../app/domains/spaces/member-activity.server.ts'
import * as membersPage from '../../app/routes/spaces.$slug.members._index.tsx'
import * as memberPage from '../../app/routes/spaces.$slug.members.$membershipId.tsx'
import * as orgPage from '../../app/routes/orgs.$slug.tsx'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import { createListing } from '../factories/equipment.ts'
import {
  createEvent,
  createMentor,
  createMentorSession,
  createRegistration,
} from '../factories/hubs.ts'
import { admitToSpace, createOrg, createSpace, createUser } from '../factories/index.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

let sequence = Math.floor(Math.random() * 90_000_000)

async function cookieOf(userId: string) {
  const { token } = await createSession(db(), userId)
  return `${sessionCookieName()}=${token}`
}

const get = (path: string, cookie?: string) =>
  new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} })

async function challengeOf(orgId: string) {
  const n = ++sequence
  const [c] = await db()
    .insert(challenges)
    .values({
      slug: `activity-challenge-${n}`,
      orgId,
      status: 'awarded',
      title: `电池极片缺陷检测算法 ${n}`,
      summary: '检测算法',
      type: 'rd_task',
      awardMode: 'fixed',
      awardFen: 20_000_000,
      bidDeadline: new Date(NOW.getTime() - 30 * DAY),
      awardDeadline: new Date(NOW.getTime() - 20 * DAY),
      deliveryDeadline: new Date(NOW.getTime() + 60 * DAY),
      ipTerms: 'transfer',
      publishedAt: new Date(NOW.getTime() - 40 * DAY),
      createdAt: new Date(NOW.getTime() - 40 * DAY),
      updatedAt: NOW,
    })
    .returning()
  if (!c) throw new Error('challenge')
  return c
}

async function bid(challengeId: string, userId: string, orgId: string | null, status: BidStatus) {
  await db().insert(challengeBids).values({
    challengeId,
    bidderUserId: userId,
    bidderOrgId: orgId,
    status,
    priceFen: 18_000_000,
    timelineDays: 60,
    approach: '方案',
    team: '团队',
    createdAt: NOW,
    updatedAt: NOW,
  })
}

let slot = 0
async function booking(
  listingId: string,
  userId: string,
  orgId: string | null,
  status: BookingStatus,
) {
  // Each booking its own hour, so none overlaps another on the instrument.
  const startsAt = new Date(NOW.getTime() - 50 * DAY + ++slot * 2 * HOUR)
  await db()
    .insert(equipmentBookings)
    .values({
      listingId,
      unitNo: 1,
      bookerUserId: userId,
      bookerOrgId: orgId,
      status,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      purpose: '测试',
      createdAt: NOW,
      updatedAt: NOW,
    })
}

async function commit(campaignId: string, amountFen: number, status: CommitmentStatus) {
  const investor = await createInvestor(db())
  await db().insert(commitments).values({
    campaignId,
    investorProfileId: investor.profile.id,
    userId: investor.user.id,
    amountFen,
    method: 'pay_now',
    status,
    termsVersion: 1,
    createdAt: NOW,
    updatedAt: NOW,
  })
}

async function world() {
  const operatorOwner = await createUser(db(), { name: '空间运营' })
  const operator = await createOrg(db(), { type: 'space_operator', ownerId: operatorOwner.id })
  const n = ++sequence
  const space = await createSpace(db(), {
    operatorOrgId: operator.id,
    slug: `activity-space-${n}`,
    name: `南山测试空间${n}`,
    nameEn: `Nanshan Test Space ${n}`,
  })
  const { org: startup, owner: founder } = await createStartup(db(), {
    name: `甲视觉科技有限公司${n}`,
  })
  const membership = await admitToSpace(db(), {
    spaceId: space.id,
    orgId: startup.id,
    stage: 'incubator',
    admittedOn: '2025-05-06',
  })
  const maker = await createUser(db(), { name: `林创客${n}` })
  const makerMembership = await admitToSpace(db(), {
    spaceId: space.id,
    userId: maker.id,
    stage: 'nursery',
    admittedOn: '2026-02-01',
  })
  return { operatorOwner, operator, space, startup, founder, membership, maker, makerMembership }
}

describe('member badges', () => {
  it('gives active memberships only, for many organisations and people at once', async () => {
    const w = await world()
    const other = await createSpace(db(), { operatorOrgId: w.operator.id, name: '另一个空间' })
    const left = await admitToSpace(db(), {
      spaceId: other.id,
      orgId: w.startup.id,
      stage: 'accelerator',
      admittedOn: '2024-01-01',
    })
    await db()
      .update(spaceMemberships)
      .set({ status: 'left', endedOn: '2025-01-01' })
      .where(eq(spaceMemberships.id, left.id))
    const stranger = await createOrg(db())
    const badges = await memberBadgesOf({
      orgIds: [w.startup.id, stranger.id, null],
      userIds: [w.maker.id, w.founder.id],
    })
    expect(badges.orgs).toEqual({
      [w.startup.id]: [
        {
          spaceSlug: w.space.slug,
          spaceName: w.space.name,
          spaceNameEn: w.space.nameEn,
          stage: 'incubator',
        },
      ],
    })
    expect(badges.users).toEqual({
      [w.maker.id]: [
        {
          spaceSlug: w.space.slug,
          spaceName: w.space.name,
          spaceNameEn: w.space.nameEn,
          stage: 'nursery',
        },
      ],
    })
  })

  it('shows on the organisation profile', async () => {
    const w = await world()
    const page = await orgPage.loader({
      request: get(`/orgs/${w.startup.slug}`),
      params: { slug: w.startup.slug },
      context: {},
    } as never)
    expect((page as { spaces: { spaceSlug: string; stage: string }[] }).spaces).toEqual([
      expect.objectContaining({ spaceSlug: w.space.slug, stage: 'incubator' }),
    ])
  })
})

describe('the members page', () => {
  it('shows everyone active members by stage and graduates apart; makers by name only', async () => {
    const w = await world()
    const graduate = await createStartup(db(), { name: '乙材料科技有限公司' })
    const g = await admitToSpace(db(), {
      spaceId: w.space.id,
      orgId: graduate.org.id,
      stage: 'accelerator',
      admittedOn: '2023-03-01',
    })
    await db()
      .update(spaceMemberships)
      .set({ status: 'graduated', endedOn: '2026-06-30' })
      .where(eq(spaceMemberships.id, g.id))
    const gone = await createOrg(db(), { name: '丙已关闭公司' })
    const c = await admitToSpace(db(), {
      spaceId: w.space.id,
      orgId: gone.id,
      stage: 'nursery',
      admittedOn: '2024-03-01',
    })
    await db()
      .update(spaceMemberships)
      .set({ status: 'closed', endedOn: '2025-06-30' })
      .where(eq(spaceMemberships.id, c.id))

    const data = (await membersPage.loader({
      request: get(`/spaces/${w.space.slug}/members`),
      params: { slug: w.space.slug },
      context: {},
    } as never)) as Awaited<ReturnType<typeof membersPage.loader>>
    expect(data.manage).toBeNull()
    expect(data.publicView.active.map((m) => [m.name, m.stage, m.kind, m.href])).toEqual([
      [w.startup.name, 'incubator', 'org', `/startups/${w.startup.slug}`],
      [w.maker.name, 'nursery', 'person', null],
    ])
    expect(data.publicView.active[0]?.oneLiner).toContain('柔性产线')
    expect(data.publicView.active[0]?.segments).toEqual(['3.6'])
    expect(data.publicView.graduated.map((m) => [m.name, m.endedOn])).toEqual([
      ['乙材料科技有限公司', '2026-06-30'],
    ])
  })
})

describe('activity figures', () => {
  it('count bids won, bookings and collected money as computed by hand', async () => {
    const w = await world()
    const poster = await createOrg(db())
    // Bids: the startup won two challenges (as itself); a third bid was rejected, a fourth lapsed;
    // its founder alone won one, which is not the startup's. The maker alone won one.
    const [c1, c2, c3, c4, c5, c6] = await Promise.all(
      Array.from({ length: 6 }, () => challengeOf(poster.id)),
    )
    if (!c1 || !c2 || !c3 || !c4 || !c5 || !c6) throw new Error('challenges')
    await bid(c1.id, w.founder.id, w.startup.id, 'awarded')
    await bid(c2.id, w.founder.id, w.startup.id, 'awarded')
    await bid(c3.id, w.founder.id, w.startup.id, 'rejected')
    await bid(c4.id, w.founder.id, w.startup.id, 'lapsed')
    await bid(c5.id, w.founder.id, null, 'awarded')
    await bid(c6.id, w.maker.id, null, 'awarded')

    // Bookings: the startup has 2 completed (one reviewed), 1 paid, 1 cancelled = 2 / 4; the
    // maker alone 1 completed of 2; the founder alone 1 (not the startup's).
    const listing = await createListing(db())
    await booking(listing.id, w.founder.id, w.startup.id, 'completed')
    await booking(listing.id, w.founder.id, w.startup.id, 'reviewed')
    await booking(listing.id, w.founder.id, w.startup.id, 'paid')
    await booking(listing.id, w.founder.id, w.startup.id, 'cancelled')
    await booking(listing.id, w.maker.id, null, 'completed')
    await booking(listing.id, w.maker.id, null, 'expired')
    await booking(listing.id, w.founder.id, null, 'completed')

    // Money: collected 300,000 + completed 200,000 count; committed, released and cancelled do not.
    const funded = await createCampaign(db(), {
      orgId: w.startup.id,
      createdByUserId: w.founder.id,
      status: 'funded',
    })
    await commit(funded.id, 30_000_000, 'collected')
    await commit(funded.id, 20_000_000, 'completed')
    await commit(funded.id, 5_000_000, 'released')
    const live = await createCampaign(db(), { orgId: w.startup.id, createdByUserId: w.founder.id })
    await commit(live.id, 40_000_000, 'committed')
    await commit(live.id, 1_000_000, 'cancelled')
    // Someone else's campaign does not count.
    const other = await createCampaign(db())
    await commit(other.id, 9_000_000, 'collected')

    const figures = await membersActivity(w.space.id)
    expect(figures[w.membership.id]).toEqual({
      bidsWon: 2,
      bookingsCompleted: 2,
      bookingsAll: 4,
      raisedFen: 50_000_000,
    })
    expect(figures[w.makerMembership.id]).toEqual({
      bidsWon: 1,
      bookingsCompleted: 1,
      bookingsAll: 2,
      raisedFen: 0,
    })

    // The detail lists what the figures count, plus sessions and events.
    const mentorUser = await createUser(db())
    const mentor = await createMentor(db(), { spaceId: w.space.id, userId: mentorUser.id })
    await createMentorSession(db(), {
      mentorId: mentor.id,
      membershipId: w.membership.id,
      requesterUserId: w.founder.id,
      requesterOrgId: w.startup.id,
      status: 'held',
      heldAt: new Date(NOW.getTime() - 3 * DAY),
      durationMinutes: 45,
    })
    await createMentorSession(db(), {
      mentorId: mentor.id,
      membershipId: w.membership.id,
      requesterUserId: w.founder.id,
      requesterOrgId: w.startup.id,
    })
    const event = await createEvent(db(), {
      spaceId: w.space.id,
      status: 'held',
      startsAt: new Date(NOW.getTime() - 5 * DAY),
    })
    await createRegistration(db(), {
      eventId: event.id,
      userId: w.founder.id,
      orgId: w.startup.id,
      status: 'attended',
    })
    const later = await createEvent(db(), { spaceId: w.space.id })
    await createRegistration(db(), { eventId: later.id, userId: w.founder.id, orgId: w.startup.id })

    const detail = await memberActivity(w.membership.id)
    if (!detail) throw new Error('detail')
    expect(detail.figures).toEqual({
      bidsWon: 2,
      bookingsCompleted: 2,
      bookingsAll: 4,
      raisedFen: 50_000_000,
      sessionsHeld: 1,
      eventsAttended: 1,
    })
    expect(detail.bids.map((b) => b.challengeSlug).sort()).toEqual([c1.slug, c2.slug].sort())
    expect(
      detail.campaigns
        .map((c) => [c.slug, c.collectedFen])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        [funded.slug, 50_000_000],
        [live.slug, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    expect(detail.sessions.map((s) => s.status).sort()).toEqual(['held', 'requested'])
    expect(detail.registrations.map((r) => r.status).sort()).toEqual(['attended', 'registered'])
    expect(detail.history.map((h) => h.action)).toEqual(['admit'])

    // The space admin sees the figures on the members page and the detail page.
    const adminCookie = await cookieOf(w.operatorOwner.id)
    const admin = (await membersPage.loader({
      request: get(`/spaces/${w.space.slug}/members`, adminCookie),
      params: { slug: w.space.slug },
      context: {},
    } as never)) as Awaited<ReturnType<typeof membersPage.loader>>
    expect(admin.manage?.active.find((m) => m.id === w.membership.id)?.activity).toEqual(
      figures[w.membership.id],
    )
    const page = await memberPage.loader({
      request: get(`/spaces/${w.space.slug}/members/${w.membership.id}`, adminCookie),
      params: { slug: w.space.slug, membershipId: w.membership.id },
      context: {},
    } as never)
    expect(page.figures.raisedFen).toBe(50_000_000)
  })

  it('keeps the detail page to the space admins', async () => {
    const w = await world()
    const args = (cookie?: string) =>
      ({
        request: get(`/spaces/${w.space.slug}/members/${w.membership.id}`, cookie),
        params: { slug: w.space.slug, membershipId: w.membership.id },
        context: {},
      }) as never
    const status = async (cookie?: string) => {
      try {
        await memberPage.loader(args(cookie))
        return 200
      } catch (e) {
        if (e instanceof Response) return e.status
        throw e
      }
    }
    expect(await status()).toBe(302)
    expect(await status(await cookieOf(w.founder.id))).toBe(404)
    expect(await status(await cookieOf(w.operatorOwner.id))).toBe(200)
  })
})
