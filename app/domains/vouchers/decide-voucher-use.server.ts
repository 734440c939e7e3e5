// The issuing agency's answer to a submitted redemption, entered by a platform admin. Reimbursed:
// the provider has its money from the agency and nothing else changes. Rejected: the voucher part
// goes back to the voucher's balance and becomes what the booker owes the provider, as a payment
// created in the same transaction; both sides are told.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  equipmentBookings,
  equipmentListings,
  innovationVouchers,
  voucherUses,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { createPayment } from '../payments/create-payment.server.ts'
import { createQuote } from '../payments/fees.server.ts'
import { formatMoney } from '../payments/money.ts'
import { UserError } from '../problems.ts'
import { moveVoucherUse } from './voucher-balance.server.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

/** What the booker's payment is for, once the agency refuses the voucher part. */
export const VOUCHER_DEBT_KIND = 'voucher-debt'
export const VOUCHER_DEBT_LABEL = '创新券未获兑付部分'

export const PROVIDER_VOUCHERS_PAGE = '/equipment/vouchers'

type Decision = { intent: 'reimburse' } | { intent: 'reject'; reason: string }

export async function decideVoucherUse(
  tx: Tx,
  input: Decision & { useId: string; actorUserId: string; ip: string | null },
): Promise<{ debtPaymentId: string | null }> {
  const row = await tx
    .select({
      use: voucherUses,
      voucher: innovationVouchers,
      booking: equipmentBookings,
      listing: equipmentListings,
    })
    .from(voucherUses)
    .innerJoin(innovationVouchers, eq(innovationVouchers.id, voucherUses.voucherId))
    .innerJoin(equipmentBookings, eq(equipmentBookings.id, voucherUses.bookingId))
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(eq(voucherUses.id, input.useId))
    .then((r) => r[0])
  if (!row) throw new UserError('vouchers:errors.useNotFound')
  const { use, voucher, booking, listing } = row
  await assertNoConflict(tx, input.actorUserId, [
    voucher.orgId,
    use.providerOrgId,
    booking.bookerOrgId,
    listing.orgId,
  ])
  const at = now()
  const reason = input.intent === 'reject' ? input.reason : null
  // The machine refuses anything but a submitted use, and a second admin deciding at once.
  await moveVoucherUse(tx, {
    useId: use.id,
    action: input.intent,
    actorRoles: ['admin'],
    actorUserId: input.actorUserId,
    note: reason,
    set: { decidedAt: at, decisionNote: reason },
  })

  let debtPaymentId: string | null = null
  if (input.intent === 'reject') {
    // The platform fee was taken on the full price already; this is only the unpaid part of it.
    const quote = await createQuote(tx, {
      marketplace: 'equipment',
      businessKind: VOUCHER_DEBT_KIND,
      businessId: use.id,
      currency: 'CNY',
      lines: [{ label: VOUCHER_DEBT_LABEL, quantity: 1, unitFen: use.amountFen }],
      feeExempt: true,
    })
    const payment = await createPayment(tx, {
      quote: { ...quote, marketplace: 'equipment', currency: 'CNY' },
      description: `${VOUCHER_DEBT_LABEL} · ${listing.name}`,
      payerUserId: booking.bookerUserId,
      payerOrgId: booking.bookerOrgId,
      payee: { orgId: use.providerOrgId },
    })
    debtPaymentId = payment.id
    await tx
      .update(voucherUses)
      .set({ debtPaymentId, updatedAt: at })
      .where(eq(voucherUses.id, use.id))
  }

  await audit(tx, {
    actorUserId: input.actorUserId,
    action: input.intent === 'reimburse' ? 'reimburse-voucher-use' : 'reject-voucher-use',
    entity: 'voucher_use',
    entityId: use.id,
    data: {
      voucherId: voucher.id,
      bookingId: booking.id,
      amountFen: use.amountFen,
      packetNo: use.packetNo,
      ...(reason ? { reason, debtPaymentId } : {}),
    },
    ip: input.ip,
  })

  const amount = formatMoney(use.amountFen)
  if (input.intent === 'reimburse') {
    const params = { listingName: listing.name, amount, packetNo: use.packetNo ?? '' }
    await notifyParty(tx, {
      orgId: use.providerOrgId,
      orgRoles: ['owner', 'admin'],
      kind: 'voucher.reimbursed',
      params,
      link: PROVIDER_VOUCHERS_PAGE,
    })
    await notifyParty(tx, {
      userId: booking.bookerUserId,
      kind: 'voucher.reimbursed',
      params,
      link: `/bookings/${booking.id}`,
    })
  } else {
    const params = { listingName: listing.name, amount, reason: reason ?? '' }
    await notifyParty(tx, {
      orgId: use.providerOrgId,
      orgRoles: ['owner', 'admin'],
      kind: 'voucher.rejected',
      params,
      link: PROVIDER_VOUCHERS_PAGE,
    })
    await notifyParty(tx, {
      userId: booking.bookerUserId,
      kind: 'voucher.debtDue',
      params,
      link: `/payments/${debtPaymentId}`,
    })
  }
  return { debtPaymentId }
}
