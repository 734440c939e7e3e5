// A space declares its 备案 (filing) status and 文号; a verifier checks it against the
// science authority's published list. The public page says which declarations were checked.
import { defineMachine } from '../lifecycle/machine.ts'

export const filingCheckMachine = defineMachine({
  name: 'space-filing',
  states: ['declared', 'verified', 'rejected'],
  transitions: [
    { action: 'verify', from: ['declared'], to: 'verified', actors: ['verifier'] },
    { action: 'reject', from: ['declared'], to: 'rejected', actors: ['verifier'] },
    // Changing the declared filing or its 文号 asks for a new check.
    {
      action: 'redeclare',
      from: ['declared', 'verified', 'rejected'],
      to: 'declared',
      actors: ['space-admin'],
    },
  ],
})
export type FilingCheck = (typeof filingCheckMachine.states)[number]
