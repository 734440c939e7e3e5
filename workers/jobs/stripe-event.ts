// Handles one Stripe event the webhook stored. Retried on failure (Stripe unreachable, a
// payment locked); the handling re-reads Stripe and posts by Stripe's object ids, so a retry or
// a second copy of the event changes nothing twice.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { handleStripeEvent } from '../../app/domains/payments/stripe/handle-event.server.ts'

export const stripeEvent = defineJob({
  id: 'stripe.event',
  schema: z.object({ eventId: z.string().regex(/^evt_[A-Za-z0-9_]+$/) }),
  // One queued and one running job per event (the webhook queues by event id).
  policy: 'stately',
  notify: true,
  handler: async ({ eventId }) => {
    await handleStripeEvent(eventId)
  },
})
