// A payment from a payer to a payee for one business object (a booking, a milestone, a
// commitment). Money itself lives in the ledger; this is where the payment stands.
import { defineMachine } from '../lifecycle/machine.ts'

export const paymentMachine = defineMachine({
  name: 'payment',
  states: [
    'awaiting_payment', // created; the payer has yet to pay (checkout, or a bank transfer)
    'requires_action', // an off-session charge needs the payer to authenticate
    'held', // the money is in: held in escrow until it is released or refunded
    'settled', // every fen released to the payee or refunded to the payer
    'cancelled', // never paid
  ],
  transitions: [
    {
      action: 'collect',
      from: ['awaiting_payment', 'requires_action'],
      to: 'held',
      actors: ['system', 'finance'],
    },
    {
      action: 'require-action',
      from: ['awaiting_payment'],
      to: 'requires_action',
      actors: ['system'],
    },
    // Money that arrives for a payment already called off (a Checkout finished, or a charge
    // confirmed, after the payment was cancelled) is taken in so it can be sent back whole.
    { action: 'collect-late', from: ['cancelled'], to: 'held', actors: ['system', 'finance'] },
    { action: 'settle', from: ['held'], to: 'settled', actors: ['system'] },
    // A rejected custody instruction puts its money back in escrow.
    { action: 'reopen', from: ['settled'], to: 'held', actors: ['system'] },
    {
      action: 'cancel',
      from: ['awaiting_payment', 'requires_action'],
      to: 'cancelled',
      actors: ['system', 'payer'],
    },
  ],
})

export type PaymentStatus = (typeof paymentMachine.states)[number]
export type PaymentAction = (typeof paymentMachine.transitions)[number]['action']
