// A paid booking's life on the instrument: the owner starts and completes it (or records a
// no-show), uploads the test report, and may claim part of the deposit for documented damage;
// the booker asks for a retest within 15 days of the report, and accepts or disputes a claim.
// Each step is one transaction: the booking's transition, its money, the notices.
import { and, eq, inArray } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  depositClaims,
  equipmentBookingEvents,
  equipmentBookings,
  equipmentListings,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { env } from '../../env.server.ts'
import { roleInOrg } from '../orgs/org-role.server.ts'
import { onDisputeResolved, openDispute } from '../disputes/disputes.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { formatMoney } from '../payments/money.ts'
import { releasePayment } from '../payments/release-payment.server.ts'
import { UserError } from '../problems.ts'
import { registerTimer, scheduleTimer, cancelTimers } from '../timers/timers.server.ts'
import { checkUpload, storeUpload } from '../uploads/store-upload.server.ts'
import { liveBookingStatuses } from './booking.machine.ts'
import {
  depositHeld,
  settleCompletedBooking,
  settleNoShow,
  shanghaiTime,
} from './booking-money.server.ts'
import { BOOKING_EXPIRE_TIMER, moveBooking } from './cancel-booking.server.ts'
import { depositClaimMachine } from './deposit-claim.machine.ts'
import { openingOn } from './reserve-slot.server.ts'

type Booking = typeof equipmentBookings.$inferSelect
type Listing = typeof equipmentListings.$inferSelect

const DAY = 86_400_000
/** A booker may ask for a retest this long after the report arrives. */
export const RETEST_DAYS = 15
/** A booker has this long to accept or dispute a deposit claim; silence accepts it. */
export const CLAIM_RESPONSE_DAYS = 7
export const DEPOSIT_CLAIM_TIMER = 'deposit-claim.lapse'
export const DEPOSIT_DISPUTE = 'booking-deposit'

/** The booking and its listing, locked, with the actor's standing towards it. */
async function standing(tx: Tx, bookingId: string, userId: string) {
  const row = await tx
    .select({ booking: equipmentBookings, listing: equipmentListings })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(eq(equipmentBookings.id, bookingId))
    .for('update', { of: equipmentBookings })
    .then((r) => r[0])
  if (!row) throw new UserError('equipment:booking.errors.notFound')
  const ownerRole = await roleInOrg(tx, row.listing.orgId, userId)
  const bookerRole = row.booking.bookerOrgId
    ? await roleInOrg(tx, row.booking.bookerOrgId, userId)
    : undefined
  return {
    ...row,
    isOwner: ownerRole === 'owner' || ownerRole === 'admin',
    isBooker: row.booking.bookerUserId === userId || bookerRole !== undefined,
  }
}

const paramsOf = (booking: Booking, listing: Listing) => ({
  listingName: listing.name,
  startsAt: shanghaiTime(booking.startsAt),
})

function asUserError(error: unknown, key: string): never {
  if (error instanceof TransitionError) throw new UserError(key)
  throw error
}

export async function startBooking(input: { bookingId: string; actorUserId: string }) {
  return db().transaction(async (tx) => {
    const { booking, isOwner } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isOwner) throw new UserError('equipment:booking.errors.notYours')
    return moveBooking(tx, {
      bookingId: booking.id,
      action: 'start',
      actorRoles: ['owner'],
      actorUserId: input.actorUserId,
    }).catch((e) => asUserError(e, 'bookings:errors.cannotStart'))
  })
}

export async function completeBooking(input: {
  bookingId: string
  actorUserId: string
  /** Deposit the owner keeps for damage (0: all of it goes back). */
  keptFen: number
  claimReason?: string
  evidence?: File[]
}) {
  return db().transaction(async (tx) => {
    const { booking, listing, isOwner } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isOwner) throw new UserError('equipment:booking.errors.notYours')
    const at = now()
    const deposit = await depositHeld(tx, booking.id)
    if (input.keptFen > 0) {
      if (!deposit || input.keptFen > deposit.heldFen)
        throw new UserError('bookings:errors.claimTooMuch', 'keptYuan')
      if (!input.claimReason || input.claimReason.trim().length < 5)
        throw new UserError('bookings:errors.claimReason', 'claimReason')
    }
    const updated = await moveBooking(tx, {
      bookingId: booking.id,
      action: 'complete',
      actorRoles: ['owner'],
      actorUserId: input.actorUserId,
      set: { completedAt: at },
    }).catch((e) => asUserError(e, 'bookings:errors.cannotComplete'))
    await settleCompletedBooking(tx, {
      booking: updated,
      keptFen: input.keptFen,
      actorUserId: input.actorUserId,
    })
    const link = `/bookings/${booking.id}`
    if (input.keptFen > 0 && deposit) {
      const evidenceUploadIds: string[] = []
      for (const file of input.evidence ?? []) {
        if (!file || file.size === 0) continue
        const checked = await checkUpload(file, 'attachment', 'evidence')
        const stored = await storeUpload(tx, {
          file: checked,
          purpose: 'attachment',
          ownerUserId: input.actorUserId,
          ownerOrgId: listing.orgId,
        })
        evidenceUploadIds.push(stored.id)
      }
      const respondBy = new Date(at.getTime() + CLAIM_RESPONSE_DAYS * DAY)
      const [claim] = await tx
        .insert(depositClaims)
        .values({
          bookingId: booking.id,
          paymentId: deposit.paymentId,
          keptFen: input.keptFen,
          reason: input.claimReason?.trim() ?? '',
          evidenceUploadIds,
          status: 'proposed',
          respondBy,
          createdByUserId: input.actorUserId,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
      if (!claim) throw new Error('deposit claim not stored')
      await scheduleTimer(tx, { kind: DEPOSIT_CLAIM_TIMER, subjectId: claim.id, dueAt: respondBy })
      await claimEvent(
        tx,
        booking.id,
        'deposit-claim',
        input.actorUserId,
        `${formatMoney(input.keptFen)} · ${claim.reason}`,
      )
      await notifyParty(tx, {
        userId: booking.bookerUserId,
        kind: 'booking.depositClaim',
        params: {
          listingName: listing.name,
          amount: formatMoney(input.keptFen),
          reason: claim.reason,
        },
        link,
      })
    }
    await notifyParty(tx, {
      userId: booking.bookerUserId,
      kind: 'booking.completed',
      params: paramsOf(booking, listing),
      link,
    })
    return updated
  })
}

export async function markNoShow(input: { bookingId: string; actorUserId: string }) {
  return db().transaction(async (tx) => {
    const { booking, listing, isOwner } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isOwner) throw new UserError('equipment:booking.errors.notYours')
    // Nobody can have failed to turn up before the slot began.
    if (booking.startsAt > now()) throw new UserError('bookings:errors.noShowEarly')
    const updated = await moveBooking(tx, {
      bookingId: booking.id,
      action: 'no-show',
      actorRoles: ['owner'],
      actorUserId: input.actorUserId,
    }).catch((e) => asUserError(e, 'bookings:errors.cannotNoShow'))
    await settleNoShow(tx, { booking: updated, actorUserId: input.actorUserId })
    await notifyParty(tx, {
      userId: booking.bookerUserId,
      kind: 'booking.noShow',
      params: paramsOf(booking, listing),
      link: `/bookings/${booking.id}`,
    })
    return updated
  })
}

/** The owner's test report: a PDF only the booking's two sides can download. */
export async function uploadReport(input: {
  bookingId: string
  actorUserId: string
  file: File | null
}) {
  return db().transaction(async (tx) => {
    const { booking, listing, isOwner } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isOwner) throw new UserError('equipment:booking.errors.notYours')
    if (!['in_progress', 'completed', 'reviewed'].includes(booking.status))
      throw new UserError('bookings:errors.reportTooEarly', 'report')
    const checked = await checkUpload(input.file, 'test-report', 'report')
    const stored = await storeUpload(tx, {
      file: checked,
      purpose: 'test-report',
      ownerUserId: input.actorUserId,
      ownerOrgId: listing.orgId,
    })
    const at = now()
    await tx
      .update(equipmentBookings)
      .set({ reportUploadId: stored.id, reportUploadedAt: at, updatedAt: at })
      .where(eq(equipmentBookings.id, booking.id))
    await tx.insert(equipmentBookingEvents).values({
      bookingId: booking.id,
      action: 'report',
      fromStatus: booking.status,
      toStatus: booking.status,
      actorUserId: input.actorUserId,
      note: checked.name,
      at,
    })
    await notifyParty(tx, {
      userId: booking.bookerUserId,
      kind: 'booking.report',
      params: paramsOf(booking, listing),
      link: `/bookings/${booking.id}`,
    })
    return stored
  })
}

/** Whether a retest may still be asked for, and until when. */
export function retestWindow(booking: Booking, at: Date): { open: boolean; until: Date | null } {
  if (
    booking.serviceMode !== 'sample_testing' ||
    booking.retestOfBookingId !== null ||
    !['completed', 'reviewed'].includes(booking.status) ||
    !booking.reportUploadedAt
  )
    return { open: false, until: null }
  const until = new Date(booking.reportUploadedAt.getTime() + RETEST_DAYS * DAY)
  return { open: at < until, until }
}

/** The first day, from `after`, the listing is open and not blacked out: when a retest is run. */
function nextOpenDay(listing: Listing, after: number): [number, number] | null {
  for (let d = 0; d < 60; d++) {
    const date = new Date(after + 8 * 3_600_000 + d * DAY).toISOString().slice(0, 10)
    if (listing.blackoutDates.includes(date)) continue
    const opening = openingOn(listing, date)
    const first = opening[0]
    const last = opening[opening.length - 1]
    if (first && last && first[0] >= after) return [first[0], last[1]]
  }
  return null
}

export async function requestRetest(input: {
  bookingId: string
  actorUserId: string
  reason: string
}) {
  return db().transaction(async (tx) => {
    const { booking, listing, isBooker } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isBooker) throw new UserError('equipment:booking.errors.notYours')
    const at = now()
    if (!retestWindow(booking, at).open) throw new UserError('bookings:errors.retestClosed')
    const pending = await tx
      .select({ id: equipmentBookings.id })
      .from(equipmentBookings)
      .where(
        and(
          eq(equipmentBookings.retestOfBookingId, booking.id),
          inArray(equipmentBookings.status, [...liveBookingStatuses]),
        ),
      )
      .then((r) => r[0])
    if (pending) throw new UserError('bookings:errors.retestPending')
    const day = nextOpenDay(listing, at.getTime() + listing.leadTimeHours * 3_600_000)
    if (!day) throw new UserError('bookings:errors.retestNoDay')
    const holdUntil = new Date(
      Math.min(at.getTime() + env().BOOKING_REQUEST_HOLD_HOURS * 3_600_000, day[0]),
    )
    const [retest] = await tx
      .insert(equipmentBookings)
      .values({
        listingId: listing.id,
        unitNo: 1,
        bookerUserId: booking.bookerUserId,
        bookerOrgId: booking.bookerOrgId,
        startsAt: new Date(day[0]),
        endsAt: new Date(day[1]),
        purpose: input.reason,
        serviceMode: 'sample_testing',
        sampleCount: booking.sampleCount,
        sampleDescription: booking.sampleDescription,
        shippingDetails: booking.shippingDetails,
        retestOfBookingId: booking.id,
        status: 'requested',
        holdUntil,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    if (!retest) throw new Error('retest not stored')
    await tx.insert(equipmentBookingEvents).values({
      bookingId: retest.id,
      action: 'request-retest',
      fromStatus: null,
      toStatus: 'requested',
      actorUserId: input.actorUserId,
      note: input.reason,
      at,
    })
    await scheduleTimer(tx, { kind: BOOKING_EXPIRE_TIMER, subjectId: retest.id, dueAt: holdUntil })
    await notifyParty(tx, {
      orgId: listing.orgId,
      kind: 'booking.retestRequested',
      params: { ...paramsOf(booking, listing), reason: input.reason },
      link: `/bookings/${retest.id}`,
    })
    return retest
  })
}

/** The owner's answer to a retest: accepted, it is confirmed at no charge; declined, with a reason. */
export async function decideRetest(
  input: { bookingId: string; actorUserId: string } & (
    { decision: 'approve' } | { decision: 'decline'; reason: string }
  ),
) {
  return db().transaction(async (tx) => {
    const { booking, listing, isOwner } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isOwner) throw new UserError('equipment:booking.errors.notYours')
    if (!booking.retestOfBookingId) throw new UserError('bookings:errors.cannotDecide')
    const link = `/bookings/${booking.id}`
    if (input.decision === 'approve') {
      await moveBooking(tx, {
        bookingId: booking.id,
        action: 'approve',
        actorRoles: ['owner'],
        actorUserId: input.actorUserId,
      }).catch((e) => asUserError(e, 'bookings:errors.cannotDecide'))
      const updated = await moveBooking(tx, {
        bookingId: booking.id,
        action: 'confirm-free',
        actorRoles: ['system'],
        actorUserId: input.actorUserId,
        note: '复测不收费',
        set: { holdUntil: null },
      })
      await notifyParty(tx, {
        userId: booking.bookerUserId,
        kind: 'booking.retestAccepted',
        params: paramsOf(booking, listing),
        link,
      })
      return updated
    }
    const updated = await moveBooking(tx, {
      bookingId: booking.id,
      action: 'decline',
      actorRoles: ['owner'],
      actorUserId: input.actorUserId,
      note: input.reason,
      set: { cancelReason: input.reason },
    }).catch((e) => asUserError(e, 'bookings:errors.cannotDecide'))
    await notifyParty(tx, {
      userId: booking.bookerUserId,
      kind: 'booking.retestDeclined',
      params: { ...paramsOf(booking, listing), reason: input.reason },
      link,
    })
    return updated
  })
}

async function moveClaim(
  tx: Tx,
  claimId: string,
  action: 'accept' | 'dispute' | 'resolve',
  roles: readonly ('booker' | 'system' | 'admin')[],
  actorUserId: string | null = null,
  note: string | null = null,
) {
  const claim = await tx
    .select({ bookingId: depositClaims.bookingId })
    .from(depositClaims)
    .where(eq(depositClaims.id, claimId))
    .then((r) => r[0])
  // The booking's history tells the claim's story too, beside its own transitions.
  if (claim) await claimEvent(tx, claim.bookingId, `deposit-${action}`, actorUserId, note)
  await fireTransition(tx, {
    machine: depositClaimMachine,
    table: depositClaims,
    idColumn: depositClaims.id,
    statusColumn: depositClaims.status,
    statusKey: 'status',
    id: claimId,
    action,
    actorRoles: roles,
    set: { updatedAt: now() },
  })
}

async function claimEvent(
  tx: Tx,
  bookingId: string,
  action: string,
  actorUserId: string | null,
  note: string | null,
) {
  const booking = await tx
    .select({ status: equipmentBookings.status })
    .from(equipmentBookings)
    .where(eq(equipmentBookings.id, bookingId))
    .then((r) => r[0])
  if (!booking) return
  await tx.insert(equipmentBookingEvents).values({
    bookingId,
    action,
    fromStatus: booking.status,
    toStatus: booking.status,
    actorUserId,
    note,
    at: now(),
  })
}

/** The booker agrees (or let the deadline pass): the owner is paid what it claimed. */
async function settleAcceptedClaim(tx: Tx, claim: typeof depositClaims.$inferSelect) {
  await releasePayment(tx, {
    paymentId: claim.paymentId,
    priceFen: claim.keptFen,
    operationKey: `deposit-claim:${claim.id}`,
    memo: claim.reason,
  })
}

async function lockClaim(tx: Tx, bookingId: string) {
  return tx
    .select()
    .from(depositClaims)
    .where(eq(depositClaims.bookingId, bookingId))
    .for('update')
    .then((r) => r[0])
}

export async function answerDepositClaim(
  input: { bookingId: string; actorUserId: string } & (
    { answer: 'accept' } | { answer: 'dispute'; reason: string }
  ),
) {
  return db().transaction(async (tx) => {
    const { booking, listing, isBooker } = await standing(tx, input.bookingId, input.actorUserId)
    if (!isBooker) throw new UserError('equipment:booking.errors.notYours')
    const claim = await lockClaim(tx, booking.id)
    if (!claim || claim.status !== 'proposed') throw new UserError('bookings:errors.claimAnswered')
    await moveClaim(
      tx,
      claim.id,
      input.answer,
      ['booker'],
      input.actorUserId,
      input.answer === 'dispute' ? input.reason : null,
    )
    await cancelTimers(tx, DEPOSIT_CLAIM_TIMER, claim.id)
    if (input.answer === 'accept') {
      await settleAcceptedClaim(tx, claim)
      return
    }
    await openDispute(tx, {
      subjectKind: DEPOSIT_DISPUTE,
      subjectId: claim.id,
      paymentId: claim.paymentId,
      amountFen: claim.keptFen,
      openedByUserId: input.actorUserId,
      reason: input.reason,
    })
    await notifyParty(tx, {
      orgId: listing.orgId,
      kind: 'booking.depositDisputed',
      params: { listingName: listing.name, amount: formatMoney(claim.keptFen) },
      link: `/bookings/${booking.id}`,
    })
  })
}

/** Silence past the deadline accepts the claim, so a deposit is never held forever. */
async function lapseClaim(tx: Tx, claimId: string) {
  const claim = await tx
    .select()
    .from(depositClaims)
    .where(eq(depositClaims.id, claimId))
    .for('update')
    .then((r) => r[0])
  if (!claim || claim.status !== 'proposed' || claim.respondBy > now()) return
  await moveClaim(tx, claim.id, 'accept', ['system'])
  await settleAcceptedClaim(tx, claim)
}

registerTimer(DEPOSIT_CLAIM_TIMER, lapseClaim)

onDisputeResolved(DEPOSIT_DISPUTE, {
  resolved: async (tx, dispute) => moveClaim(tx, dispute.subjectId, 'resolve', ['admin']),
  describe: async (tx, dispute) => {
    const row = await tx
      .select({
        bookingId: depositClaims.bookingId,
        name: equipmentListings.name,
        claim: depositClaims.reason,
        evidence: depositClaims.evidenceUploadIds,
      })
      .from(depositClaims)
      .innerJoin(equipmentBookings, eq(equipmentBookings.id, depositClaims.bookingId))
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .where(eq(depositClaims.id, dispute.subjectId))
      .then((r) => r[0])
    return {
      link: `/bookings/${row?.bookingId ?? ''}`,
      title: row?.name ?? '',
      claim: row?.claim ?? '',
      evidence: row?.evidence ?? [],
    }
  },
})

/**
 * A test report is for the booking's booker (the person, or members of the booking
 * organisation) and for the owners and admins of the lab; not for the lab's other members.
 */
export async function canReadReport(userId: string, uploadId: string): Promise<boolean> {
  const rows = await db()
    .select({
      booker: equipmentBookings.bookerUserId,
      org: equipmentBookings.bookerOrgId,
      lab: equipmentListings.orgId,
    })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(eq(equipmentBookings.reportUploadId, uploadId))
  for (const row of rows) {
    if (row.booker === userId) return true
    if (row.org && (await roleInOrg(db(), row.org, userId))) return true
    const labRole = await roleInOrg(db(), row.lab, userId)
    if (labRole === 'owner' || labRole === 'admin') return true
  }
  return false
}
