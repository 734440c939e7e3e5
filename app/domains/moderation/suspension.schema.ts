// The admin's suspend and reinstate forms: one schema for Conform in the browser and the action.
import { z } from 'zod'

export const SuspensionActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('suspend'),
    userId: z.uuid(),
    reason: z
      .string({ error: 'moderation:errors.suspendReason' })
      .trim()
      .min(5, { error: 'moderation:errors.suspendReason' })
      .max(1000, { error: 'moderation:errors.suspendReason' }),
  }),
  z.object({
    intent: z.literal('reinstate'),
    userId: z.uuid(),
    note: z.string().trim().max(1000, { error: 'moderation:errors.note' }).optional(),
  }),
])
