// Sends one e-mail or text message. Retried on failure; a duplicate delivery of a code mail is
// harmless, which is what makes the retry safe.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { deliver } from '../../app/domains/notifications/mailbox.server.ts'

export const messageSend = defineJob({
  id: 'message.send',
  schema: z.object({
    channel: z.enum(['email', 'sms']),
    to: z.string().min(3),
    subject: z.string(),
    text: z.string(),
  }),
  handler: async (payload) => {
    await deliver(payload)
  },
})
