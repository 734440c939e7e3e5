// The intro forms: a request with its message, and the recipient's answer (a decline may say
// why). One schema per form serves Conform on the page and the action on the server.
import { z } from 'zod'
import { INTRO_MESSAGE_MAX } from './deals.schema.ts'
import { DECLINE_REASON_MAX } from './deals.schema.ts'

export const RequestIntroSchema = z.object({
  message: z
    .string({ error: 'intros:errors.messageRequired' })
    .trim()
    .min(1, { error: 'intros:errors.messageRequired' })
    .max(INTRO_MESSAGE_MAX, { error: 'intros:errors.messageTooLong' }),
})

export const IntroDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('accept') }),
  z.object({
    intent: z.literal('decline'),
    reason: z
      .string()
      .trim()
      .max(DECLINE_REASON_MAX, { error: 'intros:errors.reasonTooLong' })
      .optional(),
  }),
  z.object({ intent: z.literal('withdraw') }),
])
