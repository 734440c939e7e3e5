// The timer at an event's end: a still-published event becomes held, by the system. Imported from
// timers/handlers.server.ts so every sweeper knows the kind.
import { eq } from 'drizzle-orm'
import { spaceEvents } from '../../../db/schema/index.ts'
import { registerTimer } from '../timers/timers.server.ts'
import { EVENT_HOLD_TIMER, moveEvent } from './event-transitions.server.ts'

registerTimer(EVENT_HOLD_TIMER, async (tx, eventId) => {
  const event = await tx
    .select({ status: spaceEvents.status })
    .from(spaceEvents)
    .where(eq(spaceEvents.id, eventId))
    .for('update')
    .then((r) => r[0])
  // Cancelled, or already marked held by its admins: nothing left to do.
  if (!event || event.status !== 'published') return
  await moveEvent(tx, { eventId, action: 'hold', actorRoles: ['system'], actorUserId: null })
})
