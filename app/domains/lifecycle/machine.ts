// Lifecycles as data: one table of transitions per entity. Guards, the UI's available actions,
// the status CHECK constraint and the tests all read the same table.
import { sql, type SQL } from 'drizzle-orm'

export type Transition<S extends string, A extends string, R extends string> = {
  action: A
  from: readonly S[]
  to: S
  /** Who may fire it. */
  actors: readonly R[]
}

export type Machine<S extends string, A extends string, R extends string> = {
  name: string
  states: readonly [S, ...S[]]
  transitions: readonly Transition<S, A, R>[]
}

export function defineMachine<
  const S extends string,
  const A extends string,
  const R extends string,
>(machine: Machine<S, A, R>): Machine<S, A, R> {
  for (const t of machine.transitions) {
    for (const s of [...t.from, t.to]) {
      if (!machine.states.includes(s)) throw new Error(`${machine.name}: unknown state ${s}`)
    }
  }
  return machine
}

export function findTransition<S extends string, A extends string, R extends string>(
  machine: Machine<S, A, R>,
  action: A,
  from: S,
): Transition<S, A, R> | undefined {
  return machine.transitions.find((t) => t.action === action && t.from.includes(from))
}

/** The actions a party holding `roles` can take from `state`: what the UI shows as buttons. */
export function availableActions<S extends string, A extends string, R extends string>(
  machine: Machine<S, A, R>,
  state: S,
  roles: readonly R[],
): A[] {
  return machine.transitions
    .filter((t) => t.from.includes(state) && t.actors.some((a) => roles.includes(a)))
    .map((t) => t.action)
}

/** `status in (...)` for the table's CHECK constraint. */
export function statusCheck(column: string, states: readonly string[]): SQL {
  const list = states.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')
  return sql.raw(`${column} in (${list})`)
}

export class TransitionError extends Error {
  constructor(
    public readonly machine: string,
    public readonly action: string,
    public readonly from: string,
    public readonly reason: 'not-allowed' | 'actor' | 'conflict',
  ) {
    super(`${machine}: cannot ${action} from ${from} (${reason})`)
  }
}
