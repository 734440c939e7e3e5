// Fires overdue timed transitions. Scheduled every minute; a missed minute is caught up by the
// next run, since the sweep takes every timer whose due time has passed.
import { z } from 'zod'
import { defineJob } from '../../app/domains/jobs/job.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import '../../app/domains/timers/handlers.server.ts'

export const timersSweep = defineJob({
  id: 'timers.sweep',
  schema: z.object({}).passthrough(),
  policy: 'singleton',
  retryLimit: 1,
  handler: async () => {
    // Keep going while a batch comes back full, so a large backlog clears in one run.
    for (let round = 0; round < 50; round++) {
      const { fired, failed } = await sweepTimers()
      if (fired + failed < 200) break
    }
  },
})
