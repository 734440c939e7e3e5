// Everything the booking page shows, for its booker or the owner organisation's owners and
// admins: the booking, its money (price and deposit payments, voucher part), the report, the
// deposit claim and its dispute, retests, the review and the history. Null for anyone else.
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  depositClaims,
  disputes,
  equipmentBookingEvents,
  equipmentBookings,
  equipmentListings,
  equipmentReviews,
  equipmentTrainings,
  organisations,
  uploads,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { availableActions } from '../lifecycle/machine.ts'
import { voucherUseOf } from '../vouchers/voucher-balance.server.ts'
import { bookingPayments } from './booking-money.server.ts'
import { bookingMachine, type BookingRole } from './booking.machine.ts'
import { retestWindow, DEPOSIT_DISPUTE } from './booking-progress.server.ts'
import { managesOrg } from './request-booking.server.ts'

export async function loadBookingView(bookingId: string, userId: string, orgIds: string[]) {
  if (!isUuid(bookingId)) return null
  const tx = db()
  const row = await tx
    .select({
      booking: equipmentBookings,
      listing: equipmentListings,
      bookerName: users.name,
      bookerEmail: users.email,
      bookerOrgName: organisations.name,
    })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
    .leftJoin(organisations, eq(organisations.id, equipmentBookings.bookerOrgId))
    .where(eq(equipmentBookings.id, bookingId))
    .then((r) => r[0])
  if (!row) return null
  const { booking, listing } = row
  const isBooker =
    booking.bookerUserId === userId ||
    (booking.bookerOrgId !== null && orgIds.includes(booking.bookerOrgId))
  const isOwner = await managesOrg(tx, listing.orgId, userId)
  if (!isBooker && !isOwner) return null

  const owed = await bookingPayments(tx, booking.id)
  const voucher = await voucherUseOf(tx, booking.id)
  const claim = await tx
    .select()
    .from(depositClaims)
    .where(eq(depositClaims.bookingId, booking.id))
    .then((r) => r[0] ?? null)
  const dispute = claim
    ? await tx
        .select()
        .from(disputes)
        .where(and(eq(disputes.subjectKind, DEPOSIT_DISPUTE), eq(disputes.subjectId, claim.id)))
        .orderBy(desc(disputes.createdAt))
        .then((r) => r[0] ?? null)
    : null
  const report = booking.reportUploadId
    ? await tx
        .select({ id: uploads.id, name: uploads.originalName, size: uploads.sizeBytes })
        .from(uploads)
        .where(eq(uploads.id, booking.reportUploadId))
        .then((r) => r[0] ?? null)
    : null
  const review = await tx
    .select()
    .from(equipmentReviews)
    .where(eq(equipmentReviews.bookingId, booking.id))
    .then((r) => r[0] ?? null)
  const events = await tx
    .select({
      action: equipmentBookingEvents.action,
      toStatus: equipmentBookingEvents.toStatus,
      note: equipmentBookingEvents.note,
      at: equipmentBookingEvents.at,
      actorName: users.name,
    })
    .from(equipmentBookingEvents)
    .leftJoin(users, eq(users.id, equipmentBookingEvents.actorUserId))
    .where(eq(equipmentBookingEvents.bookingId, booking.id))
    .orderBy(asc(equipmentBookingEvents.at))
  const related = await tx
    .select({
      id: equipmentBookings.id,
      status: equipmentBookings.status,
      retestOf: equipmentBookings.retestOfBookingId,
    })
    .from(equipmentBookings)
    .where(
      booking.retestOfBookingId
        ? eq(equipmentBookings.id, booking.retestOfBookingId)
        : eq(equipmentBookings.retestOfBookingId, booking.id),
    )
  const trained =
    isOwner && listing.serviceModes.includes('self_service')
      ? (await tx
          .select({ id: equipmentTrainings.id })
          .from(equipmentTrainings)
          .where(
            and(
              eq(equipmentTrainings.listingId, listing.id),
              inArray(equipmentTrainings.userId, [booking.bookerUserId]),
            ),
          )
          .then((r) => r.length)) > 0
      : null

  const roles: BookingRole[] = [
    ...(isBooker ? (['booker'] as const) : []),
    ...(isOwner ? (['owner'] as const) : []),
  ]
  const at = now()
  return {
    booking,
    listing,
    booker: { name: row.bookerName, email: row.bookerEmail, orgName: row.bookerOrgName },
    isBooker,
    isOwner,
    actions: availableActions(bookingMachine, booking.status, roles),
    price: owed.price,
    deposit: owed.deposit,
    voucher,
    claim,
    dispute,
    report,
    review,
    events,
    retestOf: booking.retestOfBookingId ? (related[0] ?? null) : null,
    retests: booking.retestOfBookingId ? [] : related,
    retest: retestWindow(booking, at),
    started: booking.startsAt <= at,
    trained,
  }
}

export type BookingView = NonNullable<Awaited<ReturnType<typeof loadBookingView>>>
