// A finance admin records a transfer received into the custody account (or a statement import
// finds one): matched to its payment by reference, for exactly what is owed. Up to the approval
// threshold the money is collected at once; above it a second admin must approve first.
import { and, eq, ne } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { bankTransfers, payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { collectPayment } from './collect-payment.server.ts'
import { formatMoney } from './money.ts'
import { APPROVAL_THRESHOLD_FEN, type Currency } from './payments.schema.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

export async function recordBankTransfer(
  tx: Tx,
  input: {
    reference: string
    amountFen: number
    currency: Currency
    receivedOn: string
    payerName: string
    actorUserId: string
    ip: string
    statementLineId?: string | null
  },
) {
  const reference = input.reference.trim().toUpperCase()
  const payment = await tx
    .select()
    .from(payments)
    .where(eq(payments.reference, reference))
    .for('update')
    .then((r) => r[0])
  if (!payment) throw new UserError('payments:transfers.errors.unknownReference', 'reference')
  await assertNoConflict(tx, input.actorUserId, [payment.payerOrgId, payment.payeeOrgId])
  if (payment.provider !== 'bank' || payment.status !== 'awaiting_payment')
    throw new UserError('payments:transfers.errors.notAwaiting', 'reference')
  const pending = await tx
    .select({ id: bankTransfers.id })
    .from(bankTransfers)
    // A rejected transfer does not block the right one being recorded after it.
    .where(and(eq(bankTransfers.paymentId, payment.id), ne(bankTransfers.status, 'rejected')))
    .then((rows) => rows.length)
  if (pending > 0) throw new UserError('payments:transfers.errors.alreadyRecorded', 'reference')
  if (input.currency !== payment.currency || input.amountFen !== payment.amountFen)
    throw new UserError('payments:transfers.errors.amountMismatch', 'amount', {
      expected: formatMoney(payment.amountFen, payment.currency),
    })
  const needsApproval = input.amountFen > APPROVAL_THRESHOLD_FEN
  const [transfer] = await tx
    .insert(bankTransfers)
    .values({
      paymentId: payment.id,
      reference,
      amountFen: input.amountFen,
      currency: input.currency,
      receivedOn: input.receivedOn,
      payerName: input.payerName,
      statementLineId: input.statementLineId ?? null,
      status: needsApproval ? 'pending_approval' : 'recorded',
      recordedByUserId: input.actorUserId,
      createdAt: now(),
      decidedAt: needsApproval ? null : now(),
    })
    .returning()
  if (!transfer) throw new Error('bank transfer not stored')
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: 'record-bank-transfer',
    entity: 'bank_transfer',
    entityId: transfer.id,
    data: { reference, amountFen: input.amountFen, needsApproval },
    ip: input.ip,
  })
  if (!needsApproval) await collectTransfer(tx, transfer.id, payment.id, input.actorUserId)
  return transfer
}

/** The recorded transfer's money into the payment's escrow. */
export async function collectTransfer(
  tx: Tx,
  transferId: string,
  paymentId: string,
  actorUserId: string,
): Promise<void> {
  await collectPayment(tx, {
    paymentId,
    provider: 'bank',
    providerRef: transferId,
    operationKey: `bank-transfer:${transferId}`,
    actorUserId,
  })
}
