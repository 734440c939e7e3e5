// A mover: the one way an entity with a machine, an `id`, a `status` and a history table
// changes status. It fires the machine's transition (refused ones throw TransitionError) and
// writes the history row, in the caller's transaction, and returns the entity as it now is.
import { eq } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Tx } from '../../../db/client.server.ts'
import { now } from '../../clock.server.ts'
import type { Machine } from './machine.ts'
import { fireTransition } from './transition.server.ts'

export type Actor = { actorUserId: string | null; note?: string | null }
export type RoleOf<M> = M extends Machine<string, string, infer R> ? R : never
export type ActionOf<M> = M extends Machine<string, infer A, string> ? A : never

/**
 * A mover for one entity: its machine, its table (with `id` and `status`), its history table
 * and the history's column naming the entity. Returns the entity as it now is.
 */
export function mover<
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

/** A mover's input with the entity's id under its own name (`challengeId`, `bidId`…). */
export type MoveInput<M, K extends string, Set> = Actor &
  Record<K, string> & {
    action: ActionOf<M>
    actorRoles: readonly RoleOf<M>[]
    set?: Set
  }
