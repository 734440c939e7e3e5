// Refunds part (or all) of what is still held for a payment back to the payer. The escrow can
// never go below zero (the database refuses it), so concurrent refunds and releases cannot pay
// out more than came in.
import type { Tx } from '../../../db/client.server.ts'
import { UserError } from '../problems.ts'
import { account, InsufficientFunds, post } from './ledger.server.ts'
import { lockPayment, payerOf } from './payment-ops.server.ts'
import { providerFor } from './providers.server.ts'
import { settleIfEmpty } from './release-payment.server.ts'

export async function refundPayment(
  tx: Tx,
  input: {
    paymentId: string
    amountFen: number
    operationKey: string
    reason: string
    actorUserId?: string | null
  },
): Promise<{ refunded: boolean }> {
  const locked = await lockPayment(tx, input.paymentId)
  const { payment } = locked
  if (payment.status !== 'held') throw new UserError('payments:errors.notHeld')
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new UserError('payments:errors.refundTooMuch')
  let posted
  try {
    posted = await post(tx, {
      kind: 'refund',
      operationKey: input.operationKey,
      memo: input.reason,
      paymentId: payment.id,
      businessKind: payment.businessKind,
      businessId: payment.businessId,
      provider: payment.provider,
      actorUserId: input.actorUserId ?? null,
      lines: [
        { account: account.escrow(payment.id, payment.currency), debit: input.amountFen },
        {
          account: account.refundable(payerOf(payment), payment.currency),
          credit: input.amountFen,
        },
      ],
    })
  } catch (error) {
    if (error instanceof InsufficientFunds) throw new UserError('payments:errors.refundTooMuch')
    throw error
  }
  if (!posted.created) return { refunded: false }
  await providerFor(payment.provider).sendRefund(tx, {
    payment: locked,
    amountFen: input.amountFen,
    operationKey: input.operationKey,
    ledgerTransactionId: posted.id,
    actorUserId: input.actorUserId ?? null,
  })
  await settleIfEmpty(tx, payment.id, payment.currency)
  return { refunded: true }
}
