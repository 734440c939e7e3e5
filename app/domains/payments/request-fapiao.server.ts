// A payer (or, for a deducted fee, the payee) asks for a 发票 on a paid payment: from the payee
// for the price, from the platform for its fee. One live request per 发票; the issuer side is
// told at once.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { fapiaoRequests, payments, platformAdmins, users } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { notFound } from '../accounts/auth.server.ts'
import { adminRolesAllow, orgRoleAllows } from '../accounts/permissions.ts'
import { audit } from '../admin/audit.server.ts'
import { notify, notifyParty } from '../notifications/notify.server.ts'
import { orgRoles } from '../orgs/org.schema.ts'
import { UserError } from '../problems.ts'
import {
  invoiceablePaymentStates,
  liveFapiaoStates,
  requestableIssuers,
  requesterSide,
  standingOf,
} from './fapiao-queries.server.ts'
import type { FapiaoIssuer, RequestFapiao } from './fapiao.schema.ts'
import { formatMoney } from './money.ts'
import { lockPayment } from './payment-ops.server.ts'

export async function requestFapiao(input: {
  paymentId: string
  userId: string
  request: RequestFapiao
  ip?: string | null
}): Promise<{ id: string }> {
  if (!isUuid(input.paymentId)) throw notFound()
  return db().transaction(async (tx) => {
    const exists = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(eq(payments.id, input.paymentId))
      .then((r) => r[0])
    if (!exists) throw notFound()
    // Under the payment's row lock two requests for the same 发票 cannot both find none live.
    const { payment, quote, mode } = await lockPayment(tx, input.paymentId)
    const standing = await standingOf(tx, input.userId, payment)
    if (!standing.payer && !standing.payee) throw notFound()
    const r = input.request
    const option = requestableIssuers(standing, quote, mode, payment).find(
      (o) => o.issuer === r.issuer,
    )
    if (!option) throw new UserError('fapiao:errors.issuerNotAllowed', 'issuer')
    if (!invoiceablePaymentStates.includes(payment.status))
      throw new UserError('fapiao:errors.notPaid')
    const live = await tx
      .select({ id: fapiaoRequests.id })
      .from(fapiaoRequests)
      .where(
        and(
          eq(fapiaoRequests.paymentId, payment.id),
          eq(fapiaoRequests.issuer, r.issuer),
          inArray(fapiaoRequests.status, [...liveFapiaoStates]),
        ),
      )
      .limit(1)
    if (live.length > 0) throw new UserError('fapiao:errors.alreadyRequested', 'issuer')

    const [row] = await tx
      .insert(fapiaoRequests)
      .values({
        paymentId: payment.id,
        issuer: r.issuer,
        amountFen: option.amountFen,
        requestedByUserId: input.userId,
        type: r.type,
        title: r.title,
        taxId: r.taxId,
        address: r.address ?? null,
        phone: r.phone ?? null,
        bankName: r.bankName ?? null,
        bankAccount: r.bankAccount ?? null,
        email: r.email,
        createdAt: now(),
      })
      .returning({ id: fapiaoRequests.id })
    if (!row) throw new Error('fapiao request not stored')
    const side = requesterSide(r.issuer, mode)
    await audit(tx, {
      actorUserId: input.userId,
      actingOrgId: side === 'payer' ? payment.payerOrgId : payment.payeeOrgId,
      action: 'request-fapiao',
      entity: 'fapiao_request',
      entityId: row.id,
      data: { paymentId: payment.id, issuer: r.issuer, type: r.type, amountFen: option.amountFen },
      ip: input.ip ?? null,
    })
    await notifyIssuers(tx, {
      issuer: r.issuer,
      payment,
      params: {
        description: payment.description,
        amount: formatMoney(option.amountFen, payment.currency),
        title: r.title,
      },
      link: `/finance/fapiao#fapiao-${row.id}`,
    })
    return { id: row.id }
  })
}

/** The payee's finance managers (or the paid person), or every finance admin for the platform. */
async function notifyIssuers(
  tx: Tx,
  input: {
    issuer: FapiaoIssuer
    payment: { payeeUserId: string | null; payeeOrgId: string | null }
    params: { description: string; amount: string; title: string }
    link: string
  },
): Promise<void> {
  if (input.issuer === 'payee') {
    await notifyParty(tx, {
      userId: input.payment.payeeUserId,
      orgId: input.payment.payeeOrgId,
      orgRoles: orgRoles.filter((role) => orgRoleAllows(role, 'manage:finance:own')),
      kind: 'fapiao.requested',
      params: input.params,
      link: input.link,
    })
    return
  }
  const admins = await tx
    .select({ userId: platformAdmins.userId, roles: platformAdmins.roles })
    .from(platformAdmins)
    .innerJoin(users, eq(users.id, platformAdmins.userId))
    .where(isNull(users.deletedAt))
  for (const admin of admins.filter((a) => adminRolesAllow(a.roles, 'manage:payment:any')))
    await notify(tx, {
      userId: admin.userId,
      kind: 'fapiao.requested',
      params: input.params,
      link: input.link,
    })
}
