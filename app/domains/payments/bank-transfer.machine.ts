// A transfer received into the custody account, as a finance admin records it (or a statement
// import finds it). Above the approval threshold a second admin must approve before the
// ledger moves (maker-checker).
import { defineMachine } from '../lifecycle/machine.ts'

export const bankTransferMachine = defineMachine({
  name: 'bank-transfer',
  states: ['pending_approval', 'recorded', 'rejected'],
  transitions: [
    { action: 'approve', from: ['pending_approval'], to: 'recorded', actors: ['checker'] },
    { action: 'reject', from: ['pending_approval'], to: 'rejected', actors: ['checker'] },
  ],
})

export type BankTransferStatus = (typeof bankTransferMachine.states)[number]
