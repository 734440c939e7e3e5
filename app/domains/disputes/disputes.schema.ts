// The forms of disputes, checked by the server's actions and, loaded on first use, by the browser.
import { z } from 'zod'
import { disputeResolutions } from './dispute.machine.ts'

/** An admin's decision on a dispute: who gets the money held, and why. */
export const DecideDisputeSchema = z.object({
  disputeId: z.uuid(),
  resolution: z.enum(disputeResolutions, { error: 'admin:disputes.errors.note' }),
  releaseYuan: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, { error: 'admin:disputes.errors.releaseYuan' })
    .optional(),
  note: z
    .string({ error: 'admin:disputes.errors.note' })
    .trim()
    .min(2, { error: 'admin:disputes.errors.note' })
    .max(1000, { error: 'admin:disputes.errors.note' }),
})
