// The webhook's one job: accept only what Stripe signed, store it by event id and queue its
// handling, in one transaction, and answer at once. A second delivery of the same event finds
// it stored and queues nothing more; the handling itself runs in the worker.
import { eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db } from '../../../../db/client.server.ts'
import { stripeEvents } from '../../../../db/schema/index.ts'
import { stripeEvent } from '../../../../workers/jobs/stripe-event.ts'
import { now } from '../../../clock.server.ts'
import { env } from '../../../env.server.ts'
import { enqueue } from '../../jobs/boss.server.ts'
import { stripe, stripeEnabled } from './client.server.ts'

export type Receipt =
  | { status: 200; body: { received: true } }
  | { status: 400; body: { error: 'signature' } }
  | { status: 404; body: { error: 'not-found' } }

export async function receiveStripeEvent(
  payload: string,
  signature: string | null,
): Promise<Receipt> {
  const secret = env().STRIPE_WEBHOOK_SECRET
  if (!stripeEnabled() || !secret) return { status: 404, body: { error: 'not-found' } }
  let event: Stripe.Event
  try {
    // The SDK's default tolerance (300 s) refuses replays of old deliveries.
    event = stripe().webhooks.constructEvent(payload, signature ?? '', secret)
  } catch {
    return { status: 400, body: { error: 'signature' } }
  }
  const object = event.data.object as { id?: unknown }
  await db().transaction(async (tx) => {
    const [stored] = await tx
      .insert(stripeEvents)
      .values({
        id: event.id,
        type: event.type,
        objectId: typeof object.id === 'string' ? object.id : null,
        payload: event,
        receivedAt: now(),
      })
      .onConflictDoNothing({ target: stripeEvents.id })
      .returning({ id: stripeEvents.id })
    if (!stored) {
      const known = await tx
        .select({ processedAt: stripeEvents.processedAt })
        .from(stripeEvents)
        .where(eq(stripeEvents.id, event.id))
        .then((r) => r[0])
      // Handled already; or queued, and the queue keeps one job per event.
      if (known?.processedAt) return
    }
    await enqueue(tx, stripeEvent, { eventId: event.id }, { singletonKey: event.id })
  })
  return { status: 200, body: { received: true } }
}
