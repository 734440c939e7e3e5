// The operator's figures (统计监测) from factory data, each equal to a value computed by hand.
// The data lives in 2011–2013 so that nothing another test writes today falls into its months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  challengeBids,
  bidEvents,
  challengeEvents,
  challenges,
  commitmentEvents,
  commitments,
  equipmentBookings,
  innovationVouchers,
  spaceMembershipEvents,
  spaceMemberships,
  voucherUseEvents,
  voucherUses,
} from '../../db/schema/index.ts'
import { eq } from 'drizzle-orm'
import { setNow } from '../../app/clock.server.ts'
import {
  figureDefinitions,
  figureIds,
  headlineFigures,
  platformFigures,
  spaceFigures,
  type SpaceFigures,
} from '../../app/domains/spaces/figures.server.ts'
import type { MembershipStatus, Stage } from '../../app/domains/spaces/membership.machine.ts'
import { admitToSpace, createOrg, createSpace, createUser } from '../factories/index.ts'
import {
  createEvent,
  createMentor,
  createMentorSession,
  createRegistration,
} from '../factories/hubs.ts'
import { createCampaign, createInvestor } from '../factories/deals.ts'
import { createListing } from '../factories/equipment.ts'

const HOUR = 3_600_000
/** A Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}+08:00`)

let n = 0
type Org = Awaited<ReturnType<typeof createOrg>>

async function member(
  spaceId: string,
  org: { orgId?: string; userId?: string },
  admittedOn: string,
  stage: Stage = 'nursery',
  end?: { status: Exclude<MembershipStatus, 'active'>; on: string },
) {
  const m = await admitToSpace(db(), { spaceId, ...org, stage, admittedOn })
  if (end) {
    await db()
      .update(spaceMemberships)
      .set({ status: end.status, endedOn: end.on })
      .where(eq(spaceMemberships.id, m.id))
    await db()
      .insert(spaceMembershipEvents)
      .values({
        membershipId: m.id,
        action: end.status === 'graduated' ? 'graduate' : end.status === 'left' ? 'leave' : 'close',
        fromStatus: 'active',
        toStatus: end.status,
        fromStage: stage,
        toStage: stage,
        on: end.on,
        at: new Date(),
      })
  }
  return m
}

async function moveStage(membershipId: string, from: Stage, to: Stage, on: string) {
  await db()
    .update(spaceMemberships)
    .set({ stage: to })
    .where(eq(spaceMemberships.id, membershipId))
  await db().insert(spaceMembershipEvents).values({
    membershipId,
    action: 'move',
    fromStatus: 'active',
    toStatus: 'active',
    fromStage: from,
    toStage: to,
    on,
    at: new Date(),
  })
}

/** A challenge published at `publishedAt`; awarded to a bid at `awardedAt` when given. */
async function challenge(input: {
  org: Org
  poster: string
  bidder: string
  publishedAt: Date
  awardFen?: number
  rangePriceFen?: number
  awardedAt?: Date
  lapsed?: boolean
}) {
  const range = input.rangePriceFen !== undefined
  const [c] = await db()
    .insert(challenges)
    .values({
      slug: `figures-challenge-${++n}-${Math.random().toString(36).slice(2, 8)}`,
      orgId: input.org.id,
      createdByUserId: input.poster,
      status: input.awardedAt ? 'awarded' : 'open',
      title: `统计测试任务 ${n}`,
      summary: '用于统计口径测试。',
      type: 'rd_task',
      awardMode: range ? 'range' : 'fixed',
      awardFen: range ? null : (input.awardFen ?? 500_000),
      budgetMinFen: range ? 100_000 : null,
      budgetMaxFen: range ? 5_000_000 : null,
      bidDeadline: new Date(input.publishedAt.getTime() + 10 * 24 * HOUR),
      awardDeadline: new Date(input.publishedAt.getTime() + 20 * 24 * HOUR),
      deliveryDeadline: new Date(input.publishedAt.getTime() + 90 * 24 * HOUR),
      ipTerms: 'transfer',
      publishedAt: input.publishedAt,
      createdAt: input.publishedAt,
      updatedAt: input.publishedAt,
    })
    .returning()
  if (!c) throw new Error('challenge not created')
  await db().insert(challengeEvents).values({
    challengeId: c.id,
    action: 'publish',
    fromStatus: 'draft',
    toStatus: 'open',
    at: input.publishedAt,
  })
  if (input.awardedAt) {
    const [bid] = await db()
      .insert(challengeBids)
      .values({
        challengeId: c.id,
        bidderUserId: input.bidder,
        status: input.lapsed ? 'lapsed' : 'awarded',
        priceFen: input.rangePriceFen ?? input.awardFen ?? 500_000,
        submittedAt: input.publishedAt,
        createdAt: input.publishedAt,
        updatedAt: input.awardedAt,
      })
      .returning()
    if (!bid) throw new Error('bid not created')
    await db().insert(bidEvents).values({
      bidId: bid.id,
      action: 'award',
      fromStatus: 'submitted',
      toStatus: 'awarded',
      at: input.awardedAt,
    })
    await db().insert(challengeEvents).values({
      challengeId: c.id,
      action: 'award',
      fromStatus: 'reviewing',
      toStatus: 'awarded',
      at: input.awardedAt,
    })
  }
  return c
}

async function commitment(input: {
  campaignId: string
  amountFen: number
  status: 'committed' | 'collected' | 'released'
  collectedAt?: Date
}) {
  const investor = await createInvestor(db())
  const [c] = await db()
    .insert(commitments)
    .values({
      campaignId: input.campaignId,
      investorProfileId: investor.profile.id,
      userId: investor.user.id,
      amountFen: input.amountFen,
      method: 'pay_now',
      status: input.status,
      termsVersion: 1,
      createdAt: bj('2012-05-01T10:00:00'),
      updatedAt: bj('2012-05-01T10:00:00'),
    })
    .returning()
  if (!c) throw new Error('commitment not created')
  if (input.collectedAt)
    await db().insert(commitmentEvents).values({
      commitmentId: c.id,
      action: 'collect',
      fromStatus: 'committed',
      toStatus: 'collected',
      at: input.collectedAt,
    })
  return c
}

async function booking(input: {
  listingId: string
  bookerUserId: string
  from: string
  to: string
  status: 'paid' | 'completed' | 'cancelled'
  serviceMode?: 'operator_run' | 'sample_testing'
}) {
  const [b] = await db()
    .insert(equipmentBookings)
    .values({
      listingId: input.listingId,
      unitNo: 1,
      bookerUserId: input.bookerUserId,
      startsAt: bj(input.from),
      endsAt: bj(input.to),
      status: input.status,
      serviceMode: input.serviceMode ?? 'operator_run',
      sampleCount: input.serviceMode === 'sample_testing' ? 3 : null,
      createdAt: bj('2012-08-01T10:00:00'),
      updatedAt: bj('2012-08-01T10:00:00'),
    })
    .returning()
  if (!b) throw new Error('booking not created')
  return b
}

const month = (f: SpaceFigures, id: (typeof figureIds)[number], m: string) =>
  f.byMonth[id].find((r) => r.month === m)

describe('operator figures', () => {
  let spaceId = ''
  let otherSpaceId = ''
  let a: Org
  let figures2012: SpaceFigures

  beforeAll(async () => {
    setNow(bj('2013-03-15T12:00:00'))
    const operatorOwner = await createUser(db())
    const operator = await createOrg(db(), { type: 'space_operator', ownerId: operatorOwner.id })
    const space = await createSpace(db(), { operatorOrgId: operator.id, name: '统计测试空间' })
    spaceId = space.id
    const poster = await createUser(db())
    const orgs = await Promise.all(
      ['A', 'B', 'C', 'D', 'E', 'F', 'N', 'G'].map((x) =>
        createOrg(db(), { name: `统计测试企业${x}${Math.random().toString(36).slice(2, 6)}` }),
      ),
    )
    const [A, B, C, D, E, F, N, G] = orgs as [Org, Org, Org, Org, Org, Org, Org, Org]
    a = A
    const maker = await createUser(db())

    // Members: A moves to the incubator; B graduates; C leaves (still operating); D closes in
    // the period; E closes after 2012 ends; F joins in 2012; a maker joins in April.
    const mA = await member(spaceId, { orgId: A.id }, '2011-01-10')
    await moveStage(mA.id, 'nursery', 'incubator', '2012-03-20')
    await member(spaceId, { orgId: B.id }, '2011-02-01', 'nursery', {
      status: 'graduated',
      on: '2012-05-31',
    })
    await member(spaceId, { orgId: C.id }, '2011-03-01', 'nursery', {
      status: 'left',
      on: '2012-01-15',
    })
    await member(spaceId, { orgId: D.id }, '2011-01-20', 'nursery', {
      status: 'closed',
      on: '2012-06-10',
    })
    await member(spaceId, { orgId: E.id }, '2011-05-01', 'nursery', {
      status: 'closed',
      on: '2013-02-01',
    })
    await member(spaceId, { orgId: F.id }, '2012-02-15')
    await member(spaceId, { userId: maker.id }, '2012-04-01')

    // A second space sharing member A, with G of its own: for the platform view.
    const operator2 = await createOrg(db(), { type: 'space_operator' })
    const space2 = await createSpace(db(), { operatorOrgId: operator2.id })
    otherSpaceId = space2.id
    await member(otherSpaceId, { orgId: A.id }, '2012-01-01')
    await member(otherSpaceId, { orgId: G.id }, '2012-07-01')

    // Challenges.
    await challenge({
      org: operator,
      poster: poster.id,
      bidder: maker.id,
      publishedAt: bj('2012-03-05T10:00:00'),
      awardFen: 500_000,
      awardedAt: bj('2012-04-10T15:00:00'),
    })
    // Published at 01:00 Beijing on 1 April (still 31 March in UTC): an April challenge.
    await challenge({
      org: A,
      poster: poster.id,
      bidder: maker.id,
      publishedAt: bj('2012-04-01T01:00:00'),
      rangePriceFen: 1_234_500,
      awardedAt: bj('2012-04-20T09:00:00'),
    })
    // A non-member's challenge, awarded: counted nowhere.
    await challenge({
      org: N,
      poster: poster.id,
      bidder: maker.id,
      publishedAt: bj('2012-03-08T10:00:00'),
      awardFen: 9_900_000,
      awardedAt: bj('2012-04-12T10:00:00'),
    })
    // C had left by then.
    await challenge({
      org: C,
      poster: poster.id,
      bidder: maker.id,
      publishedAt: bj('2012-02-10T10:00:00'),
    })
    // Posted by A, awarded, but the award lapsed: posted, not awarded.
    await challenge({
      org: A,
      poster: poster.id,
      bidder: maker.id,
      publishedAt: bj('2012-03-10T10:00:00'),
      awardFen: 700_000,
      awardedAt: bj('2012-04-05T10:00:00'),
      lapsed: true,
    })

    // Events: one held in May with six registrations, one still published, one cancelled.
    const held = await createEvent(db(), {
      spaceId,
      status: 'held',
      startsAt: bj('2012-05-20T14:00:00'),
      endsAt: bj('2012-05-20T17:00:00'),
    })
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser(db())))
    const statuses = [
      'attended',
      'attended',
      'attended',
      'registered',
      'waitlisted',
      'cancelled',
    ] as const
    for (const [i, status] of statuses.entries())
      await createRegistration(db(), {
        eventId: held.id,
        userId: people[i]?.id ?? '',
        status,
        createdAt: bj('2012-05-10T10:00:00'),
      })
    await createEvent(db(), { spaceId, startsAt: bj('2012-05-25T14:00:00') })
    await createEvent(db(), {
      spaceId,
      status: 'cancelled',
      startsAt: bj('2012-05-26T14:00:00'),
    })

    // Mentor sessions: two held in May (90 and 60 minutes), one accepted, one held in June.
    const mentor = await createMentor(db(), { spaceId, userId: (await createUser(db())).id })
    const session = (status: 'held' | 'accepted', heldAt?: Date, durationMinutes?: number) =>
      createMentorSession(db(), {
        mentorId: mentor.id,
        membershipId: mA.id,
        requesterUserId: poster.id,
        status,
        heldAt,
        durationMinutes,
      })
    await session('held', bj('2012-05-03T14:00:00'), 90)
    await session('held', bj('2012-05-28T14:00:00'), 60)
    await session('accepted', bj('2012-05-30T14:00:00'))
    await session('held', bj('2012-06-02T14:00:00'), 60)

    // Money: A's campaign collects ¥30,000 in June; a commitment only committed and one
    // collected then released do not count; nor does a non-member's collection.
    const campaignA = await createCampaign(db(), { orgId: A.id, status: 'funded' })
    await commitment({
      campaignId: campaignA.id,
      amountFen: 3_000_000,
      status: 'collected',
      collectedAt: bj('2012-06-10T10:00:00'),
    })
    await commitment({ campaignId: campaignA.id, amountFen: 2_000_000, status: 'committed' })
    await commitment({
      campaignId: campaignA.id,
      amountFen: 1_500_000,
      status: 'released',
      collectedAt: bj('2012-06-11T10:00:00'),
    })
    const campaignN = await createCampaign(db(), { orgId: N.id, status: 'funded' })
    await commitment({
      campaignId: campaignN.id,
      amountFen: 4_000_000,
      status: 'collected',
      collectedAt: bj('2012-06-10T10:00:00'),
    })

    // Equipment: A's instrument, open 09:00–18:00 daily, blacked out on 30 September.
    const listing = await createListing(db(), {
      orgId: A.id,
      publishedAt: bj('2012-01-01T00:00:00'),
      blackoutDates: ['2012-09-30'],
    })
    const booker = await createUser(db())
    await booking({
      listingId: listing.id,
      bookerUserId: booker.id,
      from: '2012-09-10T09:00:00',
      to: '2012-09-10T13:00:00',
      status: 'completed',
    })
    await booking({
      listingId: listing.id,
      bookerUserId: booker.id,
      from: '2012-09-11T10:00:00',
      to: '2012-09-11T12:00:00',
      status: 'paid',
    })
    await booking({
      listingId: listing.id,
      bookerUserId: booker.id,
      from: '2012-09-13T10:00:00',
      to: '2012-09-13T15:00:00',
      status: 'cancelled',
    })
    const sample = await booking({
      listingId: listing.id,
      bookerUserId: booker.id,
      from: '2012-09-12T09:00:00',
      to: '2012-09-12T18:00:00',
      status: 'completed',
      serviceMode: 'sample_testing',
    })
    const outsider = await createListing(db(), {
      orgId: N.id,
      publishedAt: bj('2012-01-01T00:00:00'),
    })
    await booking({
      listingId: outsider.id,
      bookerUserId: booker.id,
      from: '2012-09-10T09:00:00',
      to: '2012-09-10T18:00:00',
      status: 'completed',
    })
    const [voucher] = await db()
      .insert(innovationVouchers)
      .values({
        orgId: F.id,
        issuer: '苏州市科技局',
        reference: `SZ-${Math.random().toString(36).slice(2, 8)}`,
        amountFen: 1_000_000,
        expiresOn: '2013-12-31',
        createdAt: bj('2012-08-01T10:00:00'),
      })
      .returning()
    const [use] = await db()
      .insert(voucherUses)
      .values({
        voucherId: voucher?.id ?? '',
        bookingId: sample.id,
        providerOrgId: A.id,
        amountFen: 80_000,
        status: 'reimbursed',
        createdAt: bj('2012-09-01T10:00:00'),
        updatedAt: bj('2012-10-08T10:00:00'),
      })
      .returning()
    await db()
      .insert(voucherUseEvents)
      .values({
        voucherUseId: use?.id ?? '',
        action: 'reimburse',
        fromStatus: 'submitted',
        toStatus: 'reimbursed',
        at: bj('2012-10-08T10:00:00'),
      })

    figures2012 = await spaceFigures({ spaceId, fromMonth: '2012-01', toMonth: '2012-12' })
  })

  afterAll(() => setNow(null))

  it('defines every figure once, with its name, formula and tables', () => {
    expect(figureDefinitions.map((d) => d.id)).toEqual([...figureIds])
    for (const d of figureDefinitions) {
      expect(d.nameKey).toBe(`figures:figure.${d.id}.name`)
      expect(d.tables.length).toBeGreaterThan(0)
    }
    expect(figures2012.months).toHaveLength(12)
  })

  it('counts organisations and makers served on any day of the month, and distinct over the period', () => {
    expect(month(figures2012, 'startupsServed', '2012-05')?.value).toBe(5) // A B D E F
    expect(month(figures2012, 'startupsServed', '2012-06')?.value).toBe(4) // A D E F
    expect(month(figures2012, 'startupsServed', '2012-01')?.value).toBe(5) // A B C D E
    expect(figures2012.total.startupsServed.value).toBe(6)
    expect(month(figures2012, 'makersServed', '2012-03')?.value).toBe(0)
    expect(month(figures2012, 'makersServed', '2012-04')?.value).toBe(1)
  })

  it('reads each member’s stage at the month’s end, after a move', () => {
    expect(month(figures2012, 'membersByStage', '2012-02')).toMatchObject({
      value: 5,
      components: { nursery: 5, incubator: 0, accelerator: 0 },
    })
    expect(month(figures2012, 'membersByStage', '2012-03')).toMatchObject({
      value: 5,
      components: { nursery: 4, incubator: 1, accelerator: 0 },
    })
    // End of 2012: A (incubator), E, F and the maker (nursery).
    expect(figures2012.total.membersByStage).toMatchObject({
      value: 4,
      components: { nursery: 3, incubator: 1 },
    })
  })

  it('survival counts graduated, left and active members as surviving, closed ones not', () => {
    // Admitted by 2011-12-31: A B C D E; D closed in June; E only in 2013.
    expect(month(figures2012, 'survival12', '2012-12')).toMatchObject({
      value: 0.8,
      components: { surviving: 4, base: 5 },
    })
    expect(month(figures2012, 'survival12', '2012-05')).toMatchObject({
      value: 1,
      components: { surviving: 5, base: 5 },
    })
    expect(month(figures2012, 'survival12', '2012-04')?.components).toEqual({
      surviving: 4,
      base: 4,
    })
    // Nobody was admitted two years before 2012 ended.
    expect(month(figures2012, 'survival24', '2012-12')).toMatchObject({
      value: null,
      components: { base: 0 },
    })
  })

  it('reads survival of this month as of today', async () => {
    const march = await spaceFigures({ spaceId, fromMonth: '2013-03', toMonth: '2013-03' })
    // Today 2013-03-15: admitted by 2011-03-15 are A B C D (24 months), D closed.
    expect(march.total.survival24).toMatchObject({
      value: 0.75,
      components: { surviving: 3, base: 4 },
    })
    // Admitted by 2012-03-15: all six; D and E closed.
    expect(march.total.survival12.components).toEqual({ surviving: 4, base: 6 })
  })

  it('counts challenges of the operator and of members that day, in Beijing months', () => {
    expect(month(figures2012, 'challengesPosted', '2012-02')?.value).toBe(0)
    expect(month(figures2012, 'challengesPosted', '2012-03')?.value).toBe(2)
    expect(month(figures2012, 'challengesPosted', '2012-04')?.value).toBe(1)
    expect(month(figures2012, 'challengesAwarded', '2012-04')?.value).toBe(2)
    expect(month(figures2012, 'awardValue', '2012-04')?.value).toBe(500_000 + 1_234_500)
    expect(figures2012.total.challengesPosted.value).toBe(3)
  })

  it('measures utilisation of member instruments as booked hours over open hours', () => {
    // 30 days less one blackout day, 9 hours a day; 4 + 2 hours booked (sample testing aside).
    expect(month(figures2012, 'utilisation', '2012-09')?.components).toEqual({
      bookedHours: 6,
      openHours: 261,
    })
    expect(month(figures2012, 'utilisation', '2012-09')?.value).toBeCloseTo(6 / 261, 10)
    expect(month(figures2012, 'bookings', '2012-09')?.value).toBe(3)
    expect(month(figures2012, 'vouchersRedeemed', '2012-09')?.value).toBe(0)
    expect(month(figures2012, 'vouchersRedeemed', '2012-10')?.value).toBe(1)
    expect(month(figures2012, 'voucherValue', '2012-10')?.value).toBe(80_000)
    // 2012 open hours: 366 days less one blackout, 9 hours each.
    expect(figures2012.total.utilisation.components).toEqual({
      bookedHours: 6,
      openHours: 365 * 9,
    })
  })

  it('counts collected money of member startups, not committed or released money', () => {
    expect(month(figures2012, 'moneyRaised', '2012-06')).toMatchObject({
      value: 3_000_000,
      components: { commitments: 1, startups: 1 },
    })
    expect(figures2012.total.moneyRaised.value).toBe(3_000_000)
  })

  it('counts events held, their registrations and attendance, and mentor sessions', () => {
    expect(month(figures2012, 'eventsHeld', '2012-05')?.value).toBe(1)
    expect(month(figures2012, 'registrations', '2012-05')).toMatchObject({
      value: 5,
      components: { seated: 4, waitlisted: 1 },
    })
    expect(month(figures2012, 'attendance', '2012-05')?.value).toBe(3)
    expect(month(figures2012, 'mentorSessions', '2012-05')).toMatchObject({
      value: 2,
      components: { hours: 2.5 },
    })
    expect(month(figures2012, 'mentorSessions', '2012-06')?.value).toBe(1)
  })

  it('platform totals count an organisation in two spaces once', async () => {
    const other = await spaceFigures({
      spaceId: otherSpaceId,
      fromMonth: '2012-01',
      toMonth: '2012-12',
    })
    expect(other.total.startupsServed.value).toBe(2) // A and G
    const { spaces, platform } = await platformFigures({ fromMonth: '2012-01', toMonth: '2012-12' })
    expect(spaces.find((s) => s.space.id === spaceId)?.figures.total.startupsServed.value).toBe(6)
    // A B C D E F G: seven, not 6 + 2.
    expect(platform.total.startupsServed.value).toBe(7)
    expect(month(platform, 'awardValue', '2012-04')?.value).toBe(500_000 + 1_234_500)
  })

  it('gives the public page this year’s headline figures', async () => {
    setNow(bj('2012-12-20T12:00:00'))
    try {
      const headline = await headlineFigures(spaceId)
      expect(headline).toMatchObject({
        year: '2012',
        startupsServed: 6,
        membersNow: 4,
        challengesAwarded: 2,
        awardValueFen: 1_734_500,
        moneyRaisedFen: 3_000_000,
        eventsHeld: 1,
      })
    } finally {
      setNow(bj('2013-03-15T12:00:00'))
    }
    expect(a.id).toBeTruthy()
  })
})
