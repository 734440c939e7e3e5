// Refunds money taken out of escrow to the payer through Stripe. Safe to run twice: the refund
// is created under the refund's operation key and posted under Stripe's refund id.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { sendStripeRefund } from '../../app/domains/payments/stripe/send-refund.server.ts'

export const stripeRefund = defineJob({
  id: 'stripe.refund',
  schema: z.object({
    paymentId: z.uuid(),
    operationKey: z.string().min(1),
    amountFen: z.number().int().positive(),
  }),
  handler: async (payload) => {
    await sendStripeRefund(payload)
  },
})
