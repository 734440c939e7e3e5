// Reserves a slot of an instrument: checks the listing's rules on the server's clock (opening
// hours in Shanghai time, blackout dates, lead time, whole units between min and max), then
// lets the database's exclusion constraint decide which unit, if any, is still free. A refusal
// for a taken slot offers the next free starts of the same length.
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  equipmentBookingEvents,
  equipmentBookings,
  equipmentListings,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { UserError } from '../problems.ts'
import { scheduleTimer } from '../timers/timers.server.ts'
import { liveBookingStatuses } from './booking.machine.ts'
import { BOOKING_EXPIRE_TIMER } from './cancel-booking.server.ts'
import { env } from '../../env.server.ts'
import { INSTANT_PAYMENT_MINUTES, weekdays } from './equipment-terms.ts'

type Listing = typeof equipmentListings.$inferSelect
export type Booking = typeof equipmentBookings.$inferSelect

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset reads
// local time exactly and needs no time-zone database.
const SHANGHAI_OFFSET = 8 * HOUR
/** How far ahead the next free slots are looked for. */
const SUGGESTION_DAYS = 14

/** The slot is taken on every unit; `nextFree` are up to three starts of the same length. */
export class SlotTakenError extends UserError {
  constructor(public readonly nextFree: Date[]) {
    super(
      'equipment:booking.errors.taken',
      'startsAt',
      Object.fromEntries(nextFree.map((d, i) => [`slot${i + 1}`, d.toISOString()])),
    )
  }
}

const localDate = (at: number) => new Date(at + SHANGHAI_OFFSET).toISOString().slice(0, 10)
const localMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET
const weekdayOf = (date: string) => weekdays[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]
const clockMs = (hhmm: string) =>
  Number(hhmm.slice(0, 2)) * HOUR + Number(hhmm.slice(3, 5)) * MINUTE

/** The listing's opening intervals on a local date, as UTC instants. */
export function openingOn(listing: Listing, date: string): [number, number][] {
  const day = weekdayOf(date)
  const midnight = localMidnight(date)
  return (day ? (listing.openingHours[day] ?? []) : []).map(([from, to]) => [
    midnight + clockMs(from),
    midnight + clockMs(to),
  ])
}

/** Why the listing's rules refuse [startsAt, endsAt) at `at`, as a message key; null if they allow it. */
export function slotRefusal(
  listing: Listing,
  startsAt: Date,
  endsAt: Date,
  at: Date,
): string | null {
  const start = startsAt.getTime()
  const end = endsAt.getTime()
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start)
    return 'equipment:booking.errors.times'
  const unit = listing.unitMinutes * MINUTE
  const length = end - start
  if (length % unit !== 0) return 'equipment:booking.errors.units'
  if (length / unit < listing.minUnits) return 'equipment:booking.errors.tooShort'
  if (length / unit > listing.maxUnits) return 'equipment:booking.errors.tooLong'
  if (start < at.getTime() + listing.leadTimeHours * HOUR)
    return 'equipment:booking.errors.leadTime'
  const blackouts = new Set(listing.blackoutDates)
  if (blackouts.has(localDate(start)) || blackouts.has(localDate(end - 1)))
    return 'equipment:booking.errors.blackout'
  const fits = openingOn(listing, localDate(start)).some(([from, to]) => from <= start && end <= to)
  if (!fits) return 'equipment:booking.errors.hours'
  return null
}

export type Held = { unitNo: number; from: number; to: number }

/** Live bookings of the listing whose blocked range meets [from, to). */
export async function heldBetween(
  tx: Tx,
  listingId: string,
  from: Date,
  to: Date,
): Promise<Held[]> {
  const rows = await tx
    .select({
      unitNo: equipmentBookings.unitNo,
      startsAt: equipmentBookings.startsAt,
      endsAt: equipmentBookings.endsAt,
      changeoverMinutes: equipmentBookings.changeoverMinutes,
    })
    .from(equipmentBookings)
    .where(
      and(
        eq(equipmentBookings.listingId, listingId),
        inArray(equipmentBookings.status, [...liveBookingStatuses]),
        sql`${equipmentBookings.blocked} && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`,
      ),
    )
  return rows.map((r) => ({
    unitNo: r.unitNo,
    from: r.startsAt.getTime(),
    to: r.endsAt.getTime() + r.changeoverMinutes * MINUTE,
  }))
}

/**
 * Up to `limit` starts after `startsAt` where a booking of the same length fits the listing's
 * rules and a unit is free, within the next two weeks. Candidates are the opening times in
 * steps of the booking unit (at most half an hour) and the moments existing bookings free up.
 */
export async function nextFreeSlots(
  tx: Tx,
  listing: Listing,
  input: { startsAt: Date; endsAt: Date; limit?: number },
): Promise<Date[]> {
  const at = now()
  const length = input.endsAt.getTime() - input.startsAt.getTime()
  if (!(length > 0)) return []
  const after = Math.max(input.startsAt.getTime(), at.getTime())
  const firstDay = localDate(after)
  const horizon = localMidnight(firstDay) + (SUGGESTION_DAYS + 1) * DAY
  const changeover = listing.changeoverMinutes * MINUTE
  const held = await heldBetween(tx, listing.id, new Date(after - DAY), new Date(horizon + DAY))
  const step = Math.min(listing.unitMinutes, 30) * MINUTE

  const candidates = new Set<number>(held.map((h) => h.to))
  for (let d = 0; d <= SUGGESTION_DAYS; d++) {
    const date = localDate(localMidnight(firstDay) + d * DAY + HOUR)
    for (const [from, to] of openingOn(listing, date)) {
      for (let t = from; t + length <= to; t += step) candidates.add(t)
    }
  }
  const free = (start: number) => {
    const end = start + length + changeover
    for (let unit = 1; unit <= listing.capacity; unit++) {
      if (!held.some((h) => h.unitNo === unit && h.from < end && start < h.to)) return true
    }
    return false
  }
  const found: Date[] = []
  for (const start of [...candidates].sort((a, b) => a - b)) {
    if (found.length >= (input.limit ?? 3)) break
    if (start <= input.startsAt.getTime() || start >= horizon) continue
    if (slotRefusal(listing, new Date(start), new Date(start + length), at) !== null) continue
    if (free(start)) found.push(new Date(start))
  }
  return found
}

const sqlState = (error: unknown): string | undefined => {
  for (let e = error; e instanceof Error || (typeof e === 'object' && e !== null);) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
    if (e === undefined) break
  }
  return undefined
}
const EXCLUSION_VIOLATION = '23P01'
// Two inserts that conflict with each other can each wait for the other inside the exclusion
// check; PostgreSQL breaks the tie by failing one with a deadlock, which only means "try again".
const DEADLOCK = '40P01'

export async function reserveSlot(
  tx: Tx,
  input: {
    listingId: string
    bookerUserId: string
    bookerOrgId?: string | null
    startsAt: Date
    endsAt: Date
    purpose: string
    serviceMode?: 'self_service' | 'operator_run'
  },
): Promise<Booking> {
  // Reservations of one listing take turns on its row. The exclusion constraint alone keeps
  // bookings apart, but many simultaneous inserts on a several-unit instrument, each in its
  // own savepoint, could leave PostgreSQL's backends waiting on one another's subtransactions
  // in a ring its deadlock check did not break; taking turns avoids the ring, and a
  // reservation is a few milliseconds.
  const listing = await tx
    .select()
    .from(equipmentListings)
    .where(eq(equipmentListings.id, input.listingId))
    .for('update')
    .then((r) => r[0])
  if (!listing || listing.status !== 'published')
    throw new UserError('equipment:booking.errors.unavailable')
  const at = now()
  const refusal = slotRefusal(listing, input.startsAt, input.endsAt, at)
  if (refusal) throw new UserError(refusal, 'startsAt')

  const status = listing.instantBooking ? 'awaiting_payment' : 'requested'
  const hold = listing.instantBooking
    ? INSTANT_PAYMENT_MINUTES * MINUTE
    : env().BOOKING_REQUEST_HOLD_HOURS * HOUR
  // A hold never outlives the slot it holds.
  const holdUntil = new Date(Math.min(at.getTime() + hold, input.startsAt.getTime()))

  // A reservation waits only for other reservations' short transactions; a wait longer than
  // this is a fault, and failing the request beats holding a connection for ever.
  await tx.execute(sql`set local lock_timeout = '15s'`)
  let booking: Booking | undefined
  for (let unitNo = 1; unitNo <= listing.capacity && !booking; unitNo++) {
    for (let attempt = 0; ; attempt++) {
      try {
        // A savepoint per unit: a refused insert rolls back alone and the next unit is tried.
        booking = await tx.transaction(async (sp) =>
          sp
            .insert(equipmentBookings)
            .values({
              listingId: listing.id,
              unitNo,
              bookerUserId: input.bookerUserId,
              bookerOrgId: input.bookerOrgId ?? null,
              startsAt: input.startsAt,
              endsAt: input.endsAt,
              changeoverMinutes: listing.changeoverMinutes,
              purpose: input.purpose,
              serviceMode: input.serviceMode ?? 'operator_run',
              status,
              holdUntil,
              createdAt: at,
              updatedAt: at,
            })
            .returning()
            .then((r) => r[0]),
        )
        break
      } catch (error) {
        const state = sqlState(error)
        if (state === DEADLOCK && attempt < 5) continue
        if (state === EXCLUSION_VIOLATION) break
        throw error
      }
    }
  }
  if (!booking) {
    throw new SlotTakenError(
      await nextFreeSlots(tx, listing, { startsAt: input.startsAt, endsAt: input.endsAt }),
    )
  }
  await recordNewBooking(tx, listing, booking, input.bookerUserId)
  return booking
}

async function recordNewBooking(tx: Tx, listing: Listing, booking: Booking, actorUserId: string) {
  await tx.insert(equipmentBookingEvents).values({
    bookingId: booking.id,
    action: listing.instantBooking ? 'book' : 'request',
    fromStatus: null,
    toStatus: booking.status,
    actorUserId,
    at: booking.createdAt,
  })
  if (booking.holdUntil)
    await scheduleTimer(tx, {
      kind: BOOKING_EXPIRE_TIMER,
      subjectId: booking.id,
      dueAt: booking.holdUntil,
    })
}

/** Samples already booked for testing on a local date, by live bookings. */
export async function samplesBookedOn(tx: Tx, listingId: string, date: string): Promise<number> {
  const from = new Date(localMidnight(date))
  const to = new Date(localMidnight(date) + DAY)
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${equipmentBookings.sampleCount}), 0)` })
    .from(equipmentBookings)
    .where(
      and(
        eq(equipmentBookings.listingId, listingId),
        eq(equipmentBookings.serviceMode, 'sample_testing'),
        inArray(equipmentBookings.status, [...liveBookingStatuses]),
        gte(equipmentBookings.startsAt, from),
        lt(equipmentBookings.startsAt, to),
      ),
    )
  return Number(row?.total ?? 0)
}

/**
 * Books samples for testing on a local date. The listing's samples per day is the limit, not
 * time on the instrument: the listing row is locked while the day's count is checked, so two
 * bookings cannot both take the last places.
 */
export async function reserveSamples(
  tx: Tx,
  input: {
    listingId: string
    bookerUserId: string
    bookerOrgId?: string | null
    date: string
    sampleCount: number
    sampleDescription: string
    shippingDetails: string
    purpose: string
  },
): Promise<Booking> {
  const listing = await tx
    .select()
    .from(equipmentListings)
    .where(eq(equipmentListings.id, input.listingId))
    .for('update')
    .then((r) => r[0])
  if (!listing || listing.status !== 'published')
    throw new UserError('equipment:booking.errors.unavailable')
  if (!listing.serviceModes.includes('sample_testing') || !listing.samplesPerDay)
    throw new UserError('bookings:errors.notSampleService', 'serviceMode')
  const at = now()
  const opening = openingOn(listing, input.date)
  const first = opening[0]
  const last = opening[opening.length - 1]
  if (!first || !last) throw new UserError('equipment:booking.errors.hours', 'date')
  if (listing.blackoutDates.includes(input.date))
    throw new UserError('equipment:booking.errors.blackout', 'date')
  // Samples must arrive before testing starts: the lead time runs to the day's opening.
  if (first[0] < at.getTime() + listing.leadTimeHours * HOUR)
    throw new UserError('equipment:booking.errors.leadTime', 'date')
  const left = listing.samplesPerDay - (await samplesBookedOn(tx, listing.id, input.date))
  if (input.sampleCount > left)
    throw new UserError('bookings:errors.samplesFull', 'sampleCount', {
      left: String(Math.max(left, 0)),
    })

  const status = listing.instantBooking ? 'awaiting_payment' : 'requested'
  const hold = listing.instantBooking
    ? INSTANT_PAYMENT_MINUTES * MINUTE
    : env().BOOKING_REQUEST_HOLD_HOURS * HOUR
  const holdUntil = new Date(Math.min(at.getTime() + hold, first[0]))
  const [booking] = await tx
    .insert(equipmentBookings)
    .values({
      listingId: listing.id,
      unitNo: 1,
      bookerUserId: input.bookerUserId,
      bookerOrgId: input.bookerOrgId ?? null,
      // The testing day's opening hours: what the lab commits to, and what calendars show.
      startsAt: new Date(first[0]),
      endsAt: new Date(last[1]),
      changeoverMinutes: 0,
      purpose: input.purpose,
      serviceMode: 'sample_testing',
      sampleCount: input.sampleCount,
      sampleDescription: input.sampleDescription,
      shippingDetails: input.shippingDetails,
      status,
      holdUntil,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!booking) throw new Error('booking not stored')
  await recordNewBooking(tx, listing, booking, input.bookerUserId)
  return booking
}
