// A booking's money, through the payments layer. A booking owes up to two payments: its price
// (a direct sale to the owner, less any voucher part) and its deposit (the booker's money, held
// in escrow until the booking ends). The booking is paid when every payment it owes is held.
// Cancelling, expiring, completing and no-shows settle both here, in the caller's transaction.
import { desc, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { equipmentBookings, equipmentListings, payments, quotes } from '../../../db/schema/index.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { createPayment } from '../payments/create-payment.server.ts'
import { createQuote } from '../payments/fees.server.ts'
import { account, balanceOf } from '../payments/ledger.server.ts'
import { applyRate } from '../payments/money.ts'
import { onPaymentCollected } from '../payments/payment-hooks.server.ts'
import { movePayment } from '../payments/payment-ops.server.ts'
import { refundPayment } from '../payments/refund-payment.server.ts'
import { releasePayment, returnVoucherClaim } from '../payments/release-payment.server.ts'
import { DEPOSIT_KIND } from '../payments/stripe/routing.ts'
import { releaseVoucherHold } from '../vouchers/voucher-balance.server.ts'
import { moveBooking } from './cancel-booking.server.ts'
import type { BookingQuote } from './pricing.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'

type Booking = typeof equipmentBookings.$inferSelect
type Listing = typeof equipmentListings.$inferSelect

export const PRICE_KIND = 'booking'
export { DEPOSIT_KIND }

export { shanghaiTime }

/** The payment of a booking's price and of its deposit: the latest of each, with its quote. */
export async function bookingPayments(tx: Tx, bookingId: string) {
  const rows = await tx
    .select({ payment: payments, quote: quotes })
    .from(payments)
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .where(eq(payments.businessId, bookingId))
    .orderBy(desc(payments.createdAt))
  const latest = (kind: string) => rows.find((r) => r.payment.businessKind === kind) ?? null
  return { price: latest(PRICE_KIND), deposit: latest(DEPOSIT_KIND) }
}

/**
 * Creates what the booker owes now: the price payment (with the voucher part taken off) and,
 * when the listing asks for one, the deposit payment, which no platform fee touches.
 */
export async function billBooking(
  tx: Tx,
  input: {
    booking: Booking
    listing: Listing
    quote: BookingQuote
    voucher: { voucherId: string; amountFen: number } | null
  },
) {
  const { booking, listing, quote } = input
  const when = shanghaiTime(booking.startsAt)
  const priceQuote = await createQuote(tx, {
    marketplace: 'equipment',
    businessKind: PRICE_KIND,
    businessId: booking.id,
    currency: 'CNY',
    lines: quote.lines,
    voucher: input.voucher,
    // Charged exactly as quoted until the booking's payment deadline, never after.
    expiresAt: booking.holdUntil,
  })
  const price = await createPayment(tx, {
    quote: { ...priceQuote, marketplace: 'equipment', currency: 'CNY' },
    description: `${listing.name} · ${when}`,
    payerUserId: booking.bookerUserId,
    payerOrgId: booking.bookerOrgId,
    payee: { orgId: listing.orgId },
  })
  let deposit = null
  if (quote.depositLine) {
    const depositQuote = await createQuote(tx, {
      marketplace: 'equipment',
      businessKind: DEPOSIT_KIND,
      businessId: booking.id,
      currency: 'CNY',
      lines: [quote.depositLine],
      feeExempt: true,
      expiresAt: booking.holdUntil,
    })
    deposit = await createPayment(tx, {
      quote: { ...depositQuote, marketplace: 'equipment', currency: 'CNY' },
      description: `${listing.name} · ${when} · 押金`,
      payerUserId: booking.bookerUserId,
      payerOrgId: booking.bookerOrgId,
      payee: { orgId: listing.orgId },
    })
  }
  return { price, deposit }
}

async function lockBooking(tx: Tx, bookingId: string) {
  return tx
    .select({ booking: equipmentBookings, listing: equipmentListings })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(eq(equipmentBookings.id, bookingId))
    .for('update', { of: equipmentBookings })
    .then((r) => r[0])
}

/** Refunds everything a payment still holds in cash, after giving back any voucher claim. */
async function refundAll(tx: Tx, paymentId: string, reason: string, key: string) {
  await returnVoucherClaim(tx, paymentId)
  const payment = await tx
    .select({ status: payments.status, currency: payments.currency })
    .from(payments)
    .where(eq(payments.id, paymentId))
    .then((r) => r[0])
  if (payment?.status !== 'held') return
  const left = await balanceOf(tx, account.escrow(paymentId, payment.currency))
  if (left > 0) await refundPayment(tx, { paymentId, amountFen: left, operationKey: key, reason })
}

/** Money in for a booking: when every payment it owes is held, the booking is paid. */
async function bookingPaymentCollected(tx: Tx, payment: typeof payments.$inferSelect) {
  const row = await lockBooking(tx, payment.businessId)
  if (!row) return
  const { booking, listing } = row
  if (booking.status !== 'awaiting_payment') {
    // Paid after the booking ended (its hold ran out, or it was cancelled meanwhile): the
    // slot may be someone else's now, so the money goes back whole.
    if (['expired', 'cancelled', 'declined'].includes(booking.status))
      await refundAll(tx, payment.id, '预约已失效，全额退款', `booking-late-payment:${payment.id}`)
    return
  }
  const owed = await bookingPayments(tx, booking.id)
  const held = [owed.price, owed.deposit].every((p) => !p || p.payment.status === 'held')
  if (!held) return
  await moveBooking(tx, {
    bookingId: booking.id,
    action: 'pay',
    actorRoles: ['system'],
    actorUserId: null,
    set: { holdUntil: null },
  })
  const params = { listingName: listing.name, startsAt: shanghaiTime(booking.startsAt) }
  const link = `/bookings/${booking.id}`
  await notifyParty(tx, { userId: booking.bookerUserId, kind: 'booking.paid', params, link })
  await notifyParty(tx, { orgId: listing.orgId, kind: 'booking.paid', params, link })
}

onPaymentCollected(PRICE_KIND, bookingPaymentCollected)
onPaymentCollected(DEPOSIT_KIND, bookingPaymentCollected)

/**
 * A booking left the live set (cancelled, declined, expired): unpaid payments are called off,
 * held money goes back less the late-cancellation fee (`feeBp` of the price, kept by the
 * owner), the deposit goes back whole, and a held voucher part returns to the balance.
 */
export async function settleEndedBooking(
  tx: Tx,
  input: { booking: Booking; feeBp: number; reason: string; actorUserId: string | null },
) {
  const { booking } = input
  const owed = await bookingPayments(tx, booking.id)
  for (const item of [owed.price, owed.deposit]) {
    if (!item) continue
    const { payment, quote } = item
    if (payment.status === 'awaiting_payment' || payment.status === 'requires_action') {
      await movePayment(tx, {
        paymentId: payment.id,
        action: 'cancel',
        actorRoles: ['system'],
        actorUserId: input.actorUserId,
        note: input.reason,
      })
      continue
    }
    if (payment.status !== 'held') continue
    await returnVoucherClaim(tx, payment.id)
    if (payment.businessKind === PRICE_KIND && input.feeBp > 0) {
      // The fee is on the price; never more than the cash the booker actually paid for it.
      const fee = Math.min(
        applyRate(quote.subtotalFen, input.feeBp),
        quote.subtotalFen - quote.voucherFen,
      )
      if (fee > 0)
        await releasePayment(tx, {
          paymentId: payment.id,
          priceFen: fee,
          operationKey: `booking-late-fee:${booking.id}`,
          actorUserId: input.actorUserId,
          memo: '逾期取消费',
        })
    }
    await refundAll(tx, payment.id, input.reason, `booking-ended:${booking.id}:${payment.id}`)
  }
  await releaseVoucherHold(tx, booking.id, input.actorUserId)
}

/**
 * The service is done: the owner is paid the price (the voucher claim handed over with it, to
 * redeem with the agency), and the deposit goes back, less what the owner claims for damage.
 * A claim keeps that much in escrow until the booker accepts it or an admin decides.
 */
export async function settleCompletedBooking(
  tx: Tx,
  input: { booking: Booking; keptFen: number; actorUserId: string },
) {
  const { booking } = input
  const owed = await bookingPayments(tx, booking.id)
  if (owed.price?.payment.status === 'held') {
    const { quote } = owed.price
    await releasePayment(tx, {
      paymentId: owed.price.payment.id,
      priceFen: quote.subtotalFen,
      voucherFen: quote.voucherFen,
      operationKey: `booking-complete:${booking.id}`,
      actorUserId: input.actorUserId,
    })
  }
  const deposit = owed.deposit
  if (deposit?.payment.status === 'held') {
    const held = await balanceOf(tx, account.escrow(deposit.payment.id, deposit.payment.currency))
    const refund = held - Math.min(input.keptFen, held)
    if (refund > 0)
      await refundPayment(tx, {
        paymentId: deposit.payment.id,
        amountFen: refund,
        operationKey: `booking-deposit-return:${booking.id}`,
        reason: '押金退还',
        actorUserId: input.actorUserId,
      })
  }
}

/**
 * A no-show: the slot was held for the booker, so the owner keeps the cash paid for it. The
 * voucher part goes back (an agency pays for services rendered, and none was), as does the
 * deposit: nothing was used.
 */
export async function settleNoShow(tx: Tx, input: { booking: Booking; actorUserId: string }) {
  const { booking } = input
  const owed = await bookingPayments(tx, booking.id)
  if (owed.price?.payment.status === 'held') {
    const { payment, quote } = owed.price
    await returnVoucherClaim(tx, payment.id)
    const cash = quote.subtotalFen - quote.voucherFen
    if (cash > 0)
      await releasePayment(tx, {
        paymentId: payment.id,
        priceFen: cash,
        operationKey: `booking-no-show:${booking.id}`,
        actorUserId: input.actorUserId,
        memo: '爽约：按预约收费',
      })
    await refundAll(tx, payment.id, '爽约结算余额退还', `booking-no-show-rest:${booking.id}`)
  }
  if (owed.deposit?.payment.status === 'held')
    await refundAll(
      tx,
      owed.deposit.payment.id,
      '押金退还',
      `booking-no-show-deposit:${booking.id}`,
    )
  await releaseVoucherHold(tx, booking.id, input.actorUserId)
}

/** The escrowed deposit of a booking that a claim or dispute is about. */
export async function depositHeld(tx: Tx, bookingId: string) {
  const owed = await bookingPayments(tx, bookingId)
  const deposit = owed.deposit
  if (!deposit || deposit.payment.status !== 'held') return null
  return {
    paymentId: deposit.payment.id,
    heldFen: await balanceOf(tx, account.escrow(deposit.payment.id, deposit.payment.currency)),
  }
}
