// Stripe as a payment provider: the payer pays on Stripe's hosted Checkout (card, Alipay,
// WeChat Pay); a direct sale is a destination charge that pays the payee at once, less the
// platform fee; anything held in escrow is a separate charge, paid out later by a transfer in
// the payment's transfer group. Every object is created under an operation of ours, and money
// that leaves Stripe is sent by a job after the ledger's transaction commits.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../../db/client.server.ts'
import { payments, users } from '../../../../db/schema/index.ts'
import { stripeRefund } from '../../../../workers/jobs/stripe-refund.ts'
import { stripeTransfer } from '../../../../workers/jobs/stripe-transfer.ts'
import { now } from '../../../clock.server.ts'
import { fixedT } from '../../../i18n/fixed-t.server.ts'
import { isLanguage } from '../../../i18n/config.ts'
import { enqueue } from '../../jobs/boss.server.ts'
import { account, post } from '../ledger.server.ts'
import { payeeOf, type LockedPayment } from '../payment-ops.server.ts'
import type { PaymentProvider } from '../provider.ts'
import { Stripe, stripe, stripeCurrency } from './client.server.ts'
import { stripeAccountOf } from './connect-account.server.ts'
import { openAttempt, operationByKey, operationFor, runOperation } from './operations.server.ts'
import { destinationTransferKey, idOf, isDirectSale, transferGroupOf } from './routing.ts'

async function payerLanguage(tx: Tx, userId: string) {
  const locale = await tx
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
    .then((r) => r[0]?.locale)
  return isLanguage(locale) ? locale : 'zh-CN'
}

/** What the payer is charged for, line by line, adding up to the payment's amount exactly. */
async function lineItems(
  tx: Tx,
  locked: LockedPayment,
): Promise<Stripe.Checkout.SessionCreateParams.LineItem[]> {
  const { payment, quote, mode } = locked
  const currency = stripeCurrency(payment.currency)
  const t = fixedT(await payerLanguage(tx, payment.payerUserId), 'payments')
  // Stripe has no negative lines: a price partly paid by a voucher is one line of what is left.
  const lines =
    quote.voucherFen > 0
      ? [
          {
            label: t('view.afterVoucher', { description: payment.description }),
            quantity: 1,
            unitFen: quote.subtotalFen - quote.voucherFen,
            amountFen: quote.subtotalFen - quote.voucherFen,
          },
        ]
      : quote.lines
  const items = lines
    .filter((line) => line.amountFen > 0)
    .map((line) => {
      // Stripe's quantities are whole: 1.5 hours becomes one line of its amount.
      const whole =
        Number.isInteger(line.quantity) && line.unitFen * line.quantity === line.amountFen
      return {
        price_data: {
          currency,
          unit_amount: whole ? line.unitFen : line.amountFen,
          product_data: { name: whole ? line.label : `${line.label} × ${line.quantity}` },
        },
        quantity: whole ? line.quantity : 1,
      }
    })
  if (mode === 'added' && quote.feeFen > 0)
    items.push({
      price_data: {
        currency,
        unit_amount: quote.feeFen,
        product_data: { name: t('view.platformFee') },
      },
      quantity: 1,
    })
  const total = items.reduce((sum, i) => sum + i.price_data.unit_amount * i.quantity, 0)
  if (total !== payment.amountFen)
    throw new Error(
      `checkout lines add up to ${total}, payment ${payment.id} is ${payment.amountFen}`,
    )
  return items
}

/** How the charge's money is routed: straight to the payee less our fee, or kept for escrow. */
export async function chargeRouting(
  tx: Tx,
  locked: LockedPayment,
): Promise<Stripe.Checkout.SessionCreateParams.PaymentIntentData> {
  const { payment, quote } = locked
  const base = {
    description: payment.description,
    metadata: { paymentId: payment.id },
    transfer_group: transferGroupOf(payment.id),
  }
  if (!isDirectSale(payment)) return base
  const destination = await stripeAccountOf(tx, payeeOf(payment))
  if (!destination?.chargesEnabled)
    throw new Error(`payee of payment ${payment.id} has no Stripe account that can be paid`)
  return {
    ...base,
    ...(quote.feeFen > 0 ? { application_fee_amount: quote.feeFen } : {}),
    transfer_data: { destination: destination.id },
  }
}

async function createCheckout(tx: Tx, locked: LockedPayment, returnUrl: string): Promise<string> {
  const { payment } = locked
  const language = await payerLanguage(tx, payment.payerUserId)
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    line_items: await lineItems(tx, locked),
    allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
    // Stripe refuses WeChat Pay in Checkout without saying which client the QR code is for.
    payment_method_options: { wechat_pay: { client: 'web' } },
    success_url: `${returnUrl}?checkout=success`,
    cancel_url: `${returnUrl}?checkout=cancel`,
    client_reference_id: payment.id,
    metadata: { paymentId: payment.id },
    locale: language === 'en' ? 'en' : 'zh',
    payment_intent_data: await chargeRouting(tx, locked),
  }
  const operation = await openAttempt(tx, {
    kind: 'checkout',
    base: `zc:checkout:${payment.id}`,
    paymentId: payment.id,
  })
  const session = await runOperation(
    tx,
    operation,
    (idempotencyKey) => stripe().checkout.sessions.create(params, { idempotencyKey }),
    (s) => s.id,
  )
  await tx
    .update(payments)
    .set({ checkoutSessionId: session.id, updatedAt: now() })
    .where(eq(payments.id, payment.id))
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`)
  return session.url
}

/**
 * A charge that needed the payer's bank to confirm (an off-session charge of a saved card):
 * the PaymentIntent is confirmed again on-session with a way back to us, and the payer goes
 * to the bank's page. A card that is declined now falls back to a new Checkout, where the
 * payer can choose another card, Alipay or WeChat Pay.
 */
async function confirmOnSession(
  tx: Tx,
  locked: LockedPayment,
  paymentIntentId: string,
  returnUrl: string,
): Promise<string> {
  const success = `${returnUrl}?checkout=success`
  const pi = await stripe().paymentIntents.retrieve(paymentIntentId)
  if (pi.status === 'succeeded' || pi.status === 'processing') return success
  const pending = pi.next_action?.redirect_to_url
  if (pi.status === 'requires_action' && pending?.url && pending.return_url) return pending.url
  if (pi.status === 'canceled') return createCheckout(tx, locked, returnUrl)
  const paymentMethod = idOf(pi.payment_method) ?? idOf(pi.last_payment_error?.payment_method)
  if (!paymentMethod) return replaceWithCheckout(tx, locked, pi.id, returnUrl)
  const operation = await openAttempt(tx, {
    kind: 'confirm',
    base: `zc:confirm:${pi.id}`,
    paymentId: locked.payment.id,
  })
  let confirmed: Stripe.PaymentIntent
  try {
    confirmed = await runOperation(
      tx,
      operation,
      (idempotencyKey) =>
        stripe().paymentIntents.confirm(
          pi.id,
          { payment_method: paymentMethod, return_url: success },
          { idempotencyKey },
        ),
      (p) => p.id,
    )
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError)
      return replaceWithCheckout(tx, locked, pi.id, returnUrl)
    throw error
  }
  const redirect = confirmed.next_action?.redirect_to_url?.url
  return confirmed.status === 'requires_action' && redirect ? redirect : success
}

/**
 * The saved card cannot pay: the payer chooses again on a new Checkout. The old PaymentIntent
 * is cancelled first, so it cannot also be paid later and take the money twice.
 */
async function replaceWithCheckout(
  tx: Tx,
  locked: LockedPayment,
  paymentIntentId: string,
  returnUrl: string,
): Promise<string> {
  const operation = await operationFor(tx, {
    kind: 'cancel',
    key: `zc:cancel:${paymentIntentId}`,
    paymentId: locked.payment.id,
  })
  await runOperation(
    tx,
    operation,
    (idempotencyKey) =>
      stripe().paymentIntents.cancel(
        paymentIntentId,
        { cancellation_reason: 'abandoned' },
        { idempotencyKey },
      ),
    (p) => p.id,
  )
  return createCheckout(tx, locked, returnUrl)
}

export const stripeProvider: PaymentProvider = {
  kind: 'stripe',

  async startCollection(tx, locked, returnUrl) {
    const { payment } = locked
    if (payment.status === 'requires_action' && payment.paymentIntentId)
      return {
        kind: 'redirect',
        url: await confirmOnSession(tx, locked, payment.paymentIntentId, returnUrl),
      }
    // One open Checkout per payment: a second click (or tab) must not let the payer pay twice.
    if (payment.checkoutSessionId) {
      const session = await stripe().checkout.sessions.retrieve(payment.checkoutSessionId)
      if (session.status === 'open' && session.url) return { kind: 'redirect', url: session.url }
      if (session.status === 'complete')
        return { kind: 'redirect', url: `${returnUrl}?checkout=success` }
    }
    return { kind: 'redirect', url: await createCheckout(tx, locked, returnUrl) }
  },

  async sendRelease(tx, out) {
    const { payment } = out.payment
    if (isDirectSale(payment)) {
      // Stripe transferred the payee's part with the charge: nothing to send, only to record
      // that what the ledger owes the payee has left our Stripe balance through that transfer.
      const transfer = await operationByKey(tx, destinationTransferKey(payment.id))
      if (!transfer?.resultRef)
        throw new Error(`payment ${payment.id}: no destination transfer recorded at collection`)
      await post(tx, {
        kind: 'payout',
        operationKey: `${out.operationKey}:stripe-destination`,
        memo: payment.description,
        paymentId: payment.id,
        businessKind: payment.businessKind,
        businessId: payment.businessId,
        provider: 'stripe',
        providerRef: transfer.resultRef,
        actorUserId: out.actorUserId,
        lines: [
          { account: account.payable(payeeOf(payment), payment.currency), debit: out.amountFen },
          { account: account.stripeClearing(payment.currency), credit: out.amountFen },
        ],
      })
      return
    }
    // The operation exists from this transaction on, so the job's key is settled before any call.
    await operationFor(tx, {
      kind: 'transfer',
      key: `zc:transfer:${out.operationKey}`,
      paymentId: payment.id,
    })
    await enqueue(tx, stripeTransfer, {
      paymentId: payment.id,
      operationKey: out.operationKey,
      amountFen: out.amountFen,
    })
  },

  async sendRefund(tx, out) {
    const { payment } = out.payment
    await operationFor(tx, {
      kind: 'refund',
      key: `zc:refund:${out.operationKey}`,
      paymentId: payment.id,
    })
    await enqueue(tx, stripeRefund, {
      paymentId: payment.id,
      operationKey: out.operationKey,
      amountFen: out.amountFen,
    })
  },
}
