// An organisation's innovation vouchers (创新券) and what is left of them. A booking holds its
// voucher part at once, under a lock on the voucher, so two bookings can never spend the same
// balance; an expired voucher cannot be used, whatever is left on it.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { innovationVouchers, voucherUseEvents, voucherUses } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { formatMoney } from '../payments/money.ts'
import { UserError } from '../problems.ts'
import { shanghaiToday } from '../../shanghai-time.server.ts'
import { drawingVoucherStatuses, voucherUseMachine } from '../equipment/voucher.machine.ts'

// Written out in full: inside a select list drizzle names columns without their table.
const drawn = sql<string>`coalesce((select sum(u.amount_fen) from voucher_uses u where u.voucher_id = innovation_vouchers.id and u.status in (${sql.join(
  drawingVoucherStatuses.map((s) => sql`${s}`),
  sql`, `,
)})), 0)`

/** Every voucher of the organisation with its balance, newest expiry last. */
export async function vouchersOf(tx: Tx, orgId: string) {
  const rows = await tx
    .select({
      id: innovationVouchers.id,
      issuer: innovationVouchers.issuer,
      reference: innovationVouchers.reference,
      amountFen: innovationVouchers.amountFen,
      expiresOn: innovationVouchers.expiresOn,
      drawnFen: drawn,
    })
    .from(innovationVouchers)
    .where(eq(innovationVouchers.orgId, orgId))
    .orderBy(asc(innovationVouchers.expiresOn), asc(innovationVouchers.createdAt))
  const today = shanghaiToday()
  return rows.map((r) => {
    const balanceFen = r.amountFen - Number(r.drawnFen)
    return { ...r, drawnFen: Number(r.drawnFen), balanceFen, expired: r.expiresOn < today }
  })
}

/** The vouchers the organisation can pay with today: not expired, something left. */
export async function usableVouchers(tx: Tx, orgId: string) {
  return (await vouchersOf(tx, orgId)).filter((v) => !v.expired && v.balanceFen > 0)
}

/**
 * Holds `amountFen` of a voucher for a booking. Refuses a voucher of another organisation, an
 * expired one, or more than is left.
 */
export async function holdVoucher(
  tx: Tx,
  input: {
    voucherId: string
    orgId: string
    bookingId: string
    providerOrgId: string
    amountFen: number
    actorUserId: string | null
  },
) {
  const voucher = await tx
    .select()
    .from(innovationVouchers)
    .where(eq(innovationVouchers.id, input.voucherId))
    .for('update')
    .then((r) => r[0])
  if (!voucher || voucher.orgId !== input.orgId)
    throw new UserError('bookings:errors.voucherNotYours', 'voucherId')
  if (voucher.expiresOn < shanghaiToday())
    throw new UserError('bookings:errors.voucherExpired', 'voucherId')
  const [used] = await tx
    .select({ total: sql<string>`coalesce(sum(${voucherUses.amountFen}), 0)` })
    .from(voucherUses)
    .where(
      and(
        eq(voucherUses.voucherId, voucher.id),
        inArray(voucherUses.status, [...drawingVoucherStatuses]),
      ),
    )
  const balanceFen = voucher.amountFen - Number(used?.total ?? 0)
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new UserError('bookings:errors.voucherAmount', 'voucherYuan')
  if (input.amountFen > balanceFen)
    throw new UserError('bookings:errors.voucherExhausted', 'voucherYuan', {
      balance: formatMoney(balanceFen),
    })
  const at = now()
  const [use] = await tx
    .insert(voucherUses)
    .values({
      voucherId: voucher.id,
      bookingId: input.bookingId,
      providerOrgId: input.providerOrgId,
      amountFen: input.amountFen,
      status: 'held',
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!use) throw new Error('voucher use not stored')
  await tx.insert(voucherUseEvents).values({
    voucherUseId: use.id,
    action: 'hold',
    fromStatus: null,
    toStatus: 'held',
    actorUserId: input.actorUserId,
    at,
  })
  return use
}

/** The voucher use of a booking, if it used one. */
export async function voucherUseOf(tx: Tx, bookingId: string) {
  return tx
    .select({ use: voucherUses, voucher: innovationVouchers })
    .from(voucherUses)
    .innerJoin(innovationVouchers, eq(innovationVouchers.id, voucherUses.voucherId))
    .where(eq(voucherUses.bookingId, bookingId))
    .then((r) => r[0] ?? null)
}

/** One transition of a voucher use, with its history row. */
export async function moveVoucherUse(
  tx: Tx,
  input: {
    useId: string
    action: (typeof voucherUseMachine.transitions)[number]['action']
    actorRoles: readonly ('system' | 'provider' | 'admin')[]
    actorUserId: string | null
    note?: string | null
    set?: Partial<typeof voucherUses.$inferInsert>
  },
) {
  const at = now()
  const { from, to } = await fireTransition(tx, {
    machine: voucherUseMachine,
    table: voucherUses,
    idColumn: voucherUses.id,
    statusColumn: voucherUses.status,
    statusKey: 'status',
    id: input.useId,
    action: input.action,
    actorRoles: input.actorRoles,
    set: { ...input.set, updatedAt: at },
  })
  await tx.insert(voucherUseEvents).values({
    voucherUseId: input.useId,
    action: input.action,
    fromStatus: from,
    toStatus: to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
    at,
  })
}

/** A cancelled, declined or expired booking gives its held voucher part back to the balance. */
export async function releaseVoucherHold(tx: Tx, bookingId: string, actorUserId: string | null) {
  const found = await voucherUseOf(tx, bookingId)
  if (!found || found.use.status !== 'held') return
  await moveVoucherUse(tx, {
    useId: found.use.id,
    action: 'release',
    actorRoles: ['system'],
    actorUserId,
  })
}
