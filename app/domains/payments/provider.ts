// The one interface the money layer talks to payment providers through. Two implementations:
// Stripe (hosted Checkout, Connect transfers and refunds) and the custody bank (对公转账 in,
// instructions out). Both are asked inside the ledger's transaction: whatever reaches the
// outside world goes through a job or an instruction row written in that same transaction.
import type { Tx } from '../../../db/client.server.ts'
import type { LockedPayment } from './payment-ops.server.ts'
import type { Provider } from './payments.schema.ts'

export type CollectionStart =
  | { kind: 'redirect'; url: string }
  | {
      kind: 'bank-transfer'
      accountName: string
      bankName: string
      accountNumber: string
      reference: string
      amountFen: number
      currency: string
    }

export type MoneyOut = {
  payment: LockedPayment
  amountFen: number
  /** Our operation's key: the provider call derives its idempotency key from it. */
  operationKey: string
  /** The ledger transaction (release or refund) this money out settles. */
  ledgerTransactionId: string
  actorUserId: string | null
}

export interface PaymentProvider {
  readonly kind: Provider
  /** How the payer pays: a hosted page to go to, or the custody account and reference. */
  startCollection(tx: Tx, payment: LockedPayment, returnUrl: string): Promise<CollectionStart>
  /** Money released from escrow on its way to the payee. */
  sendRelease(tx: Tx, out: MoneyOut): Promise<void>
  /** Money refunded from escrow on its way back to the payer. */
  sendRefund(tx: Tx, out: MoneyOut): Promise<void>
}
