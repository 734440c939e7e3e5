// What happens to a 发票 request after it is made: the issuer issues it (the invoice PDF and its
// number) or rejects it with a reason, and the requester may withdraw it while it waits. Each
// goes through the 发票 machine, is audited, and tells the requester where it concerns them.
import { eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { fapiaoRequests } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { forbidden, notFound } from '../accounts/auth.server.ts'
import { audit } from '../admin/audit.server.ts'
import { findTransition, TransitionError } from '../lifecycle/machine.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { notify } from '../notifications/notify.server.ts'
import { checkUpload, storeUpload } from '../uploads/store-upload.server.ts'
import {
  loadFapiaoRequest,
  requesterSide,
  rolesOn,
  standingOf,
  type FapiaoRole,
} from './fapiao-queries.server.ts'
import { fapiaoMachine } from './fapiao.machine.ts'
import { formatMoney } from './money.ts'

type FapiaoAction = (typeof fapiaoMachine.transitions)[number]['action']

/**
 * Loads a request for someone about to act on it: 404 for anyone with no part in it (they are
 * not told it exists), 403 for a party the machine does not let take this action, and the
 * machine's own refusal when the request has moved on.
 */
async function loadForAction(requestId: string, userId: string, action: FapiaoAction) {
  const found = await loadFapiaoRequest(db(), requestId)
  if (!found) throw notFound()
  const standing = await standingOf(db(), userId, found.payment)
  const roles = rolesOn(standing, found.request.issuer, found.mode)
  if (roles.length === 0) throw notFound()
  const actors: readonly FapiaoRole[] =
    fapiaoMachine.transitions.find((t) => t.action === action)?.actors ?? []
  if (!actors.some((a) => roles.includes(a))) throw forbidden()
  // Checked again, under the update, by fireTransition; this early check spares a stored file.
  if (!findTransition(fapiaoMachine, action, found.request.status))
    throw new TransitionError(fapiaoMachine.name, action, found.request.status, 'not-allowed')
  return { ...found, roles }
}

function transition(
  tx: Tx,
  input: {
    requestId: string
    action: FapiaoAction
    roles: readonly FapiaoRole[]
    set: Record<string, unknown>
  },
) {
  return fireTransition(tx, {
    machine: fapiaoMachine,
    table: fapiaoRequests,
    idColumn: fapiaoRequests.id,
    statusColumn: fapiaoRequests.status,
    statusKey: 'status',
    id: input.requestId,
    action: input.action,
    actorRoles: input.roles,
    set: input.set,
  })
}

const requesterLink = (paymentId: string) => `/payments/${paymentId}/fapiao`

export async function issueFapiao(input: {
  requestId: string
  userId: string
  invoiceNumber: string
  file: File | null | undefined
  ip?: string | null
}): Promise<void> {
  const { request, payment, roles } = await loadForAction(input.requestId, input.userId, 'issue')
  const file = await checkUpload(input.file, 'fapiao', 'invoice')
  await db().transaction(async (tx) => {
    const at = now()
    await transition(tx, {
      requestId: request.id,
      action: 'issue',
      roles,
      set: { invoiceNumber: input.invoiceNumber, decidedByUserId: input.userId, decidedAt: at },
    })
    // Stored after the transition has won, so a request issued twice at once keeps one file.
    // Readers are decided by canReadFapiao, not by organisation membership: no owner org.
    const upload = await storeUpload(tx, { file, purpose: 'fapiao', ownerUserId: input.userId })
    await tx
      .update(fapiaoRequests)
      .set({ invoiceUploadId: upload.id })
      .where(eq(fapiaoRequests.id, request.id))
    await audit(tx, {
      actorUserId: input.userId,
      actingOrgId: request.issuer === 'payee' ? payment.payeeOrgId : null,
      action: 'issue-fapiao',
      entity: 'fapiao_request',
      entityId: request.id,
      data: { paymentId: payment.id, invoiceNumber: input.invoiceNumber, uploadId: upload.id },
      ip: input.ip ?? null,
    })
    await notify(tx, {
      userId: request.requestedByUserId,
      kind: 'fapiao.issued',
      params: {
        description: payment.description,
        amount: formatMoney(request.amountFen, payment.currency),
        invoiceNumber: input.invoiceNumber,
      },
      link: requesterLink(payment.id),
    })
  })
}

export async function rejectFapiao(input: {
  requestId: string
  userId: string
  reason: string
  ip?: string | null
}): Promise<void> {
  const { request, payment, roles } = await loadForAction(input.requestId, input.userId, 'reject')
  await db().transaction(async (tx) => {
    await transition(tx, {
      requestId: request.id,
      action: 'reject',
      roles,
      set: { rejectionReason: input.reason, decidedByUserId: input.userId, decidedAt: now() },
    })
    await audit(tx, {
      actorUserId: input.userId,
      actingOrgId: request.issuer === 'payee' ? payment.payeeOrgId : null,
      action: 'reject-fapiao',
      entity: 'fapiao_request',
      entityId: request.id,
      data: { paymentId: payment.id, reason: input.reason },
      ip: input.ip ?? null,
    })
    await notify(tx, {
      userId: request.requestedByUserId,
      kind: 'fapiao.rejected',
      params: {
        description: payment.description,
        amount: formatMoney(request.amountFen, payment.currency),
        reason: input.reason,
      },
      link: requesterLink(payment.id),
    })
  })
}

/** The requester changes their mind (a wrong 抬头, say) before anything was issued. */
export async function withdrawFapiao(input: {
  requestId: string
  userId: string
  ip?: string | null
}): Promise<void> {
  const { request, payment, mode, roles } = await loadForAction(
    input.requestId,
    input.userId,
    'withdraw',
  )
  await db().transaction(async (tx) => {
    await transition(tx, {
      requestId: request.id,
      action: 'withdraw',
      roles,
      set: { decidedByUserId: input.userId, decidedAt: now() },
    })
    await audit(tx, {
      actorUserId: input.userId,
      actingOrgId:
        requesterSide(request.issuer, mode) === 'payer' ? payment.payerOrgId : payment.payeeOrgId,
      action: 'withdraw-fapiao',
      entity: 'fapiao_request',
      entityId: request.id,
      data: { paymentId: payment.id },
      ip: input.ip ?? null,
    })
  })
}
