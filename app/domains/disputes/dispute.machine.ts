// A disagreement over money held in escrow (a booking's deposit now; a challenge milestone
// later), decided by a platform admin: release to the payee, refund to the payer, or split.
import { defineMachine } from '../lifecycle/machine.ts'

export const disputeMachine = defineMachine({
  name: 'dispute',
  states: ['open', 'resolved', 'withdrawn'],
  transitions: [
    { action: 'resolve', from: ['open'], to: 'resolved', actors: ['admin'] },
    { action: 'withdraw', from: ['open'], to: 'withdrawn', actors: ['opener'] },
  ],
})

export const disputeResolutions = ['release', 'refund', 'split'] as const
export type DisputeResolution = (typeof disputeResolutions)[number]
