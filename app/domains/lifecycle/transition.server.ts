// Fires one transition of a machine on one row: the actor must be allowed, the row must be in a
// from-state, and the update is conditional on that state so two racing transitions cannot
// both win.
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Tx } from '../../../db/client.server.ts'
import { findTransition, TransitionError, type Machine } from './machine.ts'

export async function fireTransition<S extends string, A extends string, R extends string>(
  tx: Tx,
  input: {
    machine: Machine<S, A, R>
    table: PgTable
    idColumn: PgColumn
    statusColumn: PgColumn
    /** The status column's property name in the drizzle table. */
    statusKey: string
    id: string
    action: A
    actorRoles: readonly R[]
    /** Other columns to set in the same update. */
    set?: Record<string, unknown | SQL>
  },
): Promise<{ from: S; to: S }> {
  const current = await tx
    .select({ status: input.statusColumn })
    .from(input.table)
    .where(eq(input.idColumn, input.id))
    .then((r) => r[0]?.status as S | undefined)
  if (!current)
    throw new TransitionError(input.machine.name, input.action, 'missing', 'not-allowed')
  const transition = findTransition(input.machine, input.action, current)
  if (!transition)
    throw new TransitionError(input.machine.name, input.action, current, 'not-allowed')
  if (!transition.actors.some((a) => input.actorRoles.includes(a))) {
    throw new TransitionError(input.machine.name, input.action, current, 'actor')
  }
  const updated = await tx
    .update(input.table)
    .set({ [input.statusKey]: transition.to, ...(input.set ?? {}) } as Record<string, unknown>)
    .where(and(eq(input.idColumn, input.id), eq(input.statusColumn, current)))
    .returning({ one: sql`1` })
  if (updated.length === 0)
    throw new TransitionError(input.machine.name, input.action, current, 'conflict')
  return { from: current, to: transition.to }
}
