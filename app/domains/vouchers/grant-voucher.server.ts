// A platform admin, standing in for the issuing science bureau, enters a voucher (创新券) the
// bureau granted a startup: who issued it, the bureau's own number, the amount and the expiry.
// The startup's owners and admins are told.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { innovationVouchers, organisations } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import type { OrgType } from '../orgs/org.schema.ts'
import { formatMoney } from '../payments/money.ts'
import { UserError } from '../problems.ts'
import { shanghaiToday } from '../../shanghai-time.server.ts'
import type { GrantVoucher } from './vouchers.schema.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

/** Who may hold a voucher: the bureaus grant them to startups (科技型中小企业) only. */
export const voucherHolderTypes: readonly OrgType[] = ['startup']

export async function grantVoucher(
  tx: Tx,
  input: Omit<GrantVoucher, 'intent'> & { actorUserId: string; ip: string | null },
) {
  const org = await tx
    .select({ id: organisations.id, type: organisations.type, status: organisations.status })
    .from(organisations)
    .where(eq(organisations.id, input.orgId))
    .then((r) => r[0])
  if (!org || org.status !== 'verified' || !voucherHolderTypes.includes(org.type))
    throw new UserError('vouchers:errors.orgNotEligible', 'orgId')
  await assertNoConflict(tx, input.actorUserId, [org.id])
  if (input.expiresOn < shanghaiToday())
    throw new UserError('vouchers:errors.expiryPast', 'expiresOn')
  // One bureau never issues one number twice: a second entry is a typing slip or a double grant.
  const twin = await tx
    .select({ id: innovationVouchers.id })
    .from(innovationVouchers)
    .where(
      and(
        eq(innovationVouchers.issuer, input.issuer),
        eq(innovationVouchers.reference, input.reference),
      ),
    )
    .then((r) => r[0])
  if (twin) throw new UserError('vouchers:errors.duplicate', 'reference')
  const [voucher] = await tx
    .insert(innovationVouchers)
    .values({
      orgId: org.id,
      issuer: input.issuer,
      reference: input.reference,
      amountFen: input.amount,
      expiresOn: input.expiresOn,
      grantedByUserId: input.actorUserId,
      note: input.note,
      createdAt: now(),
    })
    .returning()
  if (!voucher) throw new Error('voucher not stored')
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: 'grant-voucher',
    entity: 'innovation_voucher',
    entityId: voucher.id,
    data: {
      orgId: org.id,
      issuer: input.issuer,
      reference: input.reference,
      amountFen: input.amount,
      expiresOn: input.expiresOn,
    },
    ip: input.ip,
  })
  // Where the startup can spend it: the instruments that take vouchers.
  await notifyParty(tx, {
    orgId: org.id,
    orgRoles: ['owner', 'admin'],
    kind: 'voucher.granted',
    params: {
      issuer: input.issuer,
      amount: formatMoney(input.amount),
      expiresOn: input.expiresOn,
    },
    link: '/equipment?vouchers=1',
  })
  return voucher
}
