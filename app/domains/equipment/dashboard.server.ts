// The two dashboards of the open-equipment marketplace. The owner's: requests waiting for a
// decision, a fortnight of bookings across the organisation's instruments, utilisation over the
// last 30 days, revenue from the ledger, vouchers to redeem and reports to upload. The booker's:
// upcoming and past bookings with their payments, reports and receipts. Each is a fixed number
// of queries, however many bookings there are: rows are grouped in memory, never fetched per row.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Tx } from '../../../db/client.server.ts'
import {
  equipmentBookings,
  equipmentListings,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  organisations,
  payments,
  quotes,
  users,
  voucherUses,
} from '../../../db/schema/index.ts'
import { account } from '../payments/ledger.server.ts'
import type { PaymentStatus } from '../payments/payment.machine.ts'
import { VOUCHER_DEBT_KIND } from '../vouchers/decide-voucher-use.server.ts'
import { DEPOSIT_KIND, PRICE_KIND } from './booking-money.server.ts'
import { liveBookingStatuses, type BookingStatus } from './booking.machine.ts'
import { openingOn } from './reserve-slot.server.ts'
import {
  localDate,
  localDatesBetween,
  localMidnight,
  openIntervalsOf,
  utilisation,
  type Interval,
} from './utilisation.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Utilisation and revenue look back this many days. */
export const LOOKBACK_DAYS = 30
/** The owner's calendar covers this many local days from today. */
export const CALENDAR_DAYS = 14

/** Bookings whose time counts as used: the instrument was held for them and they went ahead. */
export const utilisedStatuses = [
  'paid',
  'in_progress',
  'completed',
  'reviewed',
  'no_show',
] as const satisfies readonly BookingStatus[]
/** Sample-testing bookings whose samples have been tested. */
const testedStatuses: readonly BookingStatus[] = ['completed', 'reviewed']
/** Sample-testing bookings that still owe their report. */
const reportDueStatuses = ['in_progress', 'completed'] as const satisfies readonly BookingStatus[]
/** Bookings still ahead of the booker (or under way). */
const aheadStatuses: readonly BookingStatus[] = [
  'requested',
  'approved',
  'awaiting_payment',
  'paid',
  'in_progress',
]
const unpaidPaymentStatuses: readonly PaymentStatus[] = ['awaiting_payment', 'requires_action']
const receiptPaymentStatuses: readonly PaymentStatus[] = ['held', 'settled']

const bookerOrgs = alias(organisations, 'booker_orgs')

/** A release that a rejected custody instruction reversed is back in escrow, not released. */
const notReversed = sql`not exists (select 1 from ledger_transactions r where r.reverses_id = ${ledgerTransactions.id})`

export async function ownerDashboard(tx: Tx, orgId: string, at: Date) {
  const atMs = at.getTime()
  const windowStart = atMs - LOOKBACK_DAYS * DAY
  const windowEnd = atMs
  const today = localDate(atMs)
  const calendarFrom = localMidnight(today)
  const calendarTo = calendarFrom + CALENDAR_DAYS * DAY
  const monthStart = localMidnight(`${today.slice(0, 7)}-01`)
  const payable = account.payable({ orgId }, 'CNY')
  const ofOrg = eq(equipmentListings.orgId, orgId)
  const bookerName = users.name
  const bookerOrgName = bookerOrgs.name

  const [
    listings,
    pendingRows,
    calendarRows,
    usedRows,
    reportRows,
    [released],
    [held],
    voucherRows,
  ] = await Promise.all([
    tx.select().from(equipmentListings).where(ofOrg).orderBy(asc(equipmentListings.name)),

    // Requests waiting for the owner, retests included, the longest-waiting first.
    tx
      .select({
        id: equipmentBookings.id,
        listingId: equipmentBookings.listingId,
        listingName: equipmentListings.name,
        bookerName,
        bookerOrgName,
        startsAt: equipmentBookings.startsAt,
        endsAt: equipmentBookings.endsAt,
        serviceMode: equipmentBookings.serviceMode,
        sampleCount: equipmentBookings.sampleCount,
        retestOfBookingId: equipmentBookings.retestOfBookingId,
        holdUntil: equipmentBookings.holdUntil,
        createdAt: equipmentBookings.createdAt,
      })
      .from(equipmentBookings)
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
      .leftJoin(bookerOrgs, eq(bookerOrgs.id, equipmentBookings.bookerOrgId))
      .where(and(ofOrg, eq(equipmentBookings.status, 'requested')))
      .orderBy(asc(equipmentBookings.createdAt), asc(equipmentBookings.id)),

    // Live bookings that meet the calendar's fortnight.
    tx
      .select({
        id: equipmentBookings.id,
        listingId: equipmentBookings.listingId,
        unitNo: equipmentBookings.unitNo,
        status: equipmentBookings.status,
        startsAt: equipmentBookings.startsAt,
        endsAt: equipmentBookings.endsAt,
        serviceMode: equipmentBookings.serviceMode,
        sampleCount: equipmentBookings.sampleCount,
        bookerName,
        bookerOrgName,
      })
      .from(equipmentBookings)
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
      .leftJoin(bookerOrgs, eq(bookerOrgs.id, equipmentBookings.bookerOrgId))
      .where(
        and(
          ofOrg,
          inArray(equipmentBookings.status, [...liveBookingStatuses]),
          lt(equipmentBookings.startsAt, new Date(calendarTo)),
          gt(equipmentBookings.endsAt, new Date(calendarFrom)),
        ),
      )
      .orderBy(asc(equipmentBookings.startsAt), asc(equipmentBookings.id)),

    // Bookings that used an instrument during the look-back window.
    tx
      .select({
        listingId: equipmentBookings.listingId,
        status: equipmentBookings.status,
        startsAt: equipmentBookings.startsAt,
        endsAt: equipmentBookings.endsAt,
        serviceMode: equipmentBookings.serviceMode,
        sampleCount: equipmentBookings.sampleCount,
      })
      .from(equipmentBookings)
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .where(
        and(
          ofOrg,
          inArray(equipmentBookings.status, [...utilisedStatuses]),
          lt(equipmentBookings.startsAt, new Date(windowEnd)),
          gt(equipmentBookings.endsAt, new Date(windowStart)),
        ),
      ),

    // Sample tests under way or done whose report is still to come.
    tx
      .select({
        id: equipmentBookings.id,
        listingName: equipmentListings.name,
        status: equipmentBookings.status,
        startsAt: equipmentBookings.startsAt,
        sampleCount: equipmentBookings.sampleCount,
        bookerName,
        bookerOrgName,
      })
      .from(equipmentBookings)
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
      .leftJoin(bookerOrgs, eq(bookerOrgs.id, equipmentBookings.bookerOrgId))
      .where(
        and(
          ofOrg,
          eq(equipmentBookings.serviceMode, 'sample_testing'),
          inArray(equipmentBookings.status, [...reportDueStatuses]),
          isNull(equipmentBookings.reportUploadId),
        ),
      )
      .orderBy(asc(equipmentBookings.startsAt)),

    // Revenue: what releases of booking prices credited to the organisation's payable account,
    // the platform fee already taken off. A voucher part released as a claim on the agency
    // counts too: it is the owner's to redeem.
    tx
      .select({
        last30: sql<string>`coalesce(sum(-${ledgerEntries.amount}) filter (where ${ledgerTransactions.postedAt} >= ${new Date(windowStart).toISOString()}::timestamptz), 0)`,
        month: sql<string>`coalesce(sum(-${ledgerEntries.amount}) filter (where ${ledgerTransactions.postedAt} >= ${new Date(monthStart).toISOString()}::timestamptz), 0)`,
      })
      .from(ledgerEntries)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
      .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
      .where(
        and(
          eq(ledgerAccounts.code, payable.code),
          eq(ledgerAccounts.currency, payable.currency),
          eq(ledgerTransactions.kind, 'release'),
          eq(ledgerTransactions.businessKind, PRICE_KIND),
          lt(ledgerEntries.amount, 0),
          sql`${ledgerTransactions.postedAt} >= ${new Date(Math.min(windowStart, monthStart)).toISOString()}::timestamptz`,
          lt(ledgerTransactions.postedAt, at),
          notReversed,
        ),
      ),

    // Booked and paid but not yet released: each held price payment's net for the payee, less
    // what earlier releases of it already credited.
    tx
      .select({
        fen: sql<string>`coalesce(sum(greatest(0, ${quotes.payeeNetFen} - coalesce((
          select sum(-e.amount) from ledger_entries e
          join ledger_transactions t on t.id = e.transaction_id
          join ledger_accounts a on a.id = e.account_id
          where t.payment_id = ${payments.id} and t.kind = 'release' and a.kind = 'payable'
            and e.amount < 0
            and not exists (select 1 from ledger_transactions r where r.reverses_id = t.id)
        ), 0))), 0)`,
        count: sql<number>`count(*)::int`,
      })
      .from(payments)
      .innerJoin(quotes, eq(quotes.id, payments.quoteId))
      .where(
        and(
          eq(payments.payeeOrgId, orgId),
          eq(payments.businessKind, PRICE_KIND),
          eq(payments.status, 'held'),
        ),
      ),

    // Voucher parts to redeem with the issuing agency: done but not submitted, or submitted.
    tx
      .select({
        id: voucherUses.id,
        bookingId: voucherUses.bookingId,
        status: voucherUses.status,
        amountFen: voucherUses.amountFen,
        packetNo: voucherUses.packetNo,
        submittedAt: voucherUses.submittedAt,
        listingName: equipmentListings.name,
        bookingStatus: equipmentBookings.status,
        startsAt: equipmentBookings.startsAt,
        bookerName,
        bookerOrgName,
      })
      .from(voucherUses)
      .innerJoin(equipmentBookings, eq(equipmentBookings.id, voucherUses.bookingId))
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
      .leftJoin(bookerOrgs, eq(bookerOrgs.id, equipmentBookings.bookerOrgId))
      .where(
        and(
          eq(voucherUses.providerOrgId, orgId),
          or(
            and(
              eq(voucherUses.status, 'held'),
              inArray(equipmentBookings.status, ['completed', 'reviewed']),
            ),
            eq(voucherUses.status, 'submitted'),
          ),
        ),
      )
      .orderBy(asc(equipmentBookings.startsAt)),
  ])

  const windowDates = localDatesBetween(windowStart, windowEnd)
  const usage = listings.map((listing) => {
    const own = usedRows.filter((b) => b.listingId === listing.id)
    const timed = own.filter((b) => b.serviceMode !== 'sample_testing')
    const samples = own.filter(
      (b) => b.serviceMode === 'sample_testing' && testedStatuses.includes(b.status),
    )
    const figure = utilisation({
      bookings: timed.map((b): Interval => [b.startsAt.getTime(), b.endsAt.getTime()]),
      openIntervals: openIntervalsOf(windowDates, listing.blackoutDates, (date) =>
        openingOn(listing, date),
      ),
      windowStart,
      windowEnd,
      capacity: listing.capacity,
    })
    return {
      listingId: listing.id,
      name: listing.name,
      slug: listing.slug,
      capacity: listing.capacity,
      sampleTesting: listing.serviceModes.includes('sample_testing'),
      ...figure,
      timedBookings: timed.length,
      samplesTested: samples.reduce((sum, b) => sum + (b.sampleCount ?? 0), 0),
      sampleBookings: samples.length,
    }
  })

  return {
    window: { start: new Date(windowStart), end: new Date(windowEnd) },
    listings: listings.map(({ id, slug, name, status, capacity, serviceModes }) => ({
      id,
      slug,
      name,
      status,
      capacity,
      serviceModes,
    })),
    pending: pendingRows.map(({ retestOfBookingId, ...r }) => ({
      ...r,
      isRetest: retestOfBookingId !== null,
    })),
    calendar: {
      days: Array.from({ length: CALENDAR_DAYS }, (_, i) =>
        localDate(calendarFrom + i * DAY + HOUR),
      ),
      bookings: calendarRows,
    },
    utilisation: usage,
    revenue: {
      releasedLast30Fen: Number(released?.last30 ?? 0),
      releasedThisMonthFen: Number(released?.month ?? 0),
      awaitingReleaseFen: Number(held?.fen ?? 0),
      awaitingReleaseCount: held?.count ?? 0,
    },
    vouchers: voucherRows,
    vouchersTotalFen: voucherRows.reduce((sum, v) => sum + v.amountFen, 0),
    reportsDue: reportRows,
  }
}

export type OwnerDashboard = Awaited<ReturnType<typeof ownerDashboard>>

type PaymentLink = { id: string; status: PaymentStatus; amountFen: number }

const paymentKind = (p: PaymentLink, price: PaymentLink | null, deposit: PaymentLink | null) =>
  p === price ? ('price' as const) : p === deposit ? ('deposit' as const) : ('voucherDebt' as const)

/** The bookings a person made, for themself or for their organisations, with what they owe. */
export async function bookerDashboard(tx: Tx, userId: string, orgIds: readonly string[], at: Date) {
  const mine = orgIds.length
    ? or(
        eq(equipmentBookings.bookerUserId, userId),
        inArray(equipmentBookings.bookerOrgId, [...orgIds]),
      )
    : eq(equipmentBookings.bookerUserId, userId)
  const rows = await tx
    .select({
      id: equipmentBookings.id,
      status: equipmentBookings.status,
      startsAt: equipmentBookings.startsAt,
      endsAt: equipmentBookings.endsAt,
      serviceMode: equipmentBookings.serviceMode,
      sampleCount: equipmentBookings.sampleCount,
      reportUploadId: equipmentBookings.reportUploadId,
      reportUploadedAt: equipmentBookings.reportUploadedAt,
      retestOfBookingId: equipmentBookings.retestOfBookingId,
      listingName: equipmentListings.name,
      listingSlug: equipmentListings.slug,
      providerName: organisations.name,
    })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
    .where(mine)
    .orderBy(desc(equipmentBookings.startsAt), desc(equipmentBookings.id))
  const ids = rows.map((r) => r.id)

  const [paymentRows, debtRows] = ids.length
    ? await Promise.all([
        tx
          .select({
            id: payments.id,
            businessKind: payments.businessKind,
            businessId: payments.businessId,
            status: payments.status,
            amountFen: payments.amountFen,
          })
          .from(payments)
          .where(
            and(
              inArray(payments.businessKind, [PRICE_KIND, DEPOSIT_KIND]),
              inArray(payments.businessId, ids),
            ),
          )
          .orderBy(desc(payments.createdAt), desc(payments.id)),
        // A rejected voucher part becomes a payment of its own, owed by the booker.
        tx
          .select({
            bookingId: voucherUses.bookingId,
            id: payments.id,
            status: payments.status,
            amountFen: payments.amountFen,
          })
          .from(voucherUses)
          .innerJoin(payments, eq(payments.id, voucherUses.debtPaymentId))
          .where(
            and(
              inArray(voucherUses.bookingId, ids),
              isNotNull(voucherUses.debtPaymentId),
              eq(payments.businessKind, VOUCHER_DEBT_KIND),
            ),
          ),
      ])
    : [[], []]

  // The latest payment of each kind per booking (rows come newest first).
  const latest = new Map<string, PaymentLink>()
  for (const p of paymentRows) {
    const key = `${p.businessKind}:${p.businessId}`
    if (!latest.has(key)) latest.set(key, { id: p.id, status: p.status, amountFen: p.amountFen })
  }
  const debtOf = new Map(
    debtRows.map((d) => [d.bookingId, { id: d.id, status: d.status, amountFen: d.amountFen }]),
  )

  const atMs = at.getTime()
  const bookings = rows.map(({ retestOfBookingId, ...r }) => {
    const price = latest.get(`${PRICE_KIND}:${r.id}`) ?? null
    const deposit = latest.get(`${DEPOSIT_KIND}:${r.id}`) ?? null
    const voucherDebt = debtOf.get(r.id) ?? null
    const all = [price, deposit, voucherDebt].filter((p): p is PaymentLink => p !== null)
    return {
      ...r,
      isRetest: retestOfBookingId !== null,
      price,
      deposit,
      voucherDebt,
      reportHref: r.reportUploadId ? `/uploads/${r.reportUploadId}` : null,
      owed: all.filter((p) => unpaidPaymentStatuses.includes(p.status)),
      receipts: all
        .filter((p) => receiptPaymentStatuses.includes(p.status))
        .map((p) => ({
          ...p,
          kind: paymentKind(p, price, deposit),
          href: `/payments/${p.id}`,
          // A deposit is the booker's own money held and returned: nothing to invoice.
          fapiaoHref: p === deposit ? null : `/payments/${p.id}/fapiao`,
        })),
    }
  })
  const isAhead = (b: (typeof bookings)[number]) =>
    aheadStatuses.includes(b.status) && b.endsAt.getTime() > atMs
  const upcoming = bookings.filter(isAhead).reverse()
  const past = bookings.filter((b) => !isAhead(b))
  const owed = bookings.flatMap((b) =>
    b.owed.map((p) => ({
      ...p,
      bookingId: b.id,
      listingName: b.listingName,
      kind: paymentKind(p, b.price, b.deposit),
    })),
  )
  return {
    upcoming,
    past,
    reports: bookings
      .filter((b) => b.reportHref !== null)
      .map((b) => ({
        bookingId: b.id,
        listingName: b.listingName,
        href: b.reportHref ?? '',
        uploadedAt: b.reportUploadedAt,
        startsAt: b.startsAt,
      })),
    receipts: bookings.flatMap((b) =>
      b.receipts.map((r) => ({
        ...r,
        bookingId: b.id,
        listingName: b.listingName,
        startsAt: b.startsAt,
      })),
    ),
    owed,
    owedFen: owed.reduce((sum, p) => sum + p.amountFen, 0),
  }
}

export type BookerDashboard = Awaited<ReturnType<typeof bookerDashboard>>
