// The one way an event or a registration changes status: the machine's transition and its
// history row, in the caller's transaction. A refused transition throws TransitionError.
import type { Tx } from '../../../db/client.server.ts'
import {
  eventRegistrationEvents,
  eventRegistrations,
  spaceEvents,
  spaceEventStatusEvents,
} from '../../../db/schema/index.ts'
import { mover, type MoveInput } from '../lifecycle/mover.server.ts'
import { eventMachine, registrationMachine } from './hub.machine.ts'

/** The timer that marks a still-published event held once it has ended. */
export const EVENT_HOLD_TIMER = 'event.hold'

const eventMover = mover<typeof eventMachine, typeof spaceEvents, typeof spaceEvents.$inferSelect>({
  machine: eventMachine,
  table: spaceEvents,
  events: spaceEventStatusEvents,
  subjectKey: 'eventId',
})
const registrationMover = mover<
  typeof registrationMachine,
  typeof eventRegistrations,
  typeof eventRegistrations.$inferSelect
>({
  machine: registrationMachine,
  table: eventRegistrations,
  events: eventRegistrationEvents,
  subjectKey: 'registrationId',
})

export const moveEvent = (
  tx: Tx,
  {
    eventId,
    ...rest
  }: MoveInput<typeof eventMachine, 'eventId', Partial<typeof spaceEvents.$inferInsert>>,
) => eventMover(tx, { id: eventId, ...rest })

export const moveRegistration = (
  tx: Tx,
  {
    registrationId,
    ...rest
  }: MoveInput<
    typeof registrationMachine,
    'registrationId',
    Partial<typeof eventRegistrations.$inferInsert>
  >,
) => registrationMover(tx, { id: registrationId, ...rest })

/** Postgres' unique_violation, however deep the driver wrapped it. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
