// Handles one stored Stripe event, once. The event only says which object changed; the
// object is read again from Stripe (an event can be stale, out of order, or not Stripe's at
// all if our secret leaked) and our state is brought in line with it.
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '../../../../db/client.server.ts'
import { stripeEvents } from '../../../../db/schema/index.ts'
import { now } from '../../../clock.server.ts'
import { stripe } from './client.server.ts'
import { syncAccountFromStripe } from './connect-account.server.ts'
import { idOf } from './routing.ts'
import { syncPaymentFromStripe, syncPaymentIntent } from './sync-payment.server.ts'

export async function handleStripeEvent(eventId: string): Promise<void> {
  const event = await db()
    .select()
    .from(stripeEvents)
    .where(eq(stripeEvents.id, eventId))
    .then((r) => r[0])
  if (!event || event.processedAt) return
  try {
    if (event.objectId) await dispatch(event.type, event.objectId)
  } catch (error) {
    await db()
      .update(stripeEvents)
      .set({ lastError: error instanceof Error ? error.message.slice(0, 2000) : String(error) })
      .where(eq(stripeEvents.id, eventId))
    throw error
  }
  await db()
    .update(stripeEvents)
    .set({ processedAt: now(), lastError: null })
    .where(and(eq(stripeEvents.id, eventId), isNull(stripeEvents.processedAt)))
}

async function dispatch(type: string, objectId: string): Promise<void> {
  if (type === 'account.updated') {
    await syncAccountFromStripe(objectId)
  } else if (type.startsWith('payment_intent.')) {
    await syncPaymentIntent(objectId)
  } else if (type.startsWith('charge.')) {
    const charge = await stripe().charges.retrieve(objectId)
    const pi = idOf(charge.payment_intent)
    if (pi) await syncPaymentIntent(pi)
  } else if (type.startsWith('refund.')) {
    const refund = await stripe().refunds.retrieve(objectId)
    const pi = idOf(refund.payment_intent)
    if (pi) await syncPaymentIntent(pi)
  } else if (type.startsWith('checkout.session.')) {
    const session = await stripe().checkout.sessions.retrieve(objectId)
    const paymentId = session.metadata?.paymentId
    // Setup sessions save a card; nothing is owed until a charge is made with it.
    if (session.mode === 'payment' && paymentId)
      await syncPaymentFromStripe(paymentId, { paymentIntentId: idOf(session.payment_intent) })
  }
  // Transfers are posted by the jobs that make them; other events need nothing from us.
}
