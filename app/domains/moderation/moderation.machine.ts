// Moderation: an admin hides a listing, challenge or campaign with a reason its owner sees, or
// suspends a user; lifting ends it. A hold or suspension is a row with its own lifecycle, so
// the history of who hid what, why and when stays.
import { defineMachine } from '../lifecycle/machine.ts'

export const holdSubjects = ['listing', 'challenge', 'campaign'] as const
export type HoldSubject = (typeof holdSubjects)[number]

export const holdMachine = defineMachine({
  name: 'moderation-hold',
  states: ['active', 'lifted'],
  transitions: [{ action: 'lift', from: ['active'], to: 'lifted', actors: ['moderator'] }],
})
export type HoldStatus = (typeof holdMachine.states)[number]

export const suspensionMachine = defineMachine({
  name: 'user-suspension',
  states: ['active', 'lifted'],
  transitions: [{ action: 'lift', from: ['active'], to: 'lifted', actors: ['moderator'] }],
})
