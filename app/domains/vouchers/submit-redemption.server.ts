// The provider submits a voucher use for redemption once it has done the service: the use moves
// from held to submitted and gets the packet number the provider quotes to the agency.
import { and, eq, isNull, like, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { equipmentBookings, orgMembers, voucherUses } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import type { BookingStatus } from '../equipment/booking.machine.ts'
import { UserError } from '../problems.ts'
import { moveVoucherUse } from './voucher-balance.server.ts'

/** The service has been done: the agency pays only for what happened. */
export const redeemableBookingStatuses: readonly BookingStatus[] = ['completed', 'reviewed']

const PACKET_PREFIX = 'CXQ'

/** The roles of the provider organisation that run its vouchers and see its packets. */
export const providerRoles = ['owner', 'admin'] as const

export async function managesProvider(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const row = await tx
    .select({ role: orgMembers.role })
    .from(orgMembers)
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .then((r) => r[0])
  return !!row && (providerRoles as readonly string[]).includes(row.role)
}

/**
 * The next packet number of the year, CXQ-2026-000123. Numbers are handed out one at a time
 * under a transaction lock, so two submissions never share one.
 */
async function nextPacketNo(tx: Tx, at: Date): Promise<string> {
  const year = new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear()
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('voucher-packet-no'))`)
  const prefix = `${PACKET_PREFIX}-${year}-`
  const [row] = await tx
    .select({
      // `from <int>` is the substring by position; a text parameter would be read as a regex.
      last: sql<
        string | null
      >`max(substring(${voucherUses.packetNo} from ${prefix.length + 1}::int)::int)`,
    })
    .from(voucherUses)
    .where(like(voucherUses.packetNo, `${prefix}%`))
  const next = Number(row?.last ?? 0) + 1
  return `${prefix}${String(next).padStart(6, '0')}`
}

export async function submitRedemption(
  tx: Tx,
  input: { useId: string; actorUserId: string; ip: string | null },
) {
  const row = await tx
    .select({ use: voucherUses, bookingStatus: equipmentBookings.status })
    .from(voucherUses)
    .innerJoin(equipmentBookings, eq(equipmentBookings.id, voucherUses.bookingId))
    .where(eq(voucherUses.id, input.useId))
    .then((r) => r[0])
  // Someone else's voucher use is answered as if it did not exist.
  if (!row || !(await managesProvider(tx, row.use.providerOrgId, input.actorUserId)))
    throw new UserError('vouchers:errors.useNotFound')
  if (!redeemableBookingStatuses.includes(row.bookingStatus))
    throw new UserError('vouchers:errors.notCompleted')
  const at = now()
  const packetNo = await nextPacketNo(tx, at)
  await moveVoucherUse(tx, {
    useId: row.use.id,
    action: 'submit',
    actorRoles: ['provider'],
    actorUserId: input.actorUserId,
    set: { packetNo, submittedAt: at },
  })
  await audit(tx, {
    actorUserId: input.actorUserId,
    actingOrgId: row.use.providerOrgId,
    action: 'submit-voucher-redemption',
    entity: 'voucher_use',
    entityId: row.use.id,
    data: { packetNo, bookingId: row.use.bookingId, amountFen: row.use.amountFen },
    ip: input.ip,
  })
  return { packetNo }
}
