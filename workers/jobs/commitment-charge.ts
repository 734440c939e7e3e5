// Charges one card commitment's saved card once its campaign collects. Safe to run twice: a
// commitment already collected (or a payment no longer awaiting payment) is skipped, and the
// charge itself runs under the payment's operation key.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { chargeCommitment } from '../../app/domains/deals/campaign-money.server.ts'

export const commitmentCharge = defineJob({
  id: 'commitment.charge',
  schema: z.object({ commitmentId: z.uuid() }),
  handler: async ({ commitmentId }) => {
    await chargeCommitment(commitmentId)
  },
})
