// Booking an instrument: the booker's request (or instant booking) and the owner's decision.
// Each runs in one transaction: the slot, the quote computed here from the listing's price list
// (never from the browser), the payment when money is due, the status history and the notices.
import { and, desc, eq, inArray, or } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  equipmentBookings,
  equipmentListings,
  organisations,
  payments,
  quotes,
  spaceMemberships,
  spaces,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { ActingParty } from '../accounts/auth.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { createQuote, currentSchedule, feeOn, voucherCap } from '../payments/fees.server.ts'
import { formatMoney, parseYuan } from '../payments/money.ts'
import type { FeeMode } from '../payments/payments.schema.ts'
import { managesOrg } from '../orgs/org-role.server.ts'
import { UserError } from '../problems.ts'
import { cancelTimers, scheduleTimer } from '../timers/timers.server.ts'
import { shanghaiInstant, type BookingRequest } from './booking-request.schema.ts'
import { BOOKING_EXPIRE_TIMER, moveBooking } from './cancel-booking.server.ts'
import { parsePriceList } from './listing-facts.ts'
import type { PriceGroup } from './price-blocks.schema.ts'
import { quoteBooking, type BookingQuote } from './pricing.ts'
import { reserveSamples, reserveSlot, type Booking } from './reserve-slot.server.ts'
import { billBooking, PRICE_KIND, shanghaiTime } from './booking-money.server.ts'
import { noShowBlock } from './no-show.server.ts'
import { isTrained } from './trainings.server.ts'
import {
  holdVoucher,
  releaseVoucherHold,
  voucherUseOf,
} from '../vouchers/voucher-balance.server.ts'
import { assertNotHeld } from '../moderation/holds.server.ts'

type Listing = typeof equipmentListings.$inferSelect

const HOUR = 3_600_000
// An approved request gives the booker a day to pay (never beyond the start): long enough to
// get an organisation's payment signed off, short enough not to block the instrument for long.
const APPROVED_PAYMENT_HOURS = 24

/** A published listing of a verified organisation, by slug or id; anything else is unavailable. */
async function bookableListing(tx: Tx, key: string): Promise<Listing> {
  const row = await tx
    .select({ listing: equipmentListings, orgStatus: organisations.status })
    .from(equipmentListings)
    .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
    .where(isUuid(key) ? eq(equipmentListings.id, key) : eq(equipmentListings.slug, key))
    .then((r) => r[0])
  if (!row || row.listing.status !== 'published' || row.orgStatus !== 'verified')
    throw new UserError('equipment:booking.errors.unavailable')
  return row.listing
}

/**
 * 'member' when the booking party (the person, or the organisation they act for) is an active
 * member of a space the listing's owner organisation operates; 'standard' otherwise.
 */
export async function priceGroupFor(
  tx: Tx,
  ownerOrgId: string,
  acting: ActingParty,
  memberPricing = true,
): Promise<PriceGroup> {
  // A listing whose owner has not turned member pricing on charges everyone the same.
  if (!memberPricing) return 'standard'
  const member =
    acting.kind === 'org'
      ? eq(spaceMemberships.memberOrgId, acting.orgId)
      : eq(spaceMemberships.memberUserId, acting.userId)
  const row = await tx
    .select({ id: spaceMemberships.id })
    .from(spaceMemberships)
    .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
    .where(and(eq(spaces.operatorOrgId, ownerOrgId), eq(spaceMemberships.status, 'active'), member))
    .limit(1)
    .then((r) => r[0])
  return row ? 'member' : 'standard'
}

type PriceRequest = { durationMinutes: number } | { samples: number }

function quoteFor(listing: Listing, request: PriceRequest, group: PriceGroup): BookingQuote {
  const list = parsePriceList(listing.priceBlocks)
  if (!list) throw new UserError('bookings:errors.noPrices')
  return quoteBooking(list, request, group)
}

const priceRequestOf = (booking: Booking): PriceRequest =>
  booking.serviceMode === 'sample_testing'
    ? { samples: booking.sampleCount ?? 1 }
    : {
        durationMinutes: Math.round(
          (booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000,
        ),
      }

export type BookingPreview = {
  quote: BookingQuote
  feeFen: number
  feeMode: FeeMode
  voucherFen: number
  /** The most a voucher may pay: the price less the platform fee, so the payee's cash part stays. */
  maxVoucherFen: number
  /** The price payment: the price, plus the fee when it is added, less the voucher part. */
  payNowFen: number
  /** Paid separately, held in escrow and returned after use. */
  depositFen: number
}

async function previewOf(tx: Tx, quote: BookingQuote, voucherFen: number): Promise<BookingPreview> {
  const schedule = await currentSchedule(tx, 'equipment')
  const feeFen = feeOn(quote.priceFen, schedule)
  const maxVoucherFen = voucherCap(quote.priceFen, feeFen, schedule.mode)
  const voucher = Math.min(Math.max(voucherFen, 0), maxVoucherFen)
  return {
    quote,
    feeFen,
    feeMode: schedule.mode,
    voucherFen: voucher,
    maxVoucherFen,
    payNowFen: quote.priceFen + (schedule.mode === 'added' ? feeFen : 0) - voucher,
    depositFen: quote.depositFen,
  }
}

/** The price the booking form shows, computed exactly as a request would be. */
export async function previewPrice(
  key: string,
  acting: ActingParty | null,
  request: PriceRequest,
  voucherFen = 0,
): Promise<{ preview: BookingPreview } | { error: string }> {
  try {
    const tx = db()
    const listing = await bookableListing(tx, key)
    const group = acting
      ? await priceGroupFor(tx, listing.orgId, acting, listing.memberPricing)
      : 'standard'
    return { preview: await previewOf(tx, quoteFor(listing, request, group), voucherFen) }
  } catch (error) {
    // Encoded as replyWithError does, so the page translates it with its values.
    if (error instanceof UserError)
      return {
        error: error.values
          ? `${error.messageKey}|${JSON.stringify(error.values)}`
          : error.messageKey,
      }
    throw error
  }
}

/** The booker's wish to pay part with a voucher, checked against the listing and the price. */
function voucherWish(
  input: BookingRequest & { acting: ActingParty },
  listing: Listing,
  preview: BookingPreview,
): { voucherId: string; amountFen: number } | null {
  if (!input.voucherYuan || !input.voucherId) return null
  const amountFen = parseYuan(input.voucherYuan)
  if (amountFen === null) throw new UserError('bookings:errors.voucherAmount', 'voucherYuan')
  if (amountFen === 0) return null
  if (!listing.vouchersAccepted)
    throw new UserError('bookings:errors.voucherNotAccepted', 'voucherId')
  if (input.acting.kind !== 'org')
    throw new UserError('bookings:errors.voucherOrgOnly', 'voucherId')
  if (amountFen > preview.maxVoucherFen)
    throw new UserError('bookings:errors.voucherTooMuch', 'voucherYuan', {
      max: formatMoney(preview.maxVoucherFen),
    })
  return { voucherId: input.voucherId, amountFen }
}

export async function requestBooking(
  input: BookingRequest & { listingIdOrSlug: string; acting: ActingParty },
): Promise<{ booking: Booking; paymentId: string | null }> {
  return db().transaction(async (tx) => {
    const listing = await bookableListing(tx, input.listingIdOrSlug)
    await assertNotHeld(tx, 'listing', listing.id)
    const acting = input.acting
    if (acting.kind === 'org' && acting.orgId === listing.orgId)
      throw new UserError('bookings:errors.ownListing')
    if (!listing.serviceModes.includes(input.serviceMode))
      throw new UserError('bookings:errors.serviceModeNotOffered', 'serviceMode')
    const blocked = await noShowBlock(tx, listing.orgId, acting.userId)
    if (blocked)
      throw new UserError('bookings:errors.noShowBlocked', undefined, {
        until: shanghaiTime(blocked.until),
      })
    if (input.serviceMode === 'self_service' && !(await isTrained(tx, listing.id, acting.userId)))
      throw new UserError('bookings:errors.notTrained', 'serviceMode')

    const group = await priceGroupFor(tx, listing.orgId, acting, listing.memberPricing)
    const bookerOrgId = acting.kind === 'org' ? acting.orgId : null
    // Priced before the slot is taken, so a length or count the price list refuses fails
    // first, and the voucher is checked before anything is held.
    let quote: BookingQuote
    if (input.serviceMode === 'sample_testing')
      quote = quoteFor(listing, { samples: input.sampleCount }, group)
    else quote = quoteFor(listing, { durationMinutes: Math.round(input.hours * 60) }, group)
    const voucher = voucherWish(input, listing, await previewOf(tx, quote, 0))

    let booking: Booking
    if (input.serviceMode === 'sample_testing') {
      booking = await reserveSamples(tx, {
        listingId: listing.id,
        bookerUserId: acting.userId,
        bookerOrgId,
        date: input.date,
        sampleCount: input.sampleCount,
        sampleDescription: input.sampleDescription,
        shippingDetails: input.shippingDetails,
        purpose: input.purpose,
      })
    } else {
      const startsAt = shanghaiInstant(input.date, input.startTime)
      booking = await reserveSlot(tx, {
        listingId: listing.id,
        bookerUserId: acting.userId,
        bookerOrgId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + input.hours * HOUR),
        purpose: input.purpose,
        serviceMode: input.serviceMode,
      })
    }
    if (voucher && bookerOrgId)
      await holdVoucher(tx, {
        ...voucher,
        orgId: bookerOrgId,
        bookingId: booking.id,
        providerOrgId: listing.orgId,
        actorUserId: acting.userId,
      })

    let paymentId: string | null = null
    if (booking.status === 'awaiting_payment') {
      paymentId = (await billBooking(tx, { booking, listing, quote, voucher })).price.id
    } else {
      // A request records the price the booker saw; the owner's approval prices it again.
      await createQuote(tx, {
        marketplace: 'equipment',
        businessKind: PRICE_KIND,
        businessId: booking.id,
        currency: 'CNY',
        lines: quote.lines,
        voucher,
      })
    }
    await notifyParty(tx, {
      orgId: listing.orgId,
      orgRoles: ['owner', 'admin'],
      kind: booking.status === 'awaiting_payment' ? 'booking.booked' : 'booking.requested',
      params: { listingName: listing.name, startsAt: shanghaiTime(booking.startsAt) },
      link: `/bookings/${booking.id}`,
    })
    return { booking, paymentId }
  })
}

export async function decideBooking(
  input: { bookingId: string; actorUserId: string } & (
    { decision: 'approve' } | { decision: 'decline'; reason: string }
  ),
): Promise<Booking> {
  return db().transaction(async (tx) => {
    const row = await tx
      .select({ booking: equipmentBookings, listing: equipmentListings })
      .from(equipmentBookings)
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .where(eq(equipmentBookings.id, input.bookingId))
      .for('update', { of: equipmentBookings })
      .then((r) => r[0])
    if (!row) throw new UserError('equipment:booking.errors.notFound')
    const { booking, listing } = row
    if (!(await managesOrg(tx, listing.orgId, input.actorUserId)))
      throw new UserError('equipment:booking.errors.notYours')

    try {
      if (input.decision === 'approve') {
        const at = now()
        const holdUntil = new Date(
          Math.min(at.getTime() + APPROVED_PAYMENT_HOURS * HOUR, booking.startsAt.getTime()),
        )
        await moveBooking(tx, {
          bookingId: booking.id,
          action: 'approve',
          actorRoles: ['owner'],
          actorUserId: input.actorUserId,
        })
        // Approval opens checkout at once: the booker's next step is to pay.
        await moveBooking(tx, {
          bookingId: booking.id,
          action: 'checkout',
          actorRoles: ['system'],
          // The platform opens checkout, not the owner: the history says so.
          actorUserId: null,
          set: { holdUntil },
        })
        // The request's 24-hour timer would expire a booking that now has until the deadline.
        await cancelTimers(tx, BOOKING_EXPIRE_TIMER, booking.id)
        await scheduleTimer(tx, {
          kind: BOOKING_EXPIRE_TIMER,
          subjectId: booking.id,
          dueAt: holdUntil,
        })
        const acting: ActingParty = booking.bookerOrgId
          ? {
              kind: 'org',
              userId: booking.bookerUserId,
              orgId: booking.bookerOrgId,
              role: 'member',
            }
          : { kind: 'person', userId: booking.bookerUserId }
        const quote = quoteFor(
          listing,
          priceRequestOf(booking),
          await priceGroupFor(tx, listing.orgId, acting, listing.memberPricing),
        )
        // The voucher part held at the request stays as it was; a price that fell below it
        // (the owner lowered prices meanwhile) takes only what still fits.
        const held = await voucherUseOf(tx, booking.id)
        const cap = (await previewOf(tx, quote, 0)).maxVoucherFen
        const voucher =
          held && held.use.status === 'held' && cap > 0
            ? { voucherId: held.use.voucherId, amountFen: Math.min(held.use.amountFen, cap) }
            : null
        if (held && held.use.status === 'held' && !voucher)
          await releaseVoucherHold(tx, booking.id, input.actorUserId)
        await billBooking(tx, { booking: { ...booking, holdUntil }, listing, quote, voucher })
      } else {
        await moveBooking(tx, {
          bookingId: booking.id,
          action: 'decline',
          actorRoles: ['owner'],
          actorUserId: input.actorUserId,
          note: input.reason,
          set: { cancelReason: input.reason },
        })
        await cancelTimers(tx, BOOKING_EXPIRE_TIMER, booking.id)
        await releaseVoucherHold(tx, booking.id, input.actorUserId)
      }
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('bookings:errors.cannotDecide')
      throw error
    }

    const params = { listingName: listing.name, startsAt: shanghaiTime(booking.startsAt) }
    if (input.decision === 'approve')
      await notifyParty(tx, {
        userId: booking.bookerUserId,
        kind: 'booking.approved',
        params,
        link: `/bookings/${booking.id}`,
      })
    else
      await notifyParty(tx, {
        userId: booking.bookerUserId,
        kind: 'booking.declined',
        params: { ...params, reason: input.reason },
        link: `/bookings/${booking.id}`,
      })
    const updated = await tx
      .select()
      .from(equipmentBookings)
      .where(eq(equipmentBookings.id, booking.id))
      .then((r) => r[0])
    if (!updated) throw new Error(`booking ${booking.id} vanished`)
    return updated
  })
}

/**
 * A booking as its booker or the owner organisation's owners and admins see it, with its
 * latest quote and payment; null for anyone else, so a stranger cannot tell it exists.
 */
export async function loadBookingFor(bookingId: string, userId: string, orgIds: string[]) {
  if (!isUuid(bookingId)) return null
  const tx = db()
  const row = await tx
    .select({ booking: equipmentBookings, listing: equipmentListings })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(eq(equipmentBookings.id, bookingId))
    .then((r) => r[0])
  if (!row) return null
  const { booking, listing } = row
  const isBooker =
    booking.bookerUserId === userId ||
    (booking.bookerOrgId !== null && orgIds.includes(booking.bookerOrgId))
  const isOwner = await managesOrg(tx, listing.orgId, userId)
  if (!isBooker && !isOwner) return null
  const byBooking = and(eq(quotes.businessKind, 'booking'), eq(quotes.businessId, booking.id))
  const quote = await tx
    .select()
    .from(quotes)
    .where(byBooking)
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(1)
    .then((r) => r[0])
  const payment = await tx
    .select({ id: payments.id, status: payments.status, amountFen: payments.amountFen })
    .from(payments)
    .where(and(eq(payments.businessKind, 'booking'), eq(payments.businessId, booking.id)))
    .orderBy(desc(payments.createdAt))
    .limit(1)
    .then((r) => r[0])
  return { booking, listing, quote: quote ?? null, payment: payment ?? null, isBooker, isOwner }
}

/** The bookings a person made, for themself or for an organisation they belong to. */
export async function bookingsOf(userId: string, orgIds: string[]) {
  const mine = orgIds.length
    ? or(
        eq(equipmentBookings.bookerUserId, userId),
        ...orgIds.map((id) => eq(equipmentBookings.bookerOrgId, id)),
      )
    : eq(equipmentBookings.bookerUserId, userId)
  const rows = await db()
    .select({
      id: equipmentBookings.id,
      status: equipmentBookings.status,
      startsAt: equipmentBookings.startsAt,
      endsAt: equipmentBookings.endsAt,
      listingName: equipmentListings.name,
      listingSlug: equipmentListings.slug,
    })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(mine)
    .orderBy(desc(equipmentBookings.startsAt))
  const paymentRows = rows.length
    ? await db()
        .select({ id: payments.id, businessId: payments.businessId })
        .from(payments)
        .where(
          and(
            eq(payments.businessKind, 'booking'),
            inArray(
              payments.businessId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : []
  const paymentOf = new Map(paymentRows.map((p) => [p.businessId, p.id]))
  return rows.map((r) => ({ ...r, paymentId: paymentOf.get(r.id) ?? null }))
}

export { managesOrg }
