// The owner's and the booker's dashboards against real PostgreSQL: utilisation over the last
// 30 days to the hour, requests waiting oldest first, revenue from the ledger's releases, no
// stranger's bookings on anyone's page, and a fixed number of queries however many bookings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db, type Tx } from '../../db/client.server.ts'
import { equipmentBookings } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import type { BookingStatus } from '../../app/domains/equipment/booking.machine.ts'
import { bookerDashboard, ownerDashboard } from '../../app/domains/equipment/dashboard.server.ts'
import type { ServiceMode } from '../../app/domains/equipment/equipment-terms.ts'
import { collectPayment } from '../../app/domains/payments/collect-payment.server.ts'
import { createPayment } from '../../app/domains/payments/create-payment.server.ts'
import { createQuote } from '../../app/domains/payments/fees.server.ts'
import { releasePayment } from '../../app/domains/payments/release-payment.server.ts'
import { createListing } from '../factories/equipment.ts'
import { createOrg, createUser } from '../factories/index.ts'
import { must } from '../support/must.ts'

// Tuesday 1 September 2026, 08:00 in Shanghai. The look-back window is 2 Aug 08:00 – 1 Sep 08:00.
const NOW = new Date('2026-09-01T00:00:00Z')
const HOUR = 3_600_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

/** An instant in Shanghai local time. */
const local = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`)

let unitClock = 0
async function insertBooking(
  listingId: string,
  bookerUserId: string,
  input: {
    status: BookingStatus
    startsAt: Date
    endsAt: Date
    unitNo?: number
    serviceMode?: ServiceMode
    sampleCount?: number
    bookerOrgId?: string | null
    retestOfBookingId?: string
    holdUntil?: Date
    createdAt?: Date
    reportUploadId?: string
  },
) {
  const createdAt = input.createdAt ?? new Date(NOW.getTime() - 10 * 24 * HOUR + ++unitClock)
  const [row] = await db()
    .insert(equipmentBookings)
    .values({
      listingId,
      bookerUserId,
      bookerOrgId: input.bookerOrgId ?? null,
      unitNo: input.unitNo ?? 1,
      status: input.status,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      serviceMode: input.serviceMode ?? 'operator_run',
      sampleCount: input.sampleCount ?? null,
      retestOfBookingId: input.retestOfBookingId ?? null,
      holdUntil: input.holdUntil ?? null,
      reportUploadId: input.reportUploadId ?? null,
      purpose: '测试',
      createdAt,
      updatedAt: createdAt,
    })
    .returning()
  return must(row, 'booking')
}

/** A transaction handle that counts the queries started through it. */
function counting(target: Tx) {
  let queries = 0
  const tx = new Proxy(target, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t)
      if (typeof value !== 'function') return value
      if (prop === 'select' || prop === 'selectDistinct' || prop === 'execute')
        return (...args: unknown[]) => {
          queries++
          return (value as (...a: unknown[]) => unknown).apply(t, args)
        }
      return (value as (...a: unknown[]) => unknown).bind(t)
    },
  })
  return { tx, queries: () => queries }
}

/** A price payment of a booking, collected into escrow; released to the owner when asked. */
async function paidPrice(
  bookingId: string,
  payerUserId: string,
  orgId: string,
  priceFen: number,
  release: boolean,
) {
  return db().transaction(async (tx) => {
    const quote = await createQuote(tx, {
      marketplace: 'equipment',
      businessKind: 'booking',
      businessId: bookingId,
      currency: 'CNY',
      lines: [{ label: '机时', quantity: 1, unitFen: priceFen }],
    })
    const payment = await createPayment(tx, {
      quote,
      description: '设备预约',
      payerUserId,
      payee: { orgId },
    })
    await collectPayment(tx, {
      paymentId: payment.id,
      provider: payment.provider,
      providerRef: `bank-${payment.id}`,
      operationKey: `collect:${payment.id}`,
    })
    if (release)
      await releasePayment(tx, {
        paymentId: payment.id,
        priceFen,
        operationKey: `release:${payment.id}`,
      })
    return { quote, payment }
  })
}

describe('the owner dashboard', () => {
  it('measures utilisation over the last 30 days to the hour', async () => {
    // Two units, open 09:00–18:00 every day, closed on 15 August.
    const listing = await createListing(db(), { capacity: 2, blackoutDates: ['2026-08-15'] })
    const booker = await createUser(db())
    const b = (status: BookingStatus, from: Date, to: Date, extra = {}) =>
      insertBooking(listing.id, booker.id, { status, startsAt: from, endsAt: to, ...extra })
    // 2 Aug 07:00–10:00: only the 2 hours after the window opens at 08:00 count.
    await b('completed', local('2026-08-02', '07:00'), local('2026-08-02', '10:00'))
    await b('completed', local('2026-08-10', '10:00'), local('2026-08-10', '14:00'))
    await b('reviewed', local('2026-08-10', '10:00'), local('2026-08-10', '13:00'), { unitNo: 2 })
    await b('no_show', local('2026-08-20', '09:00'), local('2026-08-20', '11:00'))
    await b('in_progress', local('2026-08-31', '16:00'), local('2026-08-31', '18:00'))
    // Not counted: cancelled, still requested, before the window, after it.
    await b('cancelled', local('2026-08-12', '09:00'), local('2026-08-12', '18:00'))
    await b('requested', local('2026-08-13', '09:00'), local('2026-08-13', '18:00'))
    await b('completed', local('2026-07-30', '09:00'), local('2026-07-30', '18:00'))
    await b('paid', local('2026-09-03', '09:00'), local('2026-09-03', '12:00'))
    // Sample testing: no hours, 5 samples tested.
    await b('completed', local('2026-08-11', '09:00'), local('2026-08-11', '18:00'), {
      serviceMode: 'sample_testing',
      sampleCount: 5,
      reportUploadId: crypto.randomUUID(),
    })

    const view = await ownerDashboard(db(), listing.orgId, NOW)
    const figure = must(
      view.utilisation.find((u) => u.listingId === listing.id),
      'utilisation row',
    )
    // Open: 2 Aug … 31 Aug is 30 days (1 Sep closes at 08:00, before opening), less 15 Aug:
    // 29 days × 9 h × 2 units = 522 h. Booked: 2 + 4 + 3 + 2 + 2 = 13 h.
    expect(figure.openHours).toBe(522)
    expect(figure.bookedHours).toBe(13)
    expect(figure.ratio).toBeCloseTo(13 / 522, 12)
    expect(figure.timedBookings).toBe(5)
    expect(figure.samplesTested).toBe(5)
    expect(figure.sampleBookings).toBe(1)
  })

  it('lists requests waiting for a decision oldest first, retests included, and only its own', async () => {
    const listing = await createListing(db())
    const other = await createListing(db())
    const booker = await createUser(db())
    const startup = await createOrg(db(), { name: '苏州微纳创芯科技有限公司', ownerId: booker.id })
    const done = await insertBooking(listing.id, booker.id, {
      status: 'completed',
      startsAt: local('2026-08-20', '09:00'),
      endsAt: local('2026-08-20', '12:00'),
    })
    const newer = await insertBooking(listing.id, booker.id, {
      status: 'requested',
      startsAt: local('2026-09-04', '09:00'),
      endsAt: local('2026-09-04', '11:00'),
      createdAt: new Date(NOW.getTime() - HOUR),
      holdUntil: new Date(NOW.getTime() + 23 * HOUR),
    })
    const retest = await insertBooking(listing.id, booker.id, {
      status: 'requested',
      startsAt: local('2026-09-03', '09:00'),
      endsAt: local('2026-09-03', '18:00'),
      serviceMode: 'sample_testing',
      sampleCount: 2,
      bookerOrgId: startup.id,
      retestOfBookingId: done.id,
      createdAt: new Date(NOW.getTime() - 5 * HOUR),
      holdUntil: new Date(NOW.getTime() + 19 * HOUR),
    })
    await insertBooking(listing.id, booker.id, {
      status: 'awaiting_payment',
      startsAt: local('2026-09-05', '09:00'),
      endsAt: local('2026-09-05', '11:00'),
    })
    const elsewhere = await insertBooking(other.id, booker.id, {
      status: 'requested',
      startsAt: local('2026-09-04', '09:00'),
      endsAt: local('2026-09-04', '11:00'),
    })

    const view = await ownerDashboard(db(), listing.orgId, NOW)
    expect(view.pending.map((p) => p.id)).toEqual([retest.id, newer.id])
    const first = must(view.pending[0], 'retest')
    expect(first.isRetest).toBe(true)
    expect(first.bookerOrgName).toBe('苏州微纳创芯科技有限公司')
    expect(first.sampleCount).toBe(2)
    expect(first.holdUntil?.toISOString()).toBe(new Date(NOW.getTime() + 19 * HOUR).toISOString())
    // The calendar holds the fortnight's live bookings of this organisation only.
    const calendarIds = view.calendar.bookings.map((c) => c.id)
    expect(calendarIds).toContain(newer.id)
    expect(calendarIds).not.toContain(elsewhere.id)
    expect(calendarIds).not.toContain(done.id)
    expect(view.calendar.days[0]).toBe('2026-09-01')
    expect(view.calendar.days).toHaveLength(14)
  })

  it('counts revenue from released money, net of the fee, and what is still held apart', async () => {
    const listing = await createListing(db())
    const booker = await createUser(db())
    const finished = await insertBooking(listing.id, booker.id, {
      status: 'completed',
      startsAt: local('2026-08-25', '09:00'),
      endsAt: local('2026-08-25', '11:00'),
    })
    const ahead = await insertBooking(listing.id, booker.id, {
      status: 'paid',
      startsAt: local('2026-09-02', '09:00'),
      endsAt: local('2026-09-02', '11:00'),
    })
    const sample = await insertBooking(listing.id, booker.id, {
      status: 'in_progress',
      startsAt: local('2026-08-31', '09:00'),
      endsAt: local('2026-08-31', '18:00'),
      serviceMode: 'sample_testing',
      sampleCount: 3,
    })
    // Released in August (last 30 days, not this month), and on 1 September (both).
    setNow(new Date('2026-08-26T02:00:00Z'))
    const august = await paidPrice(finished.id, booker.id, listing.orgId, 60_000, true)
    setNow(new Date('2026-08-31T16:30:00Z')) // 1 Sep 00:30 in Shanghai
    const september = await paidPrice(sample.id, booker.id, listing.orgId, 20_000, true)
    setNow(NOW)
    const held = await paidPrice(ahead.id, booker.id, listing.orgId, 30_000, false)

    const view = await ownerDashboard(db(), listing.orgId, NOW)
    expect(august.quote.feeFen).toBeGreaterThan(0)
    expect(view.revenue.releasedLast30Fen).toBe(
      august.quote.payeeNetFen + september.quote.payeeNetFen,
    )
    expect(view.revenue.releasedThisMonthFen).toBe(september.quote.payeeNetFen)
    expect(view.revenue.awaitingReleaseFen).toBe(held.quote.payeeNetFen)
    expect(view.revenue.awaitingReleaseCount).toBe(1)
    // The sample test in progress has no report yet.
    expect(view.reportsDue.map((r) => r.id)).toEqual([sample.id])
  })

  it('runs the same number of queries for 3 bookings as for 30', async () => {
    const listing = await createListing(db())
    const booker = await createUser(db())
    const addDays = async (from: number, to: number) => {
      for (let d = from; d < to; d++) {
        const date = new Date(Date.UTC(2026, 7, 2 + d)).toISOString().slice(0, 10)
        const booking = await insertBooking(listing.id, booker.id, {
          status: 'completed',
          startsAt: local(date, '10:00'),
          endsAt: local(date, '11:00'),
        })
        if (d % 3 === 0) await paidPrice(booking.id, booker.id, listing.orgId, 10_000, false)
      }
      await insertBooking(listing.id, booker.id, {
        status: 'requested',
        startsAt: local('2026-09-02', `${String(9 + from / 3).padStart(2, '0')}:00`),
        endsAt: local('2026-09-02', `${String(10 + from / 3).padStart(2, '0')}:00`),
      })
    }
    const measure = async () => {
      const owner = counting(db())
      const ownerView = await ownerDashboard(owner.tx, listing.orgId, NOW)
      const booking = counting(db())
      const bookerView = await bookerDashboard(booking.tx, booker.id, [], NOW)
      return {
        ownerView,
        bookerView,
        ownerQueries: owner.queries(),
        bookerQueries: booking.queries(),
      }
    }

    await addDays(0, 3)
    const few = await measure()
    await addDays(3, 30)
    const many = await measure()

    expect(few.ownerView.utilisation[0]?.bookedHours).toBe(3)
    expect(many.ownerView.utilisation[0]?.bookedHours).toBe(30)
    expect(few.bookerView.past).toHaveLength(3)
    expect(many.bookerView.past).toHaveLength(30)
    expect(many.bookerView.upcoming).toHaveLength(2)
    expect(many.bookerView.receipts).toHaveLength(10)
    expect(many.ownerView.pending).toHaveLength(2)
    expect(few.ownerQueries).toBeGreaterThan(0)
    expect(many.ownerQueries).toBe(few.ownerQueries)
    expect(many.bookerQueries).toBe(few.bookerQueries)
    expect(many.bookerQueries).toBeLessThanOrEqual(3)
  })
})

describe('the booker dashboard', () => {
  it("never shows a stranger's bookings, and links payments, reports and receipts", async () => {
    const listing = await createListing(db(), { depositFen: 50_000 })
    const me = await createUser(db())
    const myOrg = await createOrg(db(), { name: '苏州芯途科技有限公司', ownerId: me.id })
    const stranger = await createUser(db())
    const strangerOrg = await createOrg(db(), {
      name: '无锡光启材料有限公司',
      ownerId: stranger.id,
    })
    const reportId = crypto.randomUUID()
    const mine = await insertBooking(listing.id, me.id, {
      status: 'completed',
      startsAt: local('2026-08-20', '09:00'),
      endsAt: local('2026-08-20', '18:00'),
      serviceMode: 'sample_testing',
      sampleCount: 4,
      bookerOrgId: myOrg.id,
      reportUploadId: reportId,
    })
    const soon = await insertBooking(listing.id, me.id, {
      status: 'awaiting_payment',
      startsAt: local('2026-09-02', '09:00'),
      endsAt: local('2026-09-02', '11:00'),
    })
    const theirs = await insertBooking(listing.id, stranger.id, {
      status: 'paid',
      startsAt: local('2026-09-03', '09:00'),
      endsAt: local('2026-09-03', '11:00'),
      bookerOrgId: strangerOrg.id,
    })
    const { payment: receipt } = await paidPrice(mine.id, me.id, listing.orgId, 40_000, false)
    await paidPrice(theirs.id, stranger.id, listing.orgId, 40_000, false)
    const unpaid = await db().transaction(async (tx) => {
      const quote = await createQuote(tx, {
        marketplace: 'equipment',
        businessKind: 'booking',
        businessId: soon.id,
        currency: 'CNY',
        lines: [{ label: '机时', quantity: 2, unitFen: 30_000 }],
      })
      return createPayment(tx, {
        quote,
        description: '设备预约',
        payerUserId: me.id,
        payee: { orgId: listing.orgId },
      })
    })

    const view = await bookerDashboard(db(), me.id, [myOrg.id], NOW)
    const all = [...view.upcoming, ...view.past].map((b) => b.id)
    expect(all.sort()).toEqual([mine.id, soon.id].sort())
    expect(view.upcoming.map((b) => b.id)).toEqual([soon.id])
    expect(view.reports).toEqual([
      expect.objectContaining({ bookingId: mine.id, href: `/uploads/${reportId}` }),
    ])
    expect(view.receipts).toEqual([
      expect.objectContaining({
        id: receipt.id,
        kind: 'price',
        status: 'held',
        href: `/payments/${receipt.id}`,
        fapiaoHref: `/payments/${receipt.id}/fapiao`,
      }),
    ])
    expect(view.owed).toEqual([
      expect.objectContaining({ id: unpaid.id, bookingId: soon.id, kind: 'price' }),
    ])
    expect(view.owedFen).toBe(unpaid.amountFen)

    // The stranger sees only their own booking, whichever organisations they name.
    const theirView = await bookerDashboard(db(), stranger.id, [strangerOrg.id], NOW)
    expect([...theirView.upcoming, ...theirView.past].map((b) => b.id)).toEqual([theirs.id])
    expect(theirView.receipts.map((r) => r.bookingId)).toEqual([theirs.id])
  })
})
