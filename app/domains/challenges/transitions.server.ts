// The one way each challenge entity changes status: the machine's transition, its history row,
// in the caller's transaction. A transition the machine refuses (a second award, a bid moved
// after the deadline closed it) throws TransitionError, which callers turn into a message.
import type { Tx } from '../../../db/client.server.ts'
import {
  bidEvents,
  challengeBids,
  challengeEvents,
  challenges,
  milestoneEvents,
  milestones,
} from '../../../db/schema/index.ts'
import { mover, type MoveInput } from '../lifecycle/mover.server.ts'
import { bidMachine, challengeMachine, milestoneMachine } from './challenge.machine.ts'

const challengeMover = mover<
  typeof challengeMachine,
  typeof challenges,
  typeof challenges.$inferSelect
>({
  machine: challengeMachine,
  table: challenges,
  events: challengeEvents,
  subjectKey: 'challengeId',
})
const bidMover = mover<typeof bidMachine, typeof challengeBids, typeof challengeBids.$inferSelect>({
  machine: bidMachine,
  table: challengeBids,
  events: bidEvents,
  subjectKey: 'bidId',
})
const milestoneMover = mover<
  typeof milestoneMachine,
  typeof milestones,
  typeof milestones.$inferSelect
>({
  machine: milestoneMachine,
  table: milestones,
  events: milestoneEvents,
  subjectKey: 'milestoneId',
})

export const moveChallenge = (
  tx: Tx,
  {
    challengeId,
    ...rest
  }: MoveInput<typeof challengeMachine, 'challengeId', Partial<typeof challenges.$inferInsert>>,
) => challengeMover(tx, { id: challengeId, ...rest })

export const moveBid = (
  tx: Tx,
  {
    bidId,
    ...rest
  }: MoveInput<typeof bidMachine, 'bidId', Partial<typeof challengeBids.$inferInsert>>,
) => bidMover(tx, { id: bidId, ...rest })

export const moveMilestone = (
  tx: Tx,
  {
    milestoneId,
    ...rest
  }: MoveInput<typeof milestoneMachine, 'milestoneId', Partial<typeof milestones.$inferInsert>>,
) => milestoneMover(tx, { id: milestoneId, ...rest })
