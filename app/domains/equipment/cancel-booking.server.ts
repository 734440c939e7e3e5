// Cancels a booking for its booker or the instrument's owner, and expires one whose hold ran
// out (the timer kind registered here). Both move it out of the live set through the machine,
// which is what frees its slot: the exclusion constraint only covers live bookings.
import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  equipmentBookingEvents,
  equipmentBookings,
  equipmentListings,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { roleInOrg } from '../orgs/org-role.server.ts'
import { UserError } from '../problems.ts'
import { cancelTimers, registerTimer } from '../timers/timers.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { settleEndedBooking, shanghaiTime } from './booking-money.server.ts'
import { parsePriceList } from './listing-facts.ts'
import { bookingMachine, type BookingAction, type BookingRole } from './booking.machine.ts'

export const BOOKING_EXPIRE_TIMER = 'booking.expire'

type Booking = typeof equipmentBookings.$inferSelect

/** One transition of a booking, with its history row; leaving a holding state ends its expiry timer. */
export async function moveBooking(
  tx: Tx,
  input: {
    bookingId: string
    action: BookingAction
    actorRoles: readonly BookingRole[]
    actorUserId: string | null
    note?: string | null
    set?: Partial<Booking>
  },
): Promise<Booking> {
  const at = now()
  const { from, to } = await fireTransition(tx, {
    machine: bookingMachine,
    table: equipmentBookings,
    idColumn: equipmentBookings.id,
    statusColumn: equipmentBookings.status,
    statusKey: 'status',
    id: input.bookingId,
    action: input.action,
    actorRoles: input.actorRoles,
    set: { ...input.set, updatedAt: at },
  })
  await tx.insert(equipmentBookingEvents).values({
    bookingId: input.bookingId,
    action: input.action,
    fromStatus: from,
    toStatus: to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
    at,
  })
  // Out of the holding states, nothing is left for the expiry timer to do (when it is the
  // timer firing, the sweeper marks it fired itself).
  if (input.action !== 'expire') await cancelTimers(tx, BOOKING_EXPIRE_TIMER, input.bookingId)
  const booking = await tx
    .select()
    .from(equipmentBookings)
    .where(eq(equipmentBookings.id, input.bookingId))
    .then((r) => r[0])
  if (!booking) throw new Error(`booking ${input.bookingId} vanished`)
  return booking
}

export async function cancelBooking(
  tx: Tx,
  input: { bookingId: string; actorUserId: string; reason?: string },
): Promise<Booking> {
  const row = await tx
    .select({ booking: equipmentBookings, listing: equipmentListings })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(eq(equipmentBookings.id, input.bookingId))
    .for('update', { of: equipmentBookings })
    .then((r) => r[0])
  if (!row) throw new UserError('equipment:booking.errors.notFound')
  const { booking, listing } = row

  const roles: BookingRole[] = []
  const bookerRole = booking.bookerOrgId
    ? await roleInOrg(tx, booking.bookerOrgId, input.actorUserId)
    : undefined
  if (booking.bookerUserId === input.actorUserId || bookerRole) roles.push('booker')
  const ownerRole = await roleInOrg(tx, listing.orgId, input.actorUserId)
  // Plain members of the owning lab do not cancel a customer's booking; owners and admins do.
  if (ownerRole === 'owner' || ownerRole === 'admin') roles.push('owner')
  if (roles.length === 0) throw new UserError('equipment:booking.errors.notYours')

  // Only a booker who cancels a paid booking late pays the listing's late fee; an owner's
  // cancellation, or one before any money moved, costs the booker nothing.
  // The policy is the price list's, as the booker saw it quoted.
  const policy = parsePriceList(listing.priceBlocks)?.cancellation ?? {
    freeUntilHours: listing.cancelFreeHours,
    lateFeeBp: listing.cancelLateFeeBp,
  }
  const at = now()
  const late = booking.startsAt.getTime() - at.getTime() < policy.freeUntilHours * 3_600_000
  const feeBp = !roles.includes('owner') && booking.status === 'paid' && late ? policy.lateFeeBp : 0

  let cancelled: Booking
  try {
    cancelled = await moveBooking(tx, {
      bookingId: booking.id,
      action: 'cancel',
      actorRoles: roles.includes('owner') ? ['owner'] : ['booker'],
      actorUserId: input.actorUserId,
      note: input.reason ?? null,
      set: {
        cancelledByUserId: input.actorUserId,
        cancelReason: input.reason ?? null,
        cancelFeeBp: feeBp,
      },
    })
  } catch (error) {
    if (error instanceof TransitionError)
      throw new UserError('equipment:booking.errors.cannotCancel')
    throw error
  }
  await settleEndedBooking(tx, {
    booking: cancelled,
    feeBp,
    reason: input.reason || '预约已取消',
    actorUserId: input.actorUserId,
  })
  // Each side hears of it from the other; whoever cancelled knows already.
  const params = {
    listingName: listing.name,
    startsAt: shanghaiTime(booking.startsAt),
    reason: input.reason ?? '',
  }
  const link = `/bookings/${booking.id}`
  if (roles.includes('owner'))
    await notifyParty(tx, { userId: booking.bookerUserId, kind: 'booking.cancelled', params, link })
  else await notifyParty(tx, { orgId: listing.orgId, kind: 'booking.cancelled', params, link })
  return cancelled
}

/** The expiry timer: a booking still undecided or unpaid when its hold ends leaves its slot. */
export async function expireBooking(tx: Tx, bookingId: string): Promise<void> {
  const booking = await tx
    .select()
    .from(equipmentBookings)
    .where(
      and(
        eq(equipmentBookings.id, bookingId),
        inArray(equipmentBookings.status, ['requested', 'approved', 'awaiting_payment']),
      ),
    )
    .for('update')
    .then((r) => r[0])
  // Paid, cancelled or already expired; or approval set a later deadline with its own timer.
  if (!booking || !booking.holdUntil || booking.holdUntil > now()) return
  const expired = await moveBooking(tx, {
    bookingId,
    action: 'expire',
    actorRoles: ['system'],
    actorUserId: null,
  })
  await settleEndedBooking(tx, {
    booking: expired,
    feeBp: 0,
    reason: '预约超时失效',
    actorUserId: null,
  })
  const listing = await tx
    .select({ name: equipmentListings.name })
    .from(equipmentListings)
    .where(eq(equipmentListings.id, booking.listingId))
    .then((r) => r[0])
  await notifyParty(tx, {
    userId: booking.bookerUserId,
    kind: 'booking.expired',
    params: { listingName: listing?.name ?? '', startsAt: shanghaiTime(booking.startsAt) },
    link: `/bookings/${booking.id}`,
  })
}

registerTimer(BOOKING_EXPIRE_TIMER, expireBooking)
