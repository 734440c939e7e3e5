// A startup's or maker's path through a space's incubation chain (苗圃 → 孵化器 → 加速器).
// Stage moves keep the membership active; graduating, leaving and closing end it. Every step
// is written to space_membership_events so the history survives.
import { defineMachine } from '../lifecycle/machine.ts'

export const stages = ['nursery', 'incubator', 'accelerator'] as const
export type Stage = (typeof stages)[number]

export const membershipMachine = defineMachine({
  name: 'space-membership',
  states: ['active', 'graduated', 'left', 'closed'],
  transitions: [
    { action: 'move', from: ['active'], to: 'active', actors: ['space-admin'] },
    { action: 'graduate', from: ['active'], to: 'graduated', actors: ['space-admin'] },
    { action: 'leave', from: ['active'], to: 'left', actors: ['space-admin', 'member'] },
    { action: 'close', from: ['active'], to: 'closed', actors: ['space-admin'] },
  ],
})
export type MembershipStatus = (typeof membershipMachine.states)[number]
export type MembershipAction = (typeof membershipMachine.transitions)[number]['action']
