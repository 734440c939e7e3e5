// Bookings of an instrument against real PostgreSQL: exactly as many of 200 simultaneous
// requests for one slot get through as the instrument has units; the changeover after each
// booking stays free, a booking that leaves the live set frees its slot, and the
// server refuses what the listing's rules forbid, offering the next free slots for a taken one.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { equipmentBookings } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { cancelBooking } from '../../app/domains/equipment/cancel-booking.server.ts'
import { bookingMachine } from '../../app/domains/equipment/booking.machine.ts'
import { reserveSlot, SlotTakenError } from '../../app/domains/equipment/reserve-slot.server.ts'
import { fireTransition } from '../../app/domains/lifecycle/transition.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import { createListing } from '../factories/equipment.ts'
import { addOrgMember, createUser } from '../factories/index.ts'

/** An instant in Shanghai local time. */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)

// Tuesday 1 September 2026, 08:00 in Shanghai.
const NOW = new Date('2026-09-01T00:00:00Z')
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

function reserve(
  listingId: string,
  bookerUserId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<typeof equipmentBookings.$inferSelect> {
  return db().transaction((tx) =>
    reserveSlot(tx, { listingId, bookerUserId, startsAt, endsAt, purpose: '样品表面形貌观察' }),
  )
}

async function refusal(work: Promise<unknown>): Promise<UserError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`)
  return error
}

async function race(listingId: string, attempts: number) {
  const booker = await createUser(db())
  const start = sh('2026-09-03', '10:00')
  const end = sh('2026-09-03', '12:00')
  const results = await Promise.allSettled(
    Array.from({ length: attempts }, () => reserve(listingId, booker.id, start, end)),
  )
  const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
  const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
  const taken = reasons.filter(
    (e) => e instanceof UserError && e.messageKey === 'equipment:booking.errors.taken',
  )
  const live = await db()
    .select({ unitNo: equipmentBookings.unitNo })
    .from(equipmentBookings)
    .where(eq(equipmentBookings.listingId, listingId))
  return { won, taken: taken.length, other: reasons.length - taken.length, live, reasons }
}

describe('reserving a slot', () => {
  it('lets exactly one of 200 simultaneous requests book a one-unit instrument', async () => {
    const listing = await createListing(db(), { instantBooking: true, capacity: 1 })
    const { won, taken, other, live, reasons } = await race(listing.id, 200)
    expect(other, String(reasons.find((e) => !(e instanceof UserError)))).toBe(0)
    expect(won).toHaveLength(1)
    expect(taken).toBe(199)
    expect(won[0]?.status).toBe('awaiting_payment')
    expect(live).toHaveLength(1)
  })

  it('lets exactly three through when the instrument has three identical units', async () => {
    const listing = await createListing(db(), { instantBooking: true, capacity: 3 })
    const { won, taken, other, live } = await race(listing.id, 200)
    expect(other).toBe(0)
    expect(won).toHaveLength(3)
    expect(taken).toBe(197)
    expect(live.map((b) => b.unitNo).sort()).toEqual([1, 2, 3])
  })

  it('keeps the changeover after a booking free, and offers the next free starts instead', async () => {
    const listing = await createListing(db(), { changeoverMinutes: 30 })
    const booker = await createUser(db())
    const day = '2026-09-03'
    const first = await reserve(listing.id, booker.id, sh(day, '10:00'), sh(day, '11:00'))
    expect(first.status).toBe('requested')

    const error = await refusal(reserve(listing.id, booker.id, sh(day, '11:00'), sh(day, '12:00')))
    expect(error.messageKey).toBe('equipment:booking.errors.taken')
    expect(error).toBeInstanceOf(SlotTakenError)
    expect(error.values).toEqual({
      slot1: sh(day, '11:30').toISOString(),
      slot2: sh(day, '12:00').toISOString(),
      slot3: sh(day, '12:30').toISOString(),
    })
    // A booking that would run into the next one's changeover is refused too.
    await reserve(listing.id, booker.id, sh(day, '14:00'), sh(day, '15:00'))
    const before = await refusal(reserve(listing.id, booker.id, sh(day, '13:00'), sh(day, '14:00')))
    expect(before.messageKey).toBe('equipment:booking.errors.taken')

    const offered = await reserve(listing.id, booker.id, sh(day, '11:30'), sh(day, '12:30'))
    expect(offered.unitNo).toBe(1)
  })

  it('allows back-to-back bookings when the listing has no changeover', async () => {
    const listing = await createListing(db(), { changeoverMinutes: 0 })
    const booker = await createUser(db())
    const day = '2026-09-03'
    await reserve(listing.id, booker.id, sh(day, '10:00'), sh(day, '11:00'))
    const next = await reserve(listing.id, booker.id, sh(day, '11:00'), sh(day, '12:00'))
    const previous = await reserve(listing.id, booker.id, sh(day, '09:00'), sh(day, '10:00'))
    expect([next.unitNo, previous.unitNo]).toEqual([1, 1])
  })

  it('refuses, on the server, what the opening hours, blackout dates, lead time and limits forbid', async () => {
    const booker = await createUser(db())
    const listing = await createListing(db(), {
      minUnits: 2,
      maxUnits: 3,
      blackoutDates: ['2026-09-04'],
    })
    const cases: [Date, Date, string][] = [
      [sh('2026-09-03', '08:00'), sh('2026-09-03', '10:00'), 'hours'],
      [sh('2026-09-03', '17:00'), sh('2026-09-03', '19:00'), 'hours'],
      [sh('2026-09-04', '10:00'), sh('2026-09-04', '12:00'), 'blackout'],
      [sh('2026-09-03', '10:00'), sh('2026-09-03', '11:00'), 'tooShort'],
      [sh('2026-09-03', '10:00'), sh('2026-09-03', '14:00'), 'tooLong'],
      [sh('2026-09-03', '10:00'), sh('2026-09-03', '12:30'), 'units'],
      [sh('2026-09-01', '06:00'), sh('2026-09-01', '08:00'), 'leadTime'],
    ]
    for (const [start, end, key] of cases) {
      const error = await refusal(reserve(listing.id, booker.id, start, end))
      expect(error.messageKey, `${start.toISOString()}–${end.toISOString()}`).toBe(
        `equipment:booking.errors.${key}`,
      )
    }
    const early = await createListing(db(), { leadTimeHours: 72 })
    const tooSoon = await refusal(
      reserve(early.id, booker.id, sh('2026-09-03', '10:00'), sh('2026-09-03', '11:00')),
    )
    expect(tooSoon.messageKey).toBe('equipment:booking.errors.leadTime')
    await reserve(early.id, booker.id, sh('2026-09-04', '10:00'), sh('2026-09-04', '11:00'))

    const draft = await createListing(db(), { status: 'draft' })
    const unavailable = await refusal(
      reserve(draft.id, booker.id, sh('2026-09-03', '10:00'), sh('2026-09-03', '11:00')),
    )
    expect(unavailable.messageKey).toBe('equipment:booking.errors.unavailable')
    expect(
      await db()
        .select()
        .from(equipmentBookings)
        .where(eq(equipmentBookings.listingId, listing.id)),
    ).toEqual([])
  })
})

describe('a booking that leaves the live set frees its slot', () => {
  const day = '2026-09-05'
  const slot = [sh(day, '10:00'), sh(day, '11:00')] as const

  it('when the booker or the owner cancels it', async () => {
    const owner = await createUser(db())
    const listing = await createListing(db())
    const { orgId } = listing
    // The factory made the lab with an owner of its own; this one joins it as a second owner.
    await addOrgMember(db(), orgId, owner.id, 'owner')
    const booker = await createUser(db())
    const stranger = await createUser(db())

    const booking = await reserve(listing.id, booker.id, ...slot)
    const notYours = await refusal(
      db().transaction((tx) =>
        cancelBooking(tx, { bookingId: booking.id, actorUserId: stranger.id }),
      ),
    )
    expect(notYours.messageKey).toBe('equipment:booking.errors.notYours')
    expect((await refusal(reserve(listing.id, booker.id, ...slot))).messageKey).toBe(
      'equipment:booking.errors.taken',
    )

    const cancelled = await db().transaction((tx) =>
      cancelBooking(tx, { bookingId: booking.id, actorUserId: booker.id, reason: '样品未到' }),
    )
    expect(cancelled.status).toBe('cancelled')
    const again = await reserve(listing.id, booker.id, ...slot)

    const byOwner = await db().transaction((tx) =>
      cancelBooking(tx, { bookingId: again.id, actorUserId: owner.id, reason: '设备检修' }),
    )
    expect(byOwner).toMatchObject({ status: 'cancelled', cancelFeeBp: 0 })
    const third = await reserve(listing.id, booker.id, ...slot)
    expect(third.status).toBe('requested')
    const twice = await refusal(
      db().transaction((tx) =>
        cancelBooking(tx, { bookingId: cancelled.id, actorUserId: booker.id }),
      ),
    )
    expect(twice.messageKey).toBe('equipment:booking.errors.cannotCancel')
  })

  it('when the owner declines the request', async () => {
    const listing = await createListing(db())
    const booker = await createUser(db())
    const booking = await reserve(listing.id, booker.id, ...slot)
    await db().transaction((tx) =>
      fireTransition(tx, {
        machine: bookingMachine,
        table: equipmentBookings,
        idColumn: equipmentBookings.id,
        statusColumn: equipmentBookings.status,
        statusKey: 'status',
        id: booking.id,
        action: 'decline',
        actorRoles: ['owner'],
      }),
    )
    const again = await reserve(listing.id, booker.id, ...slot)
    expect(again.unitNo).toBe(1)
  })

  it('when its hold runs out and the timer expires it', async () => {
    const listing = await createListing(db(), { instantBooking: true })
    const booker = await createUser(db())
    const booking = await reserve(listing.id, booker.id, ...slot)
    expect(booking.holdUntil).toEqual(new Date(NOW.getTime() + 2 * 3_600_000))

    // Not yet due: the slot stays held.
    setNow(new Date(NOW.getTime() + 3_600_000))
    await sweepTimers()
    expect((await refusal(reserve(listing.id, booker.id, ...slot))).messageKey).toBe(
      'equipment:booking.errors.taken',
    )

    setNow(new Date(NOW.getTime() + 3 * 3_600_000))
    await sweepTimers()
    const expired = await db()
      .select({ status: equipmentBookings.status })
      .from(equipmentBookings)
      .where(eq(equipmentBookings.id, booking.id))
    expect(expired).toEqual([{ status: 'expired' }])
    const again = await reserve(listing.id, booker.id, ...slot)
    expect(again.status).toBe('awaiting_payment')
  })
})
