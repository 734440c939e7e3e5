// Training records, no-show blocks and reviews of instruments, against real PostgreSQL: only the
// owner organisation's owners and admins keep training records; three no-shows within 90 days
// block a member from that owner's equipment for 30 days; only the booker reviews, once, and
// only a completed booking, which the review moves on; the listing's rating and search document
// follow.
import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  auditLog,
  equipmentBookingEvents,
  equipmentBookings,
  searchDocuments,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import type { BookingStatus } from '../../app/domains/equipment/booking.machine.ts'
import { noShowBlock, noShowBlockFrom } from '../../app/domains/equipment/no-show.server.ts'
import {
  listingRating,
  publicName,
  reviewBooking,
  reviewsOf,
} from '../../app/domains/equipment/reviews.server.ts'
import {
  isTrained,
  markTrained,
  revokeTraining,
  trainingsOf,
} from '../../app/domains/equipment/trainings.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import * as reviewRoute from '../../app/routes/bookings.$id.review.tsx'
import * as trainingPage from '../../app/routes/equipment.$id.training.tsx'
import { createListing } from '../factories/equipment.ts'
import { addOrgMember, createOrg, createUser } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'

afterEach(() => setNow(null))

const DAY = 86_400_000
const T0 = new Date('2026-03-01T02:00:00Z')
const day = (n: number) => new Date(T0.getTime() + n * DAY)
const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }

/** The catalogue key a use case refused with, or 'no refusal'. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'no refusal'
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
}

async function lab() {
  const owner = await createUser(db(), { name: '何静' })
  const org = await createOrg(db(), { type: 'institute', ownerId: owner.id })
  const listing = await createListing(db(), {
    orgId: org.id,
    serviceModes: ['self_service', 'operator_run'],
  })
  return { owner, org, listing }
}

let slot = 0
/** A booking put straight into a status, as the flows that lead there would leave it. */
async function bookingIn(
  status: BookingStatus,
  input: { listingId: string; bookerUserId: string; bookerOrgId?: string | null },
) {
  // Every booking a slot of its own, so the overlap constraint never trips.
  const startsAt = new Date(Date.UTC(2025, 0, 1, 1) + ++slot * DAY)
  const [booking] = await db()
    .insert(equipmentBookings)
    .values({
      listingId: input.listingId,
      unitNo: 1,
      bookerUserId: input.bookerUserId,
      bookerOrgId: input.bookerOrgId ?? null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      purpose: '样品测试',
      status,
      createdAt: startsAt,
      updatedAt: startsAt,
    })
    .returning()
  if (!booking) throw new Error('booking not created')
  return booking
}

async function noShowAt(listingId: string, bookerUserId: string, at: Date) {
  const booking = await bookingIn('no_show', { listingId, bookerUserId })
  await db().insert(equipmentBookingEvents).values({
    bookingId: booking.id,
    action: 'no-show',
    fromStatus: 'paid',
    toStatus: 'no_show',
    actorUserId: null,
    at,
  })
  return booking
}

describe('training records', () => {
  it('an owner marks a member trained by e-mail, sees who and when, and revokes it', async () => {
    const { owner, org, listing } = await lab()
    const maker = await createUser(db(), { name: '陈思远' })
    setNow(day(0))
    await markTrained({
      listingId: listing.id,
      email: ` ${maker.email?.toUpperCase() ?? ''} `,
      note: '完成操作培训与考核',
      actorUserId: owner.id,
    })
    expect(await isTrained(db(), listing.id, maker.id)).toBe(true)
    const [row] = await trainingsOf(listing.id)
    expect(row).toMatchObject({
      userId: maker.id,
      name: '陈思远',
      note: '完成操作培训与考核',
      trainedByName: '何静',
      trainedAt: day(0),
    })
    const logged = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, listing.id), eq(auditLog.action, 'mark-trained')))
    expect(logged.map((a) => [a.actorUserId, a.actingOrgId])).toEqual([[owner.id, org.id]])

    // A refresher moves the date on; there is still one record.
    setNow(day(10))
    await markTrained({ listingId: listing.id, userId: maker.id, actorUserId: owner.id })
    const again = await trainingsOf(listing.id)
    expect(again.map((r) => r.trainedAt)).toEqual([day(10)])

    await revokeTraining({ listingId: listing.id, userId: maker.id, actorUserId: owner.id })
    expect(await isTrained(db(), listing.id, maker.id)).toBe(false)
    expect(await trainingsOf(listing.id)).toEqual([])
    expect(
      await refusal(
        revokeTraining({ listingId: listing.id, userId: maker.id, actorUserId: owner.id }),
      ),
    ).toBe('equipment-care:errors.notTrained')
  })

  it('an admin of the lab may; a plain member or a stranger may not', async () => {
    const { org, listing } = await lab()
    const admin = await createUser(db())
    const member = await createUser(db())
    const stranger = await createUser(db())
    const maker = await createUser(db())
    await addOrgMember(db(), org.id, admin.id, 'admin')
    await addOrgMember(db(), org.id, member.id, 'member')
    const mark = (actorUserId: string) =>
      markTrained({ listingId: listing.id, email: maker.email ?? '', actorUserId })
    expect(await refusal(mark(member.id))).toBe('equipment-care:errors.notOwner')
    expect(await refusal(mark(stranger.id))).toBe('equipment-care:errors.notOwner')
    expect(await isTrained(db(), listing.id, maker.id)).toBe(false)
    expect(await refusal(mark(admin.id))).toBe('no refusal')
    expect(await isTrained(db(), listing.id, maker.id)).toBe(true)
    expect(
      await refusal(
        revokeTraining({ listingId: listing.id, userId: maker.id, actorUserId: member.id }),
      ),
    ).toBe('equipment-care:errors.notOwner')
  })

  it('an unknown e-mail is refused beside the field', async () => {
    const { owner, listing } = await lab()
    const error = await markTrained({
      listingId: listing.id,
      email: 'nobody-here@example.test',
      actorUserId: owner.id,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect(error).toMatchObject({
      messageKey: 'equipment-care:errors.userNotFound',
      field: 'email',
    })
  })

  it('the training page is the owners’: a stranger gets 404, the owner records by e-mail', async () => {
    const { owner, listing } = await lab()
    const stranger = await createUser(db())
    const maker = await createUser(db())
    const cookie = async (userId: string) =>
      `${sessionCookieName()}=${(await createSession(db(), userId)).token}`
    const post = async (userId: string, fields: Record<string, string>) =>
      trainingPage.action({
        request: new Request(`http://localhost/equipment/${listing.slug}/training`, {
          method: 'POST',
          headers: { cookie: await cookie(userId) },
          body: new URLSearchParams(fields),
        }),
        params: { id: listing.slug },
        context,
      })
    const denied = await post(stranger.id, { intent: 'mark', email: maker.email ?? '' }).catch(
      (r: unknown) => r,
    )
    expect(denied).toBeInstanceOf(Response)
    expect((denied as Response).status).toBe(404)

    const fromBooking = await post(owner.id, {
      intent: 'mark-user',
      userId: maker.id,
      redirectTo: '/bookings/some-booking',
    })
    expect(fromBooking).toBeInstanceOf(Response)
    expect((fromBooking as Response).headers.get('location')).toBe('/bookings/some-booking')
    expect(await isTrained(db(), listing.id, maker.id)).toBe(true)

    // Somewhere else than this site is not a place to be sent back to.
    const other = await createUser(db())
    const offsite = await post(owner.id, {
      intent: 'mark',
      email: other.email ?? '',
      redirectTo: '//evil.example/',
    })
    expect((offsite as Response).headers.get('location')).toBe(
      `/equipment/${listing.id}/training?notice=marked`,
    )
  })
})

describe('the no-show window', () => {
  const at = (n: number) => day(n)

  it('three no-shows at most 90 days apart block for 30 days from the third', () => {
    const times = [at(0), at(45), at(90)] // exactly 90 days from first to third
    expect(noShowBlockFrom(times, at(95))).toEqual({ until: at(120), count: 3 })
    expect(noShowBlockFrom(times, at(119.99))).toEqual({ until: at(120), count: 3 })
    // Exactly 30 days after the third, the block is over.
    expect(noShowBlockFrom(times, at(120))).toBeNull()
  })

  it('three spread over more than 90 days do not block', () => {
    expect(noShowBlockFrom([at(0), at(45), at(90.01)], at(95))).toBeNull()
    expect(noShowBlockFrom([at(0), at(50)], at(55))).toBeNull()
    expect(noShowBlockFrom([], at(55))).toBeNull()
  })

  it('with four, the latest run of three counts, and all four in its window are counted', () => {
    // 0, 10, 20 block until 50; with 60 the run 10–20–60 (50 days) blocks until 90.
    const times = [at(60), at(0), at(20), at(10)]
    expect(noShowBlockFrom(times, at(61))).toEqual({ until: at(90), count: 4 })
    expect(noShowBlockFrom(times, at(89))).toEqual({ until: at(90), count: 4 })
    expect(noShowBlockFrom(times, at(90))).toBeNull()
    // A fourth too far from the others leaves the earlier run's block as it was.
    const late = [at(0), at(10), at(20), at(200)]
    expect(noShowBlockFrom(late, at(25))).toEqual({ until: at(50), count: 3 })
    expect(noShowBlockFrom(late, at(205))).toBeNull()
  })

  it('counts the owner’s no-shows of that member, over all its listings, by the event time', async () => {
    const { org, listing } = await lab()
    const second = await createListing(db(), { orgId: org.id })
    const elsewhere = await createListing(db())
    const maker = await createUser(db())
    const other = await createUser(db())
    await noShowAt(listing.id, maker.id, day(0))
    await noShowAt(second.id, maker.id, day(40))
    // Another owner's no-show and another member's do not count.
    await noShowAt(elsewhere.id, maker.id, day(50))
    await noShowAt(listing.id, other.id, day(50))
    setNow(day(60))
    expect(await noShowBlock(db(), org.id, maker.id)).toBeNull()

    await noShowAt(listing.id, maker.id, day(80))
    setNow(day(81))
    expect(await noShowBlock(db(), org.id, maker.id)).toEqual({ until: day(110), count: 3 })
    expect(await noShowBlock(db(), org.id, other.id)).toBeNull()
    setNow(day(110))
    expect(await noShowBlock(db(), org.id, maker.id)).toBeNull()
  })
})

describe('reviews', () => {
  it('the booker reviews a completed booking once; it becomes reviewed', async () => {
    const { listing } = await lab()
    const maker = await createUser(db(), { name: '陈思远' })
    const booking = await bookingIn('completed', { listingId: listing.id, bookerUserId: maker.id })
    setNow(day(1))
    const review = await reviewBooking({
      bookingId: booking.id,
      userId: maker.id,
      rating: 5,
      body: '  设备状态很好，工程师讲解细致。 ',
    })
    expect(review).toMatchObject({ rating: 5, body: '设备状态很好，工程师讲解细致。' })
    const [after] = await db()
      .select()
      .from(equipmentBookings)
      .where(eq(equipmentBookings.id, booking.id))
    expect(after?.status).toBe('reviewed')
    const events = await db()
      .select()
      .from(equipmentBookingEvents)
      .where(eq(equipmentBookingEvents.bookingId, booking.id))
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorUserId])).toEqual([
      ['review', 'completed', 'reviewed', maker.id],
    ])
    expect(
      await refusal(reviewBooking({ bookingId: booking.id, userId: maker.id, rating: 1 })),
    ).toBe('equipment-care:errors.alreadyReviewed')
    expect(await listingRating(listing.id)).toEqual({ average: 5, count: 1 })
  })

  it('only the booker (or a member of the booking organisation) may review', async () => {
    const { owner, listing } = await lab()
    const maker = await createUser(db())
    const startupOwner = await createUser(db())
    const startup = await createOrg(db(), { ownerId: startupOwner.id })
    const colleague = await createUser(db())
    await addOrgMember(db(), startup.id, colleague.id, 'member')
    const mine = await bookingIn('completed', { listingId: listing.id, bookerUserId: maker.id })
    const theirs = await bookingIn('completed', {
      listingId: listing.id,
      bookerUserId: startupOwner.id,
      bookerOrgId: startup.id,
    })
    for (const userId of [owner.id, colleague.id])
      expect(await refusal(reviewBooking({ bookingId: mine.id, userId, rating: 4 }))).toBe(
        'equipment-care:errors.notYourBooking',
      )
    expect(
      await refusal(reviewBooking({ bookingId: theirs.id, userId: colleague.id, rating: 4 })),
    ).toBe('no refusal')
  })

  it('only from completed', async () => {
    const { listing } = await lab()
    const maker = await createUser(db())
    for (const status of ['paid', 'in_progress', 'cancelled', 'no_show'] as const) {
      const booking = await bookingIn(status, { listingId: listing.id, bookerUserId: maker.id })
      expect(
        await refusal(reviewBooking({ bookingId: booking.id, userId: maker.id, rating: 3 })),
      ).toBe('equipment-care:errors.notCompleted')
    }
    expect(await listingRating(listing.id)).toEqual({ average: null, count: 0 })
  })

  it('the rating is the mean to one decimal; reviews show a public name, newest first', async () => {
    const { listing } = await lab()
    const people = [
      await createUser(db(), { name: '陈思远' }),
      await createUser(db(), { name: 'Alice Wang' }),
      await createUser(db(), { name: '林晓彤' }),
    ]
    const ratings = [5, 4, 4]
    for (const [i, person] of people.entries()) {
      const booking = await bookingIn('completed', {
        listingId: listing.id,
        bookerUserId: person.id,
      })
      setNow(day(i))
      await reviewBooking({ bookingId: booking.id, userId: person.id, rating: ratings[i] ?? 0 })
    }
    expect(await listingRating(listing.id)).toEqual({ average: 4.3, count: 3 })
    const page = await reviewsOf(listing.id, { limit: 2, offset: 0 })
    expect(page.map((r) => [r.author, r.rating])).toEqual([
      ['林**', 4],
      ['Alice', 4],
    ])
    expect((await reviewsOf(listing.id, { limit: 2, offset: 2 })).map((r) => r.author)).toEqual([
      '陈**',
    ])

    // The search document carries the rating once the re-index job has run.
    await drainJobs()
    const [doc] = await db()
      .select()
      .from(searchDocuments)
      .where(eq(searchDocuments.rowId, listing.id))
    expect((doc?.doc as { facts: Record<string, unknown> }).facts).toMatchObject({
      rating: 4.3,
      reviewCount: 3,
    })
  })

  it('public names never show an e-mail or a number', () => {
    expect(publicName('王')).toBe('王*')
    expect(publicName('欧阳娜娜')).toBe('欧**')
    expect(publicName('someone@example.test')).toBe('')
    expect(publicName('user 13800138000')).toBe('')
    expect(publicName('Zhang')).toBe('Zhang')
  })

  it('the review action: errors come back as data with JavaScript, as a redirect without', async () => {
    const { listing } = await lab()
    const maker = await createUser(db())
    const booking = await bookingIn('in_progress', {
      listingId: listing.id,
      bookerUserId: maker.id,
    })
    const { token } = await createSession(db(), maker.id)
    const post = (fields: Record<string, string>) =>
      reviewRoute.action({
        request: new Request(`http://localhost/bookings/${booking.id}/review`, {
          method: 'POST',
          headers: { cookie: `${sessionCookieName()}=${token}` },
          body: new URLSearchParams(fields),
        }),
        params: { id: booking.id },
        context,
      })
    const scripted = await post({ js: '1', rating: '4', body: '很好' })
    expect(scripted.status).toBe(400)
    const reply = (await scripted.json()) as { result: { error: Record<string, string[]> } }
    expect(reply.result.error['']).toEqual(['equipment-care:errors.notCompleted'])

    const plain = await post({ rating: '4', body: '很好' })
    expect(plain.status).toBe(302)
    const to = new URL(plain.headers.get('location') ?? '', 'http://localhost')
    expect(to.pathname).toBe(`/bookings/${booking.id}`)
    expect(Object.fromEntries(to.searchParams)).toEqual({
      reviewError: 'equipment-care:errors.notCompleted',
      reviewRating: '4',
      reviewBody: '很好',
    })

    await db()
      .update(equipmentBookings)
      .set({ status: 'completed' })
      .where(eq(equipmentBookings.id, booking.id))
    const done = await post({ js: '1', rating: '4', body: '很好' })
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`/bookings/${booking.id}`)
  })
})
