// Cards saved for later: a payer saves a card once on Stripe's hosted page (Checkout in setup
// mode, under a Stripe customer of their own), and a later payment (a crowdfunding commitment
// when the campaign succeeds) is charged to it without them. When the bank wants the payer to
// confirm, the payment waits in requires_action, the payer is e-mailed a link to the payment
// page, and paying there confirms the same PaymentIntent, so it is paid once.
//
// Only cards can be saved. Alipay and WeChat Pay cannot be set up for later charges: a payer
// who uses them is charged at once (Checkout on the payment page), the money waits in escrow,
// and a refund through the refund job returns it if the deal falls through.
import { eq } from 'drizzle-orm'
import { db } from '../../../../db/client.server.ts'
import { users } from '../../../../db/schema/index.ts'
import { UserError } from '../../problems.ts'
import { lockPayment } from '../payment-ops.server.ts'
import { Stripe, stripe, stripeCurrency } from './client.server.ts'
import { openAttempt, operationFor, runOperation } from './operations.server.ts'
import { chargeRouting } from './stripe-provider.server.ts'
import { syncPaymentFromStripe } from './sync-payment.server.ts'

/** The payer's Stripe customer, created on first use (one per person, whoever they pay for). */
export async function customerOf(userId: string): Promise<string> {
  const operation = await operationFor(db(), {
    kind: 'customer',
    key: `zc:customer:user:${userId}`,
  })
  if (operation.resultRef) return operation.resultRef
  const user = await db()
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
    .then((r) => r[0])
  if (!user) throw new Error(`no user ${userId}`)
  const customer = await runOperation(
    db(),
    operation,
    (idempotencyKey) =>
      stripe().customers.create(
        {
          ...(user.email ? { email: user.email } : {}),
          name: user.name,
          preferred_locales: [user.locale === 'en' ? 'en' : 'zh'],
          metadata: { userId },
        },
        { idempotencyKey },
      ),
    (c) => c.id,
  )
  return customer.id
}

/**
 * Where the payer goes to save a card: Stripe's hosted page, coming back to `returnUrl` with
 * `?card=saved` (or `cancel`). `operationId` is the caller's own id for this request (say
 * `commitment:<id>`), so asking twice does not make two sessions.
 */
export async function startCardSetup(input: {
  payerUserId: string
  operationId: string
  returnUrl: string
}): Promise<string> {
  const customer = await customerOf(input.payerUserId)
  const operation = await openAttempt(db(), {
    kind: 'setup-session',
    base: `zc:setup:${input.operationId}`,
  })
  const session = await runOperation(
    db(),
    operation,
    (idempotencyKey) =>
      stripe().checkout.sessions.create(
        {
          mode: 'setup',
          customer,
          // Cards only: Alipay and WeChat Pay cannot be charged later without the payer.
          allowed_payment_method_types: ['card'],
          success_url: `${input.returnUrl}?card=saved`,
          cancel_url: `${input.returnUrl}?card=cancel`,
          metadata: { purpose: 'save-card', operationId: input.operationId },
          setup_intent_data: { metadata: { operationId: input.operationId } },
        },
        { idempotencyKey },
      ),
    (s) => s.id,
  )
  if (!session.url) throw new Error(`setup session ${session.id} has no URL`)
  return session.url
}

/** The payer's saved cards, newest first. */
export async function savedCards(userId: string) {
  const customer = await customerOf(userId)
  const list = await stripe().customers.listPaymentMethods(customer, { type: 'card', limit: 20 })
  return list.data.map((pm) => ({
    id: pm.id,
    brand: pm.card?.brand ?? 'card',
    last4: pm.card?.last4 ?? '',
    expMonth: pm.card?.exp_month ?? null,
    expYear: pm.card?.exp_year ?? null,
  }))
}

export type SavedCardCharge =
  | { outcome: 'paid' }
  | { outcome: 'requires-action' }
  | { outcome: 'declined'; code: string | null }
  | { outcome: 'no-card' }

/**
 * Charges a payment to the payer's saved card (the newest, unless one is named) without them.
 * Paid: the payment is held (or paid out, for a direct sale) as with Checkout. The bank wants
 * the payer: the payment moves to requires_action and the payer is e-mailed. Declined: the
 * payment still awaits payment; the caller decides what to tell whom. Retrying after a timeout
 * reuses the attempt's idempotency key; only after a definitive answer does a new attempt start.
 */
export async function chargeSavedCard(input: {
  paymentId: string
  paymentMethodId?: string
}): Promise<SavedCardCharge> {
  const locked = await db().transaction((tx) => lockPayment(tx, input.paymentId))
  const { payment } = locked
  if (payment.provider !== 'stripe')
    throw new Error(`payment ${payment.id} is not paid through Stripe`)
  if (payment.status !== 'awaiting_payment') throw new UserError('payments:errors.notAwaiting')
  const customer = await customerOf(payment.payerUserId)
  const paymentMethod =
    input.paymentMethodId ??
    (await stripe().customers.listPaymentMethods(customer, { type: 'card', limit: 1 })).data[0]?.id
  if (!paymentMethod) return { outcome: 'no-card' }
  const routing = await chargeRouting(db(), locked)
  const operation = await openAttempt(db(), {
    kind: 'charge',
    base: `zc:charge:${payment.id}`,
    paymentId: payment.id,
  })
  let pi: Stripe.PaymentIntent
  try {
    pi = await runOperation(
      db(),
      operation,
      (idempotencyKey) =>
        stripe().paymentIntents.create(
          {
            ...routing,
            amount: payment.amountFen,
            currency: stripeCurrency(payment.currency),
            customer,
            payment_method: paymentMethod,
            allowed_payment_method_types: ['card'],
            off_session: true,
            confirm: true,
          },
          { idempotencyKey },
        ),
      (p) => p.id,
    )
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeCardError)) throw error
    const intent = error.payment_intent?.id
    if (error.code === 'authentication_required' && intent) {
      await syncPaymentFromStripe(payment.id, { paymentIntentId: intent })
      return { outcome: 'requires-action' }
    }
    return { outcome: 'declined', code: error.decline_code ?? error.code ?? null }
  }
  await syncPaymentFromStripe(payment.id, { paymentIntentId: pi.id })
  return pi.status === 'succeeded' ? { outcome: 'paid' } : { outcome: 'requires-action' }
}
