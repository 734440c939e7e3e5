// Reads of vouchers (创新券) for the pages: the admin's grants with what is left of each, the
// queue of submitted redemptions, and a provider's voucher uses grouped by where they stand.
import { and, asc, desc, eq, ilike, inArray, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '../../../db/client.server.ts'
import {
  equipmentBookings,
  equipmentListings,
  innovationVouchers,
  organisations,
  payments,
  users,
  voucherUses,
} from '../../../db/schema/index.ts'
import { drawingVoucherStatuses } from '../equipment/voucher.machine.ts'
import { voucherHolderTypes } from './grant-voucher.server.ts'
import { shanghaiToday } from '../../shanghai-time.server.ts'
import { redeemableBookingStatuses } from './submit-redemption.server.ts'
import type { ProviderStage } from './provider-stages.ts'

const bookerOrgs = alias(organisations, 'booker_orgs')
const providerOrgs = alias(organisations, 'provider_orgs')

/** Verified startups whose name (or English name) contains `q`: the grant form's choices. */
export async function voucherHolderChoices(q: string, limit = 30) {
  const term = q.trim()
  return db()
    .select({ id: organisations.id, name: organisations.name, city: organisations.city })
    .from(organisations)
    .where(
      and(
        eq(organisations.status, 'verified'),
        inArray(organisations.type, [...voucherHolderTypes]),
        term
          ? sql`(${ilike(organisations.name, `%${escapeLike(term)}%`)} or ${ilike(
              organisations.nameEn,
              `%${escapeLike(term)}%`,
            )})`
          : undefined,
      ),
    )
    .orderBy(asc(organisations.name))
    .limit(limit)
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** The organisations that hold vouchers, for the grants list's filter. */
export async function voucherHolders() {
  return db()
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(innovationVouchers)
    .innerJoin(organisations, eq(organisations.id, innovationVouchers.orgId))
    .orderBy(asc(organisations.name))
}

const drawnFen = sql<string>`coalesce(sum(${voucherUses.amountFen}) filter (where ${inArray(
  voucherUses.status,
  [...drawingVoucherStatuses],
)}), 0)`

/** Grants, newest first, with what their uses draw and what is left; optionally of one org. */
export async function voucherGrants(input: { orgId?: string | null; limit?: number } = {}) {
  const rows = await db()
    .select({
      id: innovationVouchers.id,
      orgId: innovationVouchers.orgId,
      orgName: organisations.name,
      issuer: innovationVouchers.issuer,
      reference: innovationVouchers.reference,
      amountFen: innovationVouchers.amountFen,
      expiresOn: innovationVouchers.expiresOn,
      note: innovationVouchers.note,
      createdAt: innovationVouchers.createdAt,
      grantedBy: users.name,
      drawnFen,
    })
    .from(innovationVouchers)
    .innerJoin(organisations, eq(organisations.id, innovationVouchers.orgId))
    .leftJoin(users, eq(users.id, innovationVouchers.grantedByUserId))
    .leftJoin(voucherUses, eq(voucherUses.voucherId, innovationVouchers.id))
    .where(input.orgId ? eq(innovationVouchers.orgId, input.orgId) : undefined)
    .groupBy(innovationVouchers.id, organisations.id, users.id)
    .orderBy(desc(innovationVouchers.createdAt), desc(innovationVouchers.id))
    .limit(input.limit ?? 200)
  const today = shanghaiToday()
  return rows.map((r) => {
    const drawn = Number(r.drawnFen)
    return {
      ...r,
      drawnFen: drawn,
      balanceFen: r.amountFen - drawn,
      expired: r.expiresOn < today,
    }
  })
}

/** A voucher use with who booked what, for the admin's queue and the provider's list. */
function voucherUseRows() {
  return db()
    .select({
      id: voucherUses.id,
      status: voucherUses.status,
      amountFen: voucherUses.amountFen,
      packetNo: voucherUses.packetNo,
      submittedAt: voucherUses.submittedAt,
      decidedAt: voucherUses.decidedAt,
      decisionNote: voucherUses.decisionNote,
      debtPaymentId: voucherUses.debtPaymentId,
      debtPaymentStatus: payments.status,
      createdAt: voucherUses.createdAt,
      providerOrgId: voucherUses.providerOrgId,
      providerName: providerOrgs.name,
      holderOrgId: innovationVouchers.orgId,
      bookerOrgId: equipmentBookings.bookerOrgId,
      listingOrgId: equipmentListings.orgId,
      issuer: innovationVouchers.issuer,
      reference: innovationVouchers.reference,
      bookingId: equipmentBookings.id,
      bookingStatus: equipmentBookings.status,
      startsAt: equipmentBookings.startsAt,
      endsAt: equipmentBookings.endsAt,
      listingName: equipmentListings.name,
      bookerName: users.name,
      bookerOrgName: bookerOrgs.name,
    })
    .from(voucherUses)
    .innerJoin(innovationVouchers, eq(innovationVouchers.id, voucherUses.voucherId))
    .innerJoin(providerOrgs, eq(providerOrgs.id, voucherUses.providerOrgId))
    .innerJoin(equipmentBookings, eq(equipmentBookings.id, voucherUses.bookingId))
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
    .leftJoin(bookerOrgs, eq(bookerOrgs.id, equipmentBookings.bookerOrgId))
    .leftJoin(payments, eq(payments.id, voucherUses.debtPaymentId))
    .$dynamic()
}

/** Submitted redemptions waiting for the agency's answer, oldest first. */
export async function submittedRedemptions() {
  return voucherUseRows()
    .where(eq(voucherUses.status, 'submitted'))
    .orderBy(asc(voucherUses.submittedAt), asc(voucherUses.id))
}

/** The latest answers given, for the admin to see what was done. */
export async function decidedRedemptions(limit = 20) {
  return voucherUseRows()
    .where(inArray(voucherUses.status, ['reimbursed', 'rejected']))
    .orderBy(desc(voucherUses.decidedAt), desc(voucherUses.id))
    .limit(limit)
}

/** The voucher uses of the organisations' bookings, released ones left out, newest first. */
export async function providerVoucherUses(orgIds: readonly string[]) {
  if (orgIds.length === 0) return []
  const rows = await voucherUseRows()
    .where(and(inArray(voucherUses.providerOrgId, [...orgIds]), ne(voucherUses.status, 'released')))
    .orderBy(desc(equipmentBookings.startsAt), desc(voucherUses.id))
  return rows.map((r) => {
    const stage: ProviderStage =
      r.status === 'held'
        ? redeemableBookingStatuses.includes(r.bookingStatus)
          ? 'ready'
          : 'held'
        : (r.status as Exclude<typeof r.status, 'held' | 'released'>)
    return { ...r, stage }
  })
}
