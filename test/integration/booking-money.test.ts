// A booking's money from payment to settlement, against real PostgreSQL and the ledger: the
// price and the deposit are owed separately and the booking is paid when both are in; a voucher
// pays part of the price and its claim goes to the provider on completion; cancelling late
// keeps the policy's fee; an unpaid booking expires and calls its payments off; a deposit claim
// is accepted, lapses or is disputed and split by an admin; a no-show pays the owner; samples
// respect the day's capacity; a retest is free and only within 15 days of the report.
import { and, eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  depositClaims,
  disputes,
  equipmentBookings,
  innovationVouchers,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  payments,
  quotes,
  voucherUses,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import type { ActingParty } from '../../app/domains/accounts/auth.server.ts'
import { resolveDispute } from '../../app/domains/disputes/disputes.server.ts'
import { bookingPayments } from '../../app/domains/equipment/booking-money.server.ts'
import {
  answerDepositClaim,
  completeBooking,
  decideRetest,
  markNoShow,
  requestRetest,
  startBooking,
  uploadReport,
} from '../../app/domains/equipment/booking-progress.server.ts'
import { cancelBooking, expireBooking } from '../../app/domains/equipment/cancel-booking.server.ts'
import { PriceListSchema } from '../../app/domains/equipment/price-blocks.schema.ts'
import { requestBooking } from '../../app/domains/equipment/request-booking.server.ts'
import { SlotTakenError } from '../../app/domains/equipment/reserve-slot.server.ts'
import { collectPayment } from '../../app/domains/payments/collect-payment.server.ts'
import type { AccountKind } from '../../app/domains/payments/payments.schema.ts'
import { UserError } from '../../app/domains/problems.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import '../../app/domains/timers/handlers.server.ts'
import { vouchersOf } from '../../app/domains/vouchers/voucher-balance.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { startCheckout } from '../../app/domains/payments/start-checkout.server.ts'
import * as bookingPage from '../../app/routes/bookings.$id.tsx'
import * as paymentPage from '../../app/routes/payments.$id._index.tsx'
import * as uploadPage from '../../app/routes/uploads.$id.tsx'
import { createListing } from '../factories/equipment.ts'
import { addOrgMember, createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { must } from '../support/must.ts'

// Tuesday 1 September 2026, 08:00 in Shanghai.
const NOW = new Date('2026-09-01T00:00:00Z')
const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }
const HOUR = 3_600_000
const DAY = 24 * HOUR
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

// ¥300 an hour, a ¥500 deposit; cancelling within 24 hours keeps 20 %. The platform's fee on
// equipment is 5 %, deducted from the owner's part.
const PRICES = PriceListSchema.parse({
  blocks: { hour: { priceFen: 30_000 } },
  depositFen: 50_000,
  cancellation: { freeUntilHours: 24, lateFeeBp: 2_000 },
})
const SAMPLE_PRICES = PriceListSchema.parse({
  blocks: { sample: { priceFen: 20_000 } },
  cancellation: { freeUntilHours: 24, lateFeeBp: 0 },
})

async function startup() {
  const founder = await createUser(db())
  const org = await createOrg(db(), { name: '苏州微纳创芯科技有限公司', ownerId: founder.id })
  const acting: ActingParty = { kind: 'org', userId: founder.id, orgId: org.id, role: 'owner' }
  return { founder, org, acting }
}

async function lab(overrides: Parameters<typeof createListing>[1] = {}) {
  const manager = await createUser(db())
  const listing = await createListing(db(), {
    instantBooking: true,
    priceBlocks: PRICES,
    vouchersAccepted: true,
    ...overrides,
  })
  await addOrgMember(db(), listing.orgId, manager.id, 'admin')
  return { manager, listing }
}

async function grantVoucher(orgId: string, amountFen: number, expiresOn = '2026-12-31') {
  const [row] = await db()
    .insert(innovationVouchers)
    .values({
      orgId,
      issuer: '苏州工业园区科技创新委员会',
      reference: `SIP-CXQ-${Math.floor(Math.random() * 1e6)}`,
      amountFen,
      expiresOn,
      createdAt: NOW,
    })
    .returning()
  return must(row, 'voucher')
}

const book = (listingId: string, acting: ActingParty, extra: Record<string, unknown> = {}) =>
  requestBooking({
    listingIdOrSlug: listingId,
    acting,
    serviceMode: 'operator_run',
    date: '2026-09-03',
    startTime: '10:00',
    hours: 2,
    purpose: '芯片截面形貌观察',
    ...extra,
  } as Parameters<typeof requestBooking>[0])

async function pay(paymentId: string) {
  const payment = must(
    await db()
      .select()
      .from(payments)
      .where(eq(payments.id, paymentId))
      .then((r) => r[0]),
    'payment',
  )
  await db().transaction((tx) =>
    collectPayment(tx, {
      paymentId,
      provider: payment.provider,
      providerRef: `bank-${paymentId}`,
      operationKey: `test-collect:${paymentId}`,
    }),
  )
}

async function payBooking(bookingId: string) {
  const owed = await bookingPayments(db(), bookingId)
  if (owed.price) await pay(owed.price.payment.id)
  if (owed.deposit) await pay(owed.deposit.payment.id)
}

const bookingOf = async (id: string) =>
  must(
    await db()
      .select()
      .from(equipmentBookings)
      .where(eq(equipmentBookings.id, id))
      .then((r) => r[0]),
    'booking',
  )

/** What a payment's ledger posted to accounts of one kind, as debits minus credits. */
async function netOn(paymentId: string, kind: AccountKind): Promise<number> {
  const [row] = await db()
    .select({ net: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerTransactions.paymentId, paymentId), eq(ledgerAccounts.kind, kind)))
  return Number(row?.net ?? 0)
}

const statusOfPayment = async (id: string) =>
  (await db().select({ s: payments.status }).from(payments).where(eq(payments.id, id)))[0]?.s

async function rejects(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  expect((error as UserError).messageKey).toBe(key)
}

describe('paying for a booking', () => {
  it('owes the price less the voucher part and the deposit apart, and is paid when both are in', async () => {
    const { manager, listing } = await lab()
    const { org, acting } = await startup()
    const voucher = await grantVoucher(org.id, 40_000)
    const { booking, paymentId } = await book(listing.id, acting, {
      voucherId: voucher.id,
      voucherYuan: '300',
    })
    expect(booking.status).toBe('awaiting_payment')
    const owed = await bookingPayments(db(), booking.id)
    const price = must(owed.price, 'price payment')
    const deposit = must(owed.deposit, 'deposit payment')
    expect(price.payment.id).toBe(paymentId)
    // ¥600 less ¥300 of voucher; the 5 % fee is on the full ¥600.
    expect(price.quote.subtotalFen).toBe(60_000)
    expect(price.quote.feeFen).toBe(3_000)
    expect(price.quote.voucherFen).toBe(30_000)
    expect(price.payment.amountFen).toBe(30_000)
    expect(deposit.payment.amountFen).toBe(50_000)
    expect(deposit.quote.feeFen).toBe(0)
    const [balance] = await vouchersOf(db(), org.id)
    expect(balance?.balanceFen).toBe(10_000)

    await pay(price.payment.id)
    expect((await bookingOf(booking.id)).status).toBe('awaiting_payment')
    await pay(deposit.payment.id)
    expect((await bookingOf(booking.id)).status).toBe('paid')
    // Escrow holds the whole price: the cash and the claim on the agency.
    expect(-(await netOn(price.payment.id, 'escrow'))).toBe(60_000)
    expect(await netOn(price.payment.id, 'voucher_receivable')).toBe(30_000)

    await startBooking({ bookingId: booking.id, actorUserId: manager.id })
    await completeBooking({ bookingId: booking.id, actorUserId: manager.id, keptFen: 0 })
    expect((await bookingOf(booking.id)).status).toBe('completed')
    // The owner is owed ¥600 − ¥30 fee, of which ¥300 is the voucher claim it now redeems
    // itself: ¥270 in cash. The claim left the platform's books.
    expect(await netOn(price.payment.id, 'escrow')).toBe(0)
    expect(await netOn(price.payment.id, 'voucher_receivable')).toBe(0)
    expect(-(await netOn(price.payment.id, 'platform_fees'))).toBe(3_000)
    expect(await statusOfPayment(price.payment.id)).toBe('settled')
    // The deposit went back whole.
    expect(await netOn(deposit.payment.id, 'escrow')).toBe(0)
    expect(-(await netOn(deposit.payment.id, 'refundable'))).toBe(50_000)
  })

  it('refuses a voucher part above the price less the fee, and an expired voucher', async () => {
    const { listing } = await lab()
    const { org, acting } = await startup()
    const big = await grantVoucher(org.id, 100_000)
    await rejects(
      book(listing.id, acting, { voucherId: big.id, voucherYuan: '580' }),
      'bookings:errors.voucherTooMuch',
    )
    const old = await grantVoucher(org.id, 100_000, '2026-08-31')
    await rejects(
      book(listing.id, acting, { voucherId: old.id, voucherYuan: '100' }),
      'bookings:errors.voucherExpired',
    )
    // Nothing was held by the refused attempts, and the slot is still free.
    expect(await db().select().from(voucherUses).where(eq(voucherUses.voucherId, big.id))).toEqual(
      [],
    )
    const { booking } = await book(listing.id, acting, { voucherId: big.id, voucherYuan: '570' })
    expect(booking.status).toBe('awaiting_payment')
  })

  it('refunds in full a payment that arrives after its booking expired', async () => {
    const { listing } = await lab({ priceBlocks: { ...PRICES, depositFen: 0 } })
    const { acting } = await startup()
    const { booking, paymentId } = await book(listing.id, acting)
    setNow(new Date(NOW.getTime() + 3 * HOUR))
    await db().transaction((tx) => expireBooking(tx, booking.id))
    expect((await bookingOf(booking.id)).status).toBe('expired')
    expect(await statusOfPayment(must(paymentId, 'payment'))).toBe('cancelled')

    // A bank transfer recorded late still finds its payment: the money goes straight back.
    const late = await createLatePayment(booking.id)
    await pay(late)
    expect(await netOn(late, 'escrow')).toBe(0)
    expect(-(await netOn(late, 'refundable'))).toBe(60_000)
    expect(await statusOfPayment(late)).toBe('settled')
  })
})

/** A payment for the booking made again (as a retried checkout would), still awaiting money. */
async function createLatePayment(bookingId: string): Promise<string> {
  const old = must(
    await db()
      .select()
      .from(payments)
      .where(eq(payments.businessId, bookingId))
      .then((r) => r[0]),
    'payment',
  )
  const [row] = await db()
    .insert(payments)
    .values({
      ...old,
      id: undefined,
      reference: `LATE${Math.floor(Math.random() * 1e8)}`,
      status: 'awaiting_payment',
      createdAt: new Date(NOW.getTime() + 4 * HOUR),
      updatedAt: new Date(NOW.getTime() + 4 * HOUR),
    })
    .returning()
  return must(row, 'late payment').id
}

describe('ending a booking early', () => {
  it('keeps the late fee from the cash, refunds the rest and gives the voucher part back', async () => {
    const { listing } = await lab()
    const { founder, org, acting } = await startup()
    const voucher = await grantVoucher(org.id, 40_000)
    const { booking } = await book(listing.id, acting, {
      voucherId: voucher.id,
      voucherYuan: '300',
    })
    await payBooking(booking.id)
    // 2 September 20:00 in Shanghai: 14 hours before the start, inside the late window.
    setNow(new Date('2026-09-02T12:00:00Z'))
    await db().transaction((tx) =>
      cancelBooking(tx, { bookingId: booking.id, actorUserId: founder.id, reason: '样品未到' }),
    )
    const owed = await bookingPayments(db(), booking.id)
    const price = must(owed.price, 'price').payment.id
    // 20 % of ¥600 = ¥120 kept for the owner (less the 5 % fee on it); ¥180 of cash back.
    expect(-(await netOn(price, 'platform_fees'))).toBe(600)
    expect(-(await netOn(price, 'refundable'))).toBe(18_000)
    expect(await netOn(price, 'escrow')).toBe(0)
    expect(await netOn(price, 'voucher_receivable')).toBe(0)
    expect(-(await netOn(must(owed.deposit, 'deposit').payment.id, 'refundable'))).toBe(50_000)
    const [balance] = await vouchersOf(db(), org.id)
    expect(balance?.balanceFen).toBe(40_000)
  })

  it('expires an unpaid instant booking, calls off both payments and frees the slot', async () => {
    const { listing } = await lab()
    const { org, acting } = await startup()
    const voucher = await grantVoucher(org.id, 40_000)
    const { booking } = await book(listing.id, acting, {
      voucherId: voucher.id,
      voucherYuan: '100',
    })
    setNow(new Date(NOW.getTime() + 2 * HOUR + 1))
    await sweepTimers()
    expect((await bookingOf(booking.id)).status).toBe('expired')
    const owed = await bookingPayments(db(), booking.id)
    expect(await statusOfPayment(must(owed.price, 'price').payment.id)).toBe('cancelled')
    expect(await statusOfPayment(must(owed.deposit, 'deposit').payment.id)).toBe('cancelled')
    expect((await vouchersOf(db(), org.id))[0]?.balanceFen).toBe(40_000)
    const again = await book(listing.id, (await startup()).acting)
    expect(again.booking.status).toBe('awaiting_payment')
  })

  it('pays the owner the cash for a no-show and returns the deposit and the voucher part', async () => {
    const { manager, listing } = await lab()
    const { org, acting } = await startup()
    const voucher = await grantVoucher(org.id, 40_000)
    const { booking } = await book(listing.id, acting, {
      voucherId: voucher.id,
      voucherYuan: '200',
    })
    await payBooking(booking.id)
    await rejects(
      markNoShow({ bookingId: booking.id, actorUserId: manager.id }),
      'bookings:errors.noShowEarly',
    )
    setNow(new Date('2026-09-03T05:00:00Z'))
    await markNoShow({ bookingId: booking.id, actorUserId: manager.id })
    expect((await bookingOf(booking.id)).status).toBe('no_show')
    const owed = await bookingPayments(db(), booking.id)
    const price = must(owed.price, 'price').payment.id
    // ¥400 of cash released to the owner (5 % fee on it); nothing refunded of the price.
    expect(-(await netOn(price, 'platform_fees'))).toBe(2_000)
    expect(await netOn(price, 'refundable')).toBe(0)
    expect(await netOn(price, 'voucher_receivable')).toBe(0)
    expect(-(await netOn(must(owed.deposit, 'deposit').payment.id, 'refundable'))).toBe(50_000)
    expect((await vouchersOf(db(), org.id))[0]?.balanceFen).toBe(40_000)
  })
})

describe('deposit claims', () => {
  async function completedWithClaim(keptFen: number) {
    const { manager, listing } = await lab()
    const { founder, acting } = await startup()
    const { booking } = await book(listing.id, acting)
    await payBooking(booking.id)
    await startBooking({ bookingId: booking.id, actorUserId: manager.id })
    await completeBooking({
      bookingId: booking.id,
      actorUserId: manager.id,
      keptFen,
      claimReason: '样品台划伤，需更换',
    })
    const deposit = must((await bookingPayments(db(), booking.id)).deposit, 'deposit').payment.id
    return { booking, founder, manager, deposit }
  }

  it('returns the unclaimed part at once and pays the claim when the booker accepts', async () => {
    const { booking, founder, deposit } = await completedWithClaim(20_000)
    expect(-(await netOn(deposit, 'refundable'))).toBe(30_000)
    expect(-(await netOn(deposit, 'escrow'))).toBe(20_000)
    await answerDepositClaim({ bookingId: booking.id, actorUserId: founder.id, answer: 'accept' })
    expect(await netOn(deposit, 'escrow')).toBe(0)
    expect(-(await netOn(deposit, 'payable'))).toBeGreaterThanOrEqual(0)
    expect(await netOn(deposit, 'platform_fees')).toBe(0)
  })

  it('counts silence past seven days as accepting', async () => {
    const { booking, deposit } = await completedWithClaim(10_000)
    setNow(new Date(NOW.getTime() + 8 * DAY))
    await sweepTimers()
    const [claim] = await db()
      .select()
      .from(depositClaims)
      .where(eq(depositClaims.bookingId, booking.id))
    expect(claim?.status).toBe('accepted')
    expect(await netOn(deposit, 'escrow')).toBe(0)
  })

  it('sends a disputed claim to an admin, whose split moves exactly the disputed amount', async () => {
    const { booking, founder, deposit } = await completedWithClaim(20_000)
    await answerDepositClaim({
      bookingId: booking.id,
      actorUserId: founder.id,
      answer: 'dispute',
      reason: '划痕在使用前已存在，有照片为证',
    })
    const [dispute] = await db().select().from(disputes).where(eq(disputes.paymentId, deposit))
    expect(dispute?.status).toBe('open')
    expect(dispute?.amountFen).toBe(20_000)
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id, ['finance'])
    await rejects(
      resolveDispute({
        disputeId: must(dispute, 'dispute').id,
        resolution: 'split',
        releaseFen: 20_000,
        note: '——',
        actorUserId: admin.id,
        ip: '10.0.0.1',
      }),
      'admin:disputes.errors.split',
    )
    await resolveDispute({
      disputeId: must(dispute, 'dispute').id,
      resolution: 'split',
      releaseFen: 5_000,
      note: '双方各担部分责任',
      actorUserId: admin.id,
      ip: '10.0.0.1',
    })
    expect(await netOn(deposit, 'escrow')).toBe(0)
    expect(-(await netOn(deposit, 'refundable'))).toBe(30_000 + 15_000)
    const [claim] = await db()
      .select()
      .from(depositClaims)
      .where(eq(depositClaims.bookingId, booking.id))
    expect(claim?.status).toBe('resolved')
  })

  it('refuses a claim above the deposit held', async () => {
    const { manager, listing } = await lab()
    const { booking } = await book(listing.id, (await startup()).acting)
    await payBooking(booking.id)
    await startBooking({ bookingId: booking.id, actorUserId: manager.id })
    await rejects(
      completeBooking({
        bookingId: booking.id,
        actorUserId: manager.id,
        keptFen: 50_001,
        claimReason: '损坏严重需返厂',
      }),
      'bookings:errors.claimTooMuch',
    )
    expect((await bookingOf(booking.id)).status).toBe('in_progress')
  })
})

describe('sample testing', () => {
  const sampleLab = () =>
    lab({
      priceBlocks: SAMPLE_PRICES,
      serviceModes: ['sample_testing'],
      samplesPerDay: 5,
    })
  const sendSamples = (listingId: string, acting: ActingParty, sampleCount: number) =>
    requestBooking({
      listingIdOrSlug: listingId,
      acting,
      serviceMode: 'sample_testing',
      date: '2026-09-03',
      sampleCount,
      sampleDescription: '硅片 10 mm × 10 mm，表面镀膜',
      shippingDetails: '顺丰 SF1234567890',
      purpose: '膜厚与成分分析',
    })

  it('takes samples up to the day’s capacity, whatever their number of bookings', async () => {
    const { listing } = await sampleLab()
    const first = await sendSamples(listing.id, (await startup()).acting, 3)
    const owed = await bookingPayments(db(), first.booking.id)
    expect(owed.price?.quote.subtotalFen).toBe(60_000)
    await rejects(
      sendSamples(listing.id, (await startup()).acting, 3),
      'bookings:errors.samplesFull',
    )
    await sendSamples(listing.id, (await startup()).acting, 2)
    await rejects(
      sendSamples(listing.id, (await startup()).acting, 1),
      'bookings:errors.samplesFull',
    )
  })

  it('holds concurrent sample bookings to the day’s capacity', async () => {
    const { listing } = await sampleLab()
    const parties = await Promise.all(Array.from({ length: 8 }, () => startup()))
    const results = await Promise.allSettled(
      parties.map((p) => sendSamples(listing.id, p.acting, 2)),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
  })

  it('gives the booker the report and a free retest within 15 days, never after', async () => {
    const { manager, listing } = await sampleLab()
    const { founder, acting } = await startup()
    const { booking } = await sendSamples(listing.id, acting, 1)
    await payBooking(booking.id)
    await startBooking({ bookingId: booking.id, actorUserId: manager.id })
    const pdf = new File(
      [Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')],
      '检测报告.pdf',
      {
        type: 'application/pdf',
      },
    )
    await uploadReport({ bookingId: booking.id, actorUserId: manager.id, file: pdf })
    await completeBooking({ bookingId: booking.id, actorUserId: manager.id, keptFen: 0 })
    expect((await bookingOf(booking.id)).reportUploadId).not.toBeNull()

    const retest = await requestRetest({
      bookingId: booking.id,
      actorUserId: founder.id,
      reason: '第 3 项数据与预期偏差较大',
    })
    expect(retest.status).toBe('requested')
    expect(retest.retestOfBookingId).toBe(booking.id)
    await rejects(
      requestRetest({ bookingId: booking.id, actorUserId: founder.id, reason: '再次申请' }),
      'bookings:errors.retestPending',
    )
    const accepted = await decideRetest({
      bookingId: retest.id,
      actorUserId: manager.id,
      decision: 'approve',
    })
    expect(accepted.status).toBe('paid')
    expect(await db().select().from(payments).where(eq(payments.businessId, retest.id))).toEqual([])
    expect(await db().select().from(quotes).where(eq(quotes.businessId, retest.id))).toEqual([])

    // Another booking whose report is 16 days old: too late.
    const { booking: later } = await sendSamples(listing.id, (await startup()).acting, 1)
    await payBooking(later.id)
    await startBooking({ bookingId: later.id, actorUserId: manager.id })
    await uploadReport({ bookingId: later.id, actorUserId: manager.id, file: pdf })
    await completeBooking({ bookingId: later.id, actorUserId: manager.id, keptFen: 0 })
    setNow(new Date(NOW.getTime() + 16 * DAY))
    await rejects(
      requestRetest({ bookingId: later.id, actorUserId: later.bookerUserId, reason: '复测' }),
      'bookings:errors.retestClosed',
    )
  })
})

describe('who may book', () => {
  it('lets only trained people book self-service time', async () => {
    const { listing } = await lab({ serviceModes: ['self_service', 'operator_run'] })
    const { acting } = await startup()
    await rejects(
      book(listing.id, acting, { serviceMode: 'self_service' }),
      'bookings:errors.notTrained',
    )
    const { booking } = await book(listing.id, acting, { serviceMode: 'operator_run' })
    expect(booking.serviceMode).toBe('operator_run')
  })

  it('answers a taken slot with the next free ones', async () => {
    const { listing } = await lab()
    await book(listing.id, (await startup()).acting)
    const error = await book(listing.id, (await startup()).acting).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SlotTakenError)
    expect((error as SlotTakenError).nextFree.length).toBeGreaterThan(0)
  })
})

describe('what a quote promises', () => {
  it('charges the quote only until the payment deadline it carries', async () => {
    const { listing } = await lab({ priceBlocks: { ...PRICES, depositFen: 0 } })
    const { booking, paymentId } = await book(listing.id, (await startup()).acting)
    const price = must((await bookingPayments(db(), booking.id)).price, 'price')
    expect(price.quote.expiresAt?.getTime()).toBe(booking.holdUntil?.getTime())
    // Past the deadline, before the sweeper has expired the booking: checkout is refused.
    setNow(new Date(must(booking.holdUntil, 'hold').getTime() + 1))
    await rejects(
      startCheckout(must(paymentId, 'payment'), 'http://localhost'),
      'payments:errors.quoteExpired',
    )
  })
})

describe('who sees a booking’s papers', () => {
  it('answers 404 to anyone but the booker (and the lab’s managers) for the report and the receipt', async () => {
    const { manager, listing } = await lab({
      priceBlocks: SAMPLE_PRICES,
      serviceModes: ['sample_testing'],
      samplesPerDay: 5,
    })
    const { founder, acting } = await startup()
    const { booking, paymentId } = await requestBooking({
      listingIdOrSlug: listing.id,
      acting,
      serviceMode: 'sample_testing',
      date: '2026-09-03',
      sampleCount: 1,
      sampleDescription: '锂电池正极材料粉末',
      shippingDetails: '自行送样',
      purpose: '物相分析',
    })
    await payBooking(booking.id)
    await startBooking({ bookingId: booking.id, actorUserId: manager.id })
    const pdf = new File([Buffer.from('%PDF-1.4\n%%EOF\n')], '报告.pdf', {
      type: 'application/pdf',
    })
    const report = await uploadReport({ bookingId: booking.id, actorUserId: manager.id, file: pdf })

    const stranger = await createUser(db())
    const cookieOf = async (userId: string) =>
      `${sessionCookieName()}=${(await createSession(db(), userId)).token}`
    const fetchAs = async (userId: string, load: (request: Request) => Promise<unknown>) =>
      load(new Request('http://localhost/', { headers: { cookie: await cookieOf(userId) } })).then(
        (r) => (r instanceof Response ? r.status : 200),
        (e: unknown) => (e instanceof Response ? e.status : e),
      )
    const reportAs = (userId: string) =>
      fetchAs(userId, (request) =>
        uploadPage.loader({ request, params: { id: report.id }, context }),
      )
    const receiptAs = (userId: string) =>
      fetchAs(userId, (request) =>
        paymentPage.loader({ request, params: { id: must(paymentId, 'payment') }, context }),
      )
    const bookingAs = (userId: string) =>
      fetchAs(userId, (request) =>
        bookingPage.loader({ request, params: { id: booking.id }, context }),
      )
    expect(await reportAs(founder.id)).toBe(200)
    expect(await reportAs(manager.id)).toBe(200)
    // A plain member of the lab is not the customer's confidant.
    const labMember = await createUser(db())
    await addOrgMember(db(), listing.orgId, labMember.id, 'member')
    expect(await reportAs(labMember.id)).toBe(404)
    expect(await reportAs(stranger.id)).toBe(404)
    expect(await receiptAs(founder.id)).toBe(200)
    expect(await receiptAs(stranger.id)).toBe(404)
    expect(await bookingAs(stranger.id)).toBe(404)
  })
})
