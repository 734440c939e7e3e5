// An instruction to the custody bank to move money out (a release to a payee, a refund to a
// payer). Above the approval threshold a second admin approves it first; a finance admin marks
// it executed once the bank has carried it out.
import { defineMachine } from '../lifecycle/machine.ts'

export const custodyInstructionMachine = defineMachine({
  name: 'custody-instruction',
  states: ['pending_approval', 'approved', 'executed', 'rejected'],
  transitions: [
    { action: 'approve', from: ['pending_approval'], to: 'approved', actors: ['checker'] },
    { action: 'reject', from: ['pending_approval'], to: 'rejected', actors: ['checker'] },
    { action: 'execute', from: ['approved'], to: 'executed', actors: ['finance'] },
  ],
})

export type CustodyInstructionStatus = (typeof custodyInstructionMachine.states)[number]
