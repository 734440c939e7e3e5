// Form schemas of the inbox and of message threads, shared by the pages and their actions.
import { z } from 'zod'

export const MESSAGE_MAX_LENGTH = 5000

export const PostMessageSchema = z.object({
  body: z
    .string({ error: 'notifications:messages.bodyRequired' })
    .trim()
    .min(1, { error: 'notifications:messages.bodyRequired' })
    .max(MESSAGE_MAX_LENGTH, { error: 'notifications:messages.bodyTooLong' }),
})

export const MarkReadSchema = z.object({ id: z.uuid().optional() })
