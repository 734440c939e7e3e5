// The one way each challenge entity changes status: the machine's transition, its history row,
// in the caller's transaction. A transition the machine refuses (a second award, a bid moved
// after the deadline closed it) throws TransitionError, which callers turn into a message.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  bidEvents,
  challengeBids,
  challengeEvents,
  challenges,
  milestoneEvents,
  milestones,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { bidMachine, challengeMachine, milestoneMachine } from './challenge.machine.ts'

type Actor = { actorUserId: string | null; note?: string | null }
type Role<M> = M extends { transitions: readonly { actors: readonly (infer R)[] }[] } ? R : never
type Action<M> = M extends { transitions: readonly { action: infer A }[] } ? A : never

export async function moveChallenge(
  tx: Tx,
  input: Actor & {
    challengeId: string
    action: Action<typeof challengeMachine>
    actorRoles: readonly Role<typeof challengeMachine>[]
    set?: Partial<typeof challenges.$inferInsert>
  },
) {
  const at = now()
  const { from, to } = await fireTransition(tx, {
    machine: challengeMachine,
    table: challenges,
    idColumn: challenges.id,
    statusColumn: challenges.status,
    statusKey: 'status',
    id: input.challengeId,
    action: input.action,
    actorRoles: input.actorRoles,
    set: { ...input.set, updatedAt: at },
  })
  await tx.insert(challengeEvents).values({
    challengeId: input.challengeId,
    action: input.action,
    fromStatus: from,
    toStatus: to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
    at,
  })
  const row = await tx.select().from(challenges).where(eq(challenges.id, input.challengeId))
  if (!row[0]) throw new Error(`challenge ${input.challengeId} vanished`)
  return row[0]
}

export async function moveBid(
  tx: Tx,
  input: Actor & {
    bidId: string
    action: Action<typeof bidMachine>
    actorRoles: readonly Role<typeof bidMachine>[]
    set?: Partial<typeof challengeBids.$inferInsert>
  },
) {
  const at = now()
  const { from, to } = await fireTransition(tx, {
    machine: bidMachine,
    table: challengeBids,
    idColumn: challengeBids.id,
    statusColumn: challengeBids.status,
    statusKey: 'status',
    id: input.bidId,
    action: input.action,
    actorRoles: input.actorRoles,
    set: { ...input.set, updatedAt: at },
  })
  await tx.insert(bidEvents).values({
    bidId: input.bidId,
    action: input.action,
    fromStatus: from,
    toStatus: to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
    at,
  })
  const row = await tx.select().from(challengeBids).where(eq(challengeBids.id, input.bidId))
  if (!row[0]) throw new Error(`bid ${input.bidId} vanished`)
  return row[0]
}

export async function moveMilestone(
  tx: Tx,
  input: Actor & {
    milestoneId: string
    action: Action<typeof milestoneMachine>
    actorRoles: readonly Role<typeof milestoneMachine>[]
    set?: Partial<typeof milestones.$inferInsert>
  },
) {
  const at = now()
  const { from, to } = await fireTransition(tx, {
    machine: milestoneMachine,
    table: milestones,
    idColumn: milestones.id,
    statusColumn: milestones.status,
    statusKey: 'status',
    id: input.milestoneId,
    action: input.action,
    actorRoles: input.actorRoles,
    set: { ...input.set, updatedAt: at },
  })
  await tx.insert(milestoneEvents).values({
    milestoneId: input.milestoneId,
    action: input.action,
    fromStatus: from,
    toStatus: to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
    at,
  })
  const row = await tx.select().from(milestones).where(eq(milestones.id, input.milestoneId))
  if (!row[0]) throw new Error(`milestone ${input.milestoneId} vanished`)
  return row[0]
}
