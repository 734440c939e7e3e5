// Brings one payment in line with what Stripe says about it now. Webhooks only tell us that
// something changed; this re-reads the PaymentIntent (its charge, the charge's balance
// transaction, its refunds) and posts whatever the ledger does not have yet, each under a key
// of Stripe's object id. So a duplicate event, or `charge.refunded` before
// `payment_intent.succeeded`, leaves the same ledger as the events in order would.
import { and, eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db, type Tx } from '../../../../db/client.server.ts'
import { isUuid } from '../../../../db/ids.ts'
import { ledgerTransactions, payments } from '../../../../db/schema/index.ts'
import { now } from '../../../clock.server.ts'
import { notify } from '../../notifications/notify.server.ts'
import { collectPayment } from '../collect-payment.server.ts'
import { account, balanceOf, InsufficientFunds, post } from '../ledger.server.ts'
import { formatMoney } from '../money.ts'
import { lockPayment, movePayment, payerOf, type LockedPayment } from '../payment-ops.server.ts'
import { stripe, stripeCurrency } from './client.server.ts'
import { recordOperation } from './operations.server.ts'
import { collectKey, destinationTransferKey, idOf, refundPaidKey } from './routing.ts'

/** Why Stripe's state could not be brought into the ledger; finance has to look. */
export class StripeSyncError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StripeSyncError'
  }
}

/** Stripe says the bank wants the payer to confirm: only a charge made without them asks that. */
function needsPayer(pi: Stripe.PaymentIntent): boolean {
  return (
    pi.last_payment_error?.code === 'authentication_required' &&
    (pi.status === 'requires_action' || pi.status === 'requires_payment_method')
  )
}

export async function syncPaymentFromStripe(
  paymentId: string,
  hint: { paymentIntentId?: string | null } = {},
): Promise<void> {
  const payment = isUuid(paymentId)
    ? await db()
        .select()
        .from(payments)
        .where(eq(payments.id, paymentId))
        .then((r) => r[0])
    : undefined
  // Not ours (a session or intent made by another integration on the same Stripe account).
  if (!payment) return
  let paymentIntentId = hint.paymentIntentId ?? payment.paymentIntentId
  if (!paymentIntentId && payment.checkoutSessionId) {
    const session = await stripe().checkout.sessions.retrieve(payment.checkoutSessionId)
    paymentIntentId = idOf(session.payment_intent)
  }
  if (!paymentIntentId) return
  await syncIntent(paymentIntentId, paymentId)
}

/**
 * The same, starting from a PaymentIntent: its metadata names our payment (set when the
 * Checkout Session or the off-session charge was made). Intents that are not ours are ignored.
 */
export async function syncPaymentIntent(paymentIntentId: string): Promise<void> {
  await syncIntent(paymentIntentId, null)
}

async function syncIntent(paymentIntentId: string, expected: string | null): Promise<void> {
  // Every read from Stripe happens before the transaction: no row lock waits on the network.
  const pi = await stripe().paymentIntents.retrieve(paymentIntentId, {
    expand: ['latest_charge.balance_transaction'],
  })
  const paymentId = pi.metadata.paymentId
  if (expected && paymentId !== expected)
    throw new StripeSyncError(`PaymentIntent ${pi.id} does not belong to payment ${expected}`)
  if (!paymentId || !isUuid(paymentId)) return
  const known = await db()
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.id, paymentId))
    .then((r) => r[0])
  if (!known) return
  const refunds =
    pi.status === 'succeeded'
      ? await stripe()
          .refunds.list({ payment_intent: pi.id, limit: 100 })
          .autoPagingToArray({ limit: 10_000 })
      : []

  const problems: string[] = []
  await db().transaction(async (tx) => {
    const locked = await lockPayment(tx, paymentId)
    if (pi.status === 'succeeded') {
      await collect(tx, locked, pi)
      // Oldest first, so partial refunds are posted in the order Stripe made them.
      for (const refund of [...refunds].reverse()) {
        if (refund.status !== 'succeeded') continue
        const problem = await postRefund(tx, locked, refund)
        if (problem) problems.push(problem)
      }
    } else if (needsPayer(pi)) {
      await requirePayer(tx, locked, pi)
    }
  })
  if (problems.length > 0) throw new StripeSyncError(problems.join('; '))
}

async function collect(tx: Tx, locked: LockedPayment, pi: Stripe.PaymentIntent): Promise<void> {
  const { payment } = locked
  const charge = pi.latest_charge
  if (!charge || typeof charge === 'string')
    throw new StripeSyncError(`${pi.id}: charge not expanded`)
  const txn = charge.balance_transaction
  if (!txn || typeof txn === 'string')
    throw new StripeSyncError(`${charge.id}: balance transaction not expanded`)
  if (charge.amount !== payment.amountFen || charge.currency !== stripeCurrency(payment.currency))
    throw new StripeSyncError(
      `${charge.id} is ${charge.amount} ${charge.currency}, payment ${payment.id} is ${payment.amountFen} ${payment.currency}`,
    )
  // The ledger books Stripe's fee in the charge's currency; a settlement in another currency
  // would need an FX posting this code does not make.
  if (txn.currency !== charge.currency)
    throw new StripeSyncError(`${charge.id} settled in ${txn.currency}: FX is not handled`)
  const earlier = await tx
    .select({ providerRef: ledgerTransactions.providerRef })
    .from(ledgerTransactions)
    .where(
      and(eq(ledgerTransactions.paymentId, payment.id), eq(ledgerTransactions.kind, 'collect')),
    )
  if (earlier.some((e) => e.providerRef !== charge.id))
    throw new StripeSyncError(
      `payment ${payment.id} was already collected; ${charge.id} is a second payment to refund by hand`,
    )
  if (payment.paymentIntentId !== pi.id)
    await tx
      .update(payments)
      .set({ paymentIntentId: pi.id, updatedAt: now() })
      .where(eq(payments.id, payment.id))
  await collectPayment(tx, {
    paymentId: payment.id,
    provider: 'stripe',
    providerRef: charge.id,
    operationKey: collectKey(charge.id),
    processingFeeFen: txn.fee,
  })
  // A destination charge paid the payee on the spot; the release later books it against this.
  const transfer = idOf(charge.transfer)
  if (transfer)
    await recordOperation(tx, {
      kind: 'destination-transfer',
      key: destinationTransferKey(payment.id),
      paymentId: payment.id,
      resultRef: transfer,
    })
}

/**
 * Posts one refund Stripe made. Ours (made by the refund job) already left escrow when it was
 * asked for; one made at Stripe directly (the dashboard) leaves escrow now. Returns a problem
 * instead of failing the whole sync when escrow no longer holds that much.
 */
async function postRefund(
  tx: Tx,
  locked: LockedPayment,
  refund: Stripe.Refund,
): Promise<string | null> {
  const { payment } = locked
  const ownKey = refund.metadata?.operationKey
  const ours = ownKey
    ? await tx
        .select({ id: ledgerTransactions.id })
        .from(ledgerTransactions)
        .where(
          and(
            eq(ledgerTransactions.operationKey, ownKey),
            eq(ledgerTransactions.paymentId, payment.id),
          ),
        )
        .then((r) => r[0])
    : undefined
  const base = {
    paymentId: payment.id,
    businessKind: payment.businessKind,
    businessId: payment.businessId,
    provider: 'stripe' as const,
    providerRef: refund.id,
  }
  const refundable = account.refundable(payerOf(payment), payment.currency)
  try {
    if (!ours) {
      await post(tx, {
        ...base,
        kind: 'refund',
        operationKey: `stripe:refund-at-stripe:${refund.id}`,
        memo: refund.reason ?? 'refunded at Stripe',
        lines: [
          { account: account.escrow(payment.id, payment.currency), debit: refund.amount },
          { account: refundable, credit: refund.amount },
        ],
      })
    }
    await post(tx, {
      ...base,
      kind: 'refund-paid',
      operationKey: refundPaidKey(refund.id),
      memo: payment.description,
      lines: [
        { account: refundable, debit: refund.amount },
        { account: account.stripeClearing(payment.currency), credit: refund.amount },
      ],
    })
  } catch (error) {
    if (error instanceof InsufficientFunds)
      return `${refund.id} refunds ${refund.amount} but payment ${payment.id} no longer holds it`
    throw error
  }
  await settleIfEmpty(tx, payment.id, payment.currency)
  return null
}

/** The money layer's own settleIfEmpty lives with releases; this one also tolerates a settled payment. */
async function settleIfEmpty(
  tx: Tx,
  paymentId: string,
  currency: LockedPayment['payment']['currency'],
) {
  const status = await tx
    .select({ status: payments.status })
    .from(payments)
    .where(eq(payments.id, paymentId))
    .then((r) => r[0]?.status)
  if (status !== 'held') return
  if ((await balanceOf(tx, account.escrow(paymentId, currency))) === 0)
    await movePayment(tx, { paymentId, action: 'settle', actorRoles: ['system'] })
}

/** The bank wants the payer to confirm an off-session charge: tell them, once. */
async function requirePayer(
  tx: Tx,
  locked: LockedPayment,
  pi: Stripe.PaymentIntent,
): Promise<void> {
  const { payment } = locked
  if (payment.status !== 'awaiting_payment') return
  await tx
    .update(payments)
    .set({ paymentIntentId: pi.id, updatedAt: now() })
    .where(eq(payments.id, payment.id))
  await movePayment(tx, {
    paymentId: payment.id,
    action: 'require-action',
    actorRoles: ['system'],
    note: pi.id,
  })
  await notify(tx, {
    userId: payment.payerUserId,
    kind: 'payment.actionRequired',
    params: {
      description: payment.description,
      amount: formatMoney(payment.amountFen, payment.currency),
    },
    link: `/payments/${payment.id}`,
  })
}
