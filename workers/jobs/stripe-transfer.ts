// Transfers a release of escrowed money to the payee's Stripe account. Safe to run twice: the
// transfer is created under the release's operation key and posted under Stripe's transfer id.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { sendStripeTransfer } from '../../app/domains/payments/stripe/send-transfer.server.ts'

export const stripeTransfer = defineJob({
  id: 'stripe.transfer',
  schema: z.object({
    paymentId: z.uuid(),
    operationKey: z.string().min(1),
    amountFen: z.number().int().positive(),
  }),
  handler: async (payload) => {
    await sendStripeTransfer(payload)
  },
})
