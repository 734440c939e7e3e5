// Where a booking of an instrument stands. A request waits for the owner; an instant booking
// starts awaiting its payment. Leaving the live set (declined, cancelled, expired) frees the
// slot: the database's exclusion constraint only covers live bookings.
import { defineMachine } from '../lifecycle/machine.ts'

export const bookingMachine = defineMachine({
  name: 'equipment-booking',
  states: [
    'requested', // request-to-book: the owner has yet to decide; holds the slot up to 24 h
    'approved', // the owner accepted; holds the slot until its payment deadline
    'declined',
    'awaiting_payment', // checkout started, or booked instantly
    'paid', // the money is in (or nothing is owed: a retest)
    'in_progress',
    'completed',
    'reviewed',
    'cancelled', // by the booker or the owner
    'expired', // a hold ran out unpaid or undecided
    'no_show',
  ],
  transitions: [
    { action: 'approve', from: ['requested'], to: 'approved', actors: ['owner'] },
    { action: 'decline', from: ['requested'], to: 'declined', actors: ['owner'] },
    {
      action: 'checkout',
      from: ['approved'],
      to: 'awaiting_payment',
      actors: ['booker', 'system'],
    },
    { action: 'pay', from: ['awaiting_payment'], to: 'paid', actors: ['system'] },
    // A retest costs nothing: once the owner accepts it there is nothing to pay for.
    { action: 'confirm-free', from: ['approved'], to: 'paid', actors: ['system'] },
    { action: 'start', from: ['paid'], to: 'in_progress', actors: ['owner', 'system'] },
    { action: 'complete', from: ['in_progress'], to: 'completed', actors: ['owner', 'system'] },
    { action: 'review', from: ['completed'], to: 'reviewed', actors: ['booker'] },
    {
      action: 'cancel',
      from: ['requested', 'approved', 'awaiting_payment', 'paid'],
      to: 'cancelled',
      actors: ['booker', 'owner'],
    },
    {
      action: 'expire',
      from: ['requested', 'approved', 'awaiting_payment'],
      to: 'expired',
      actors: ['system'],
    },
    { action: 'no-show', from: ['paid'], to: 'no_show', actors: ['owner'] },
  ],
})

export type BookingStatus = (typeof bookingMachine.states)[number]
export type BookingAction = (typeof bookingMachine.transitions)[number]['action']
export type BookingRole = (typeof bookingMachine.transitions)[number]['actors'][number]

/**
 * The statuses that occupy a slot. Finished bookings (completed, reviewed, no-show) stay in it:
 * the instrument was held for them, and the record of who had it when must not overlap.
 */
export const liveBookingStatuses = [
  'requested',
  'approved',
  'awaiting_payment',
  'paid',
  'in_progress',
  'completed',
  'reviewed',
  'no_show',
] as const satisfies readonly BookingStatus[]
