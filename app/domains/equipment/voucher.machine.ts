// Where one use of an innovation voucher (创新券) stands. Held when the booking is made (the
// balance shrinks at once, so two bookings cannot spend it twice); the provider submits the
// redemption packet to the issuing agency after the service; the agency reimburses or rejects.
// A cancelled booking releases what it held back to the balance.
import { defineMachine } from '../lifecycle/machine.ts'

export const voucherUseMachine = defineMachine({
  name: 'voucher-use',
  states: ['held', 'released', 'submitted', 'reimbursed', 'rejected'],
  transitions: [
    { action: 'release', from: ['held'], to: 'released', actors: ['system'] },
    { action: 'submit', from: ['held'], to: 'submitted', actors: ['provider'] },
    { action: 'reimburse', from: ['submitted'], to: 'reimbursed', actors: ['admin'] },
    { action: 'reject', from: ['submitted'], to: 'rejected', actors: ['admin'] },
  ],
})

export type VoucherUseStatus = (typeof voucherUseMachine.states)[number]

/** The uses that draw on a voucher's balance; a released or rejected one gives it back. */
export const drawingVoucherStatuses = [
  'held',
  'submitted',
  'reimbursed',
] as const satisfies readonly VoucherUseStatus[]
