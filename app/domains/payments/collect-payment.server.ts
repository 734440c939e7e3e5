// The payer's money has arrived (a Stripe charge succeeded, or a bank transfer was recorded):
// it goes into the payment's escrow and the payment is held. Called as often as a webhook is
// delivered; the operation key makes it happen once.
import type { Tx } from '../../../db/client.server.ts'
import { account, post } from './ledger.server.ts'
import '../business-hooks.server.ts'
import { lockPayment, movePayment } from './payment-ops.server.ts'
import { paymentCollected } from './payment-hooks.server.ts'
import { refundPayment } from './refund-payment.server.ts'
import { returnVoucherClaim } from './release-payment.server.ts'
import type { Provider } from './payments.schema.ts'

export async function collectPayment(
  tx: Tx,
  input: {
    paymentId: string
    provider: Provider
    /** The charge (ch_…/pi_…) or bank transfer that brought the money. */
    providerRef: string
    operationKey: string
    actorUserId?: string | null
    /** Stripe's processing fee on the charge, booked to its own account. */
    processingFeeFen?: number
  },
): Promise<{ collected: boolean }> {
  const locked = await lockPayment(tx, input.paymentId)
  const { payment, quote } = locked
  const cash =
    input.provider === 'stripe'
      ? account.stripeClearing(payment.currency)
      : account.custodyCash(payment.currency)
  const fee = input.processingFeeFen ?? 0
  const posted = await post(tx, {
    kind: 'collect',
    operationKey: input.operationKey,
    memo: payment.description,
    paymentId: payment.id,
    businessKind: payment.businessKind,
    businessId: payment.businessId,
    provider: input.provider,
    providerRef: input.providerRef,
    actorUserId: input.actorUserId ?? null,
    lines: [
      { account: cash, debit: payment.amountFen },
      { account: account.escrow(payment.id, payment.currency), credit: payment.amountFen },
      { account: account.stripeFees(payment.currency), debit: fee },
      { account: cash, credit: fee },
      // The voucher's part comes in as a claim on the issuing agency, so escrow holds the whole
      // price and releases it like any other; the payee takes the claim over on release.
      ...(quote.voucherFen > 0 && quote.voucherId
        ? [
            {
              account: account.voucherReceivable(quote.voucherId, payment.currency),
              debit: quote.voucherFen,
            },
            {
              account: account.escrow(payment.id, payment.currency),
              credit: quote.voucherFen,
            },
          ]
        : []),
    ],
  })
  if (
    posted.created &&
    (payment.status === 'awaiting_payment' || payment.status === 'requires_action')
  ) {
    await movePayment(tx, {
      paymentId: payment.id,
      action: 'collect',
      actorUserId: input.actorUserId ?? null,
      actorRoles: ['system', 'finance'],
    })
    await paymentCollected(tx, { ...payment, status: 'held' })
  }
  if (posted.created && payment.status === 'cancelled') {
    // Nobody owes this money any more: it goes back to the payer in full, the voucher claim to
    // its agency, and the payment ends settled.
    await movePayment(tx, {
      paymentId: payment.id,
      action: 'collect-late',
      actorUserId: input.actorUserId ?? null,
      actorRoles: ['system', 'finance'],
      note: 'paid after the payment was called off',
    })
    await returnVoucherClaim(tx, payment.id)
    await refundPayment(tx, {
      paymentId: payment.id,
      amountFen: payment.amountFen,
      operationKey: `late-payment-refund:${payment.id}`,
      reason: 'paid after the payment was called off',
      actorUserId: input.actorUserId ?? null,
    })
  }
  return { collected: posted.created }
}
