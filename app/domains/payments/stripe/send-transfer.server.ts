// Pays a release of an escrowed payment out to the payee's Stripe account: one Transfer per
// release, in the payment's transfer group and funded by its charge, created under the
// release's own operation, so a job run twice (or retried after a timeout) transfers once.
import { and, eq } from 'drizzle-orm'
import { db } from '../../../../db/client.server.ts'
import { ledgerTransactions, payments } from '../../../../db/schema/index.ts'
import { account, post } from '../ledger.server.ts'
import { payeeOf } from '../payment-ops.server.ts'
import { stripe, stripeCurrency } from './client.server.ts'
import { stripeAccountOf } from './connect-account.server.ts'
import { operationFor, runOperation } from './operations.server.ts'
import { transferGroupOf, transferPaidKey } from './routing.ts'

export type MoneyOutJob = { paymentId: string; operationKey: string; amountFen: number }

export const transferOperationKey = (operationKey: string) => `zc:transfer:${operationKey}`

export async function sendStripeTransfer(input: MoneyOutJob): Promise<void> {
  const payment = await db()
    .select()
    .from(payments)
    .where(eq(payments.id, input.paymentId))
    .then((r) => r[0])
  if (!payment) throw new Error(`no payment ${input.paymentId}`)
  const operation = await operationFor(db(), {
    kind: 'transfer',
    key: transferOperationKey(input.operationKey),
    paymentId: payment.id,
  })
  let transferId = operation.resultRef
  if (!transferId) {
    const destination = await stripeAccountOf(db(), payeeOf(payment))
    if (!destination) throw new Error(`payee of payment ${payment.id} has no Stripe account`)
    // The charge that brought the money funds the transfer (no wait for the platform balance).
    const charge = await db()
      .select({ ref: ledgerTransactions.providerRef })
      .from(ledgerTransactions)
      .where(
        and(eq(ledgerTransactions.paymentId, payment.id), eq(ledgerTransactions.kind, 'collect')),
      )
      .then((r) => r[0]?.ref)
    const transfer = await runOperation(
      db(),
      operation,
      (idempotencyKey) =>
        stripe().transfers.create(
          {
            amount: input.amountFen,
            currency: stripeCurrency(payment.currency),
            destination: destination.id,
            transfer_group: transferGroupOf(payment.id),
            ...(charge?.startsWith('ch_') ? { source_transaction: charge } : {}),
            metadata: { paymentId: payment.id, operationKey: input.operationKey },
          },
          { idempotencyKey },
        ),
      (t) => t.id,
    )
    transferId = transfer.id
  }
  // Posted even when the transfer was made by an earlier run that died before posting it.
  await post(db(), {
    kind: 'payout',
    operationKey: transferPaidKey(transferId),
    memo: payment.description,
    paymentId: payment.id,
    businessKind: payment.businessKind,
    businessId: payment.businessId,
    provider: 'stripe',
    providerRef: transferId,
    lines: [
      { account: account.payable(payeeOf(payment), payment.currency), debit: input.amountFen },
      { account: account.stripeClearing(payment.currency), credit: input.amountFen },
    ],
  })
}
