// Fee schedules (one current schedule per marketplace, versioned on every edit) and quotes:
// line items and the platform fee, computed on the server only, with the schedule frozen in.
import { desc, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { feeSchedules, quotes, type QuoteLine } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { applyRate, lineAmount } from './money.ts'
import type { Currency, FeeMode, Marketplace } from './payments.schema.ts'

export async function currentSchedule(tx: Tx, marketplace: Marketplace) {
  const row = await tx
    .select()
    .from(feeSchedules)
    .where(eq(feeSchedules.marketplace, marketplace))
    .orderBy(desc(feeSchedules.createdAt), desc(feeSchedules.id))
    .limit(1)
    .then((r) => r[0])
  if (!row) throw new Error(`no fee schedule for ${marketplace}`)
  return row
}

/** A finance admin's edit: a new version; quotes already made keep the one they used. */
export async function updateSchedule(
  tx: Tx,
  input: {
    marketplace: Marketplace
    rateBp: number
    minimumFen: number
    mode: FeeMode
    actorUserId: string
    ip: string
  },
) {
  const [row] = await tx
    .insert(feeSchedules)
    .values({
      marketplace: input.marketplace,
      rateBp: input.rateBp,
      minimumFen: input.minimumFen,
      mode: input.mode,
      createdByUserId: input.actorUserId,
      createdAt: now(),
    })
    .returning()
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: 'update-fee-schedule',
    entity: 'fee_schedule',
    entityId: row?.id,
    data: {
      marketplace: input.marketplace,
      rateBp: input.rateBp,
      minimumFen: input.minimumFen,
      mode: input.mode,
    },
    ip: input.ip,
  })
  return row
}

/** The fee on a subtotal: the rate, half-up to the fen, at least the minimum, at most the whole. */
export function feeOn(
  subtotalFen: number,
  schedule: { rateBp: number; minimumFen: number; mode: FeeMode },
): number {
  const fee = Math.max(applyRate(subtotalFen, schedule.rateBp), schedule.minimumFen)
  // A deducted fee cannot take more than the payee's whole price.
  return schedule.mode === 'deducted' ? Math.min(fee, subtotalFen) : fee
}

export type QuoteInput = {
  marketplace: Marketplace
  businessKind: string
  businessId: string
  currency: Currency
  lines: readonly { label: string; quantity: number; unitFen: number }[]
  /** Money held for the payer, not earned (a deposit): no platform fee is taken on it. */
  feeExempt?: boolean
  /** The part of the price an innovation voucher pays instead of the payer. */
  voucher?: { voucherId: string; amountFen: number } | null
  expiresAt?: Date | null
}

/** The most a voucher may cover: what the payee is owed, so its cash part never goes below zero. */
export function voucherCap(subtotalFen: number, feeFen: number, mode: FeeMode): number {
  return mode === 'deducted' ? subtotalFen - feeFen : subtotalFen
}

export async function createQuote(tx: Tx, input: QuoteInput) {
  const schedule = await currentSchedule(tx, input.marketplace)
  const lines: QuoteLine[] = input.lines.map((l) => ({
    label: l.label,
    quantity: l.quantity,
    unitFen: l.unitFen,
    amountFen: lineAmount(l.quantity, l.unitFen),
  }))
  const subtotalFen = lines.reduce((sum, l) => sum + l.amountFen, 0)
  // The fee is on the full price, whoever pays part of it (a voucher included).
  const feeFen = input.feeExempt ? 0 : feeOn(subtotalFen, schedule)
  const voucherFen = input.voucher?.amountFen ?? 0
  if (
    !Number.isSafeInteger(voucherFen) ||
    voucherFen < 0 ||
    voucherFen > voucherCap(subtotalFen, feeFen, schedule.mode)
  )
    throw new RangeError(`voucher part ${voucherFen} does not fit a price of ${subtotalFen}`)
  const [quote] = await tx
    .insert(quotes)
    .values({
      marketplace: input.marketplace,
      businessKind: input.businessKind,
      businessId: input.businessId,
      currency: input.currency,
      lines,
      subtotalFen,
      feeFen,
      payerTotalFen: (schedule.mode === 'added' ? subtotalFen + feeFen : subtotalFen) - voucherFen,
      payeeNetFen: schedule.mode === 'deducted' ? subtotalFen - feeFen : subtotalFen,
      feeScheduleId: schedule.id,
      voucherFen,
      voucherId: voucherFen > 0 ? (input.voucher?.voucherId ?? null) : null,
      expiresAt: input.expiresAt ?? null,
      createdAt: now(),
    })
    .returning()
  if (!quote) throw new Error('quote not stored')
  return { ...quote, mode: schedule.mode }
}
