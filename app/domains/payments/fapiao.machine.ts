// A request for a 发票 on a payment: the payer asks, the issuer (provider, solver, or the
// platform for its fees) issues it with the invoice PDF and number, or rejects it with a reason.
import { defineMachine } from '../lifecycle/machine.ts'

export const fapiaoMachine = defineMachine({
  name: 'fapiao',
  states: ['requested', 'issued', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'issue', from: ['requested'], to: 'issued', actors: ['issuer'] },
    { action: 'reject', from: ['requested'], to: 'rejected', actors: ['issuer'] },
    { action: 'withdraw', from: ['requested'], to: 'withdrawn', actors: ['requester'] },
  ],
})

export type FapiaoStatus = (typeof fapiaoMachine.states)[number]
