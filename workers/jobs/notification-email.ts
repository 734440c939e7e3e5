// E-mails one notification to its recipient. The handler re-reads everything it needs, so a
// retry after a failure sends the current state; a duplicate mail is the worst a retry does.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { sendNotificationEmail } from '../../app/domains/notifications/notification-mail.server.ts'

export const notificationEmail = defineJob({
  id: 'notification.email',
  schema: z.object({ notificationId: z.uuid() }),
  handler: async ({ notificationId }) => {
    await sendNotificationEmail(notificationId)
  },
})
