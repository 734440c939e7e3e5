// An owner's claim on part of a booking's deposit for damage it documents. The booker accepts
// it, or disputes it before the deadline (then an admin decides); silence past the deadline
// counts as accepting, so a deposit is never held forever.
import { defineMachine } from '../lifecycle/machine.ts'

export const depositClaimMachine = defineMachine({
  name: 'deposit-claim',
  states: ['proposed', 'accepted', 'disputed', 'resolved'],
  transitions: [
    { action: 'accept', from: ['proposed'], to: 'accepted', actors: ['booker', 'system'] },
    { action: 'dispute', from: ['proposed'], to: 'disputed', actors: ['booker'] },
    { action: 'resolve', from: ['disputed'], to: 'resolved', actors: ['admin'] },
  ],
})
