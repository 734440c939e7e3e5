// The admin's hide and lift forms: one schema for Conform in the browser and the action.
import { z } from 'zod'
import { holdSubjects } from './moderation.machine.ts'

export const HoldActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('hide'),
    kind: z.enum(holdSubjects),
    subjectId: z.uuid(),
    reason: z
      .string({ error: 'moderation:errors.reason' })
      .trim()
      .min(5, { error: 'moderation:errors.reason' })
      .max(1000, { error: 'moderation:errors.reason' }),
  }),
  z.object({
    intent: z.literal('lift'),
    holdId: z.uuid(),
    note: z.string().trim().max(1000, { error: 'moderation:errors.note' }).optional(),
  }),
])

export const holdIntents = ['hide', 'lift'] as const
