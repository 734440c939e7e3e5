// A claim case: someone says an already-registered 信用代码 is theirs; an admin decides.
import { defineMachine } from '../lifecycle/machine.ts'

export const claimMachine = defineMachine({
  name: 'claim',
  states: ['open', 'accepted', 'declined'],
  transitions: [
    { action: 'accept', from: ['open'], to: 'accepted', actors: ['verifier'] },
    { action: 'decline', from: ['open'], to: 'declined', actors: ['verifier'] },
  ],
})
export type ClaimStatus = (typeof claimMachine.states)[number]

/** What a verifier may decide on an open claim (the machine's actions). */
export const claimDecisions = ['accept', 'decline'] as const
export type ClaimDecision = (typeof claimDecisions)[number]
