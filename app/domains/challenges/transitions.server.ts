// The one way each challenge entity changes status: the machine's transition, its history row,
// in the caller's transaction. A transition the machine refuses (a second award, a bid moved
// after the deadline closed it) throws TransitionError, which callers turn into a message.
import { eq } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
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
import type { Machine } from '../lifecycle/machine.ts'
import { bidMachine, challengeMachine, milestoneMachine } from './challenge.machine.ts'

type Actor = { actorUserId: string | null; note?: string | null }
type RoleOf<M> = M extends Machine<string, string, infer R> ? R : never
type ActionOf<M> = M extends Machine<string, infer A, string> ? A : never

/**
 * A mover for one entity: its machine, its table (with `id` and `status`), its history table
 * and the history's column naming the entity. Returns the entity as it now is.
 */
function mover<
  M extends Machine<string, string, string>,
  T extends PgTable & { id: PgColumn; status: PgColumn },
  Row,
>(spec: { machine: M; table: T; events: PgTable; subjectKey: string }) {
  return async (
    tx: Tx,
    input: Actor & {
      id: string
      action: ActionOf<M>
      actorRoles: readonly RoleOf<M>[]
      set?: Record<string, unknown>
    },
  ): Promise<Row> => {
    const at = now()
    const { from, to } = await fireTransition(tx, {
      machine: spec.machine,
      table: spec.table,
      idColumn: spec.table.id,
      statusColumn: spec.table.status,
      statusKey: 'status',
      id: input.id,
      action: input.action,
      actorRoles: input.actorRoles,
      set: { ...input.set, updatedAt: at },
    })
    await tx.insert(spec.events).values({
      [spec.subjectKey]: input.id,
      action: input.action,
      fromStatus: from,
      toStatus: to,
      actorUserId: input.actorUserId,
      note: input.note ?? null,
      at,
    })
    const [row] = (await tx
      .select()
      .from(spec.table as PgTable)
      .where(eq(spec.table.id, input.id))) as Row[]
    if (!row) throw new Error(`${spec.machine.name} ${input.id} vanished`)
    return row
  }
}

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

type MoveInput<M, K extends string, Set> = Actor &
  Record<K, string> & {
    action: ActionOf<M>
    actorRoles: readonly RoleOf<M>[]
    set?: Set
  }

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
