// Sends a refund the ledger has already taken out of escrow back to the payer through Stripe:
// a Refund against the payment's PaymentIntent, for that amount only, created under the refund's
// own operation. For a direct sale it also takes the payee's share back from their account
// (reverse_transfer), since Stripe paid them with the charge.
import { eq } from 'drizzle-orm'
import { db } from '../../../../db/client.server.ts'
import { payments } from '../../../../db/schema/index.ts'
import { account, post } from '../ledger.server.ts'
import { payerOf } from '../payment-ops.server.ts'
import { stripe } from './client.server.ts'
import { operationFor, runOperation } from './operations.server.ts'
import type { MoneyOutJob } from './send-transfer.server.ts'
import { isDirectSale, refundPaidKey } from './routing.ts'

export const refundOperationKey = (operationKey: string) => `zc:refund:${operationKey}`

export async function sendStripeRefund(input: MoneyOutJob): Promise<void> {
  const payment = await db()
    .select()
    .from(payments)
    .where(eq(payments.id, input.paymentId))
    .then((r) => r[0])
  if (!payment) throw new Error(`no payment ${input.paymentId}`)
  const paymentIntent = payment.paymentIntentId
  if (!paymentIntent) throw new Error(`payment ${payment.id} has no PaymentIntent to refund`)
  const operation = await operationFor(db(), {
    kind: 'refund',
    key: refundOperationKey(input.operationKey),
    paymentId: payment.id,
  })
  const refund = operation.resultRef
    ? await stripe().refunds.retrieve(operation.resultRef)
    : await runOperation(
        db(),
        operation,
        (idempotencyKey) =>
          stripe().refunds.create(
            {
              payment_intent: paymentIntent,
              amount: input.amountFen,
              ...(isDirectSale(payment) ? { reverse_transfer: true } : {}),
              // The sync recognises its own refunds by this key (and does not take escrow twice).
              metadata: { paymentId: payment.id, operationKey: input.operationKey },
            },
            { idempotencyKey },
          ),
        (r) => r.id,
      )
  // A refund still pending is posted by the sync when Stripe's refund event says it went through.
  if (refund.status !== 'succeeded') {
    if (refund.status === 'failed' || refund.status === 'canceled')
      throw new Error(`${refund.id} ${refund.status}: the payer's money is owed and not yet sent`)
    return
  }
  await post(db(), {
    kind: 'refund-paid',
    operationKey: refundPaidKey(refund.id),
    memo: payment.description,
    paymentId: payment.id,
    businessKind: payment.businessKind,
    businessId: payment.businessId,
    provider: 'stripe',
    providerRef: refund.id,
    lines: [
      { account: account.refundable(payerOf(payment), payment.currency), debit: refund.amount },
      { account: account.stripeClearing(payment.currency), credit: refund.amount },
    ],
  })
}
