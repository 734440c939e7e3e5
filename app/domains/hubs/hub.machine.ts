// Lifecycles of what a space runs beyond membership: its events (路演, training, contests, open
// days), the registrations for them, and mentor sessions. Guards, buttons, CHECK constraints and
// tests read these tables.
import { defineMachine } from '../lifecycle/machine.ts'

export const eventKinds = ['roadshow', 'training', 'contest', 'open_day'] as const
export type EventKind = (typeof eventKinds)[number]

/** Who may register: anyone signed in, or only the space's active members (and invitees). */
export const eventAudiences = ['public', 'members'] as const
export type EventAudience = (typeof eventAudiences)[number]

export const eventMachine = defineMachine({
  name: 'space-event',
  states: ['draft', 'published', 'held', 'cancelled'],
  transitions: [
    { action: 'publish', from: ['draft'], to: 'published', actors: ['space-admin'] },
    // Held once it has started: by the operator when it ends, or by the timer at its end.
    { action: 'hold', from: ['published'], to: 'held', actors: ['space-admin', 'system'] },
    { action: 'cancel', from: ['draft', 'published'], to: 'cancelled', actors: ['space-admin'] },
  ],
})
export type EventStatus = (typeof eventMachine.states)[number]
export type EventAction = (typeof eventMachine.transitions)[number]['action']

export const registrationMachine = defineMachine({
  name: 'event-registration',
  // A registration starts as `registered` (a seat) or `waitlisted` (no seat yet, in order).
  states: ['registered', 'waitlisted', 'cancelled', 'attended'],
  transitions: [
    // A seat freed by a cancellation goes to the longest-waiting registration.
    { action: 'promote', from: ['waitlisted'], to: 'registered', actors: ['system'] },
    {
      action: 'cancel',
      from: ['registered', 'waitlisted'],
      to: 'cancelled',
      actors: ['registrant', 'space-admin', 'system'],
    },
    { action: 'check_in', from: ['registered'], to: 'attended', actors: ['space-admin'] },
    { action: 'undo_check_in', from: ['attended'], to: 'registered', actors: ['space-admin'] },
  ],
})
export type RegistrationStatus = (typeof registrationMachine.states)[number]
export type RegistrationAction = (typeof registrationMachine.transitions)[number]['action']

export const mentorStatuses = ['listed', 'retired'] as const
export type MentorStatus = (typeof mentorStatuses)[number]

export const mentorSessionMachine = defineMachine({
  name: 'mentor-session',
  states: ['requested', 'accepted', 'declined', 'cancelled', 'held'],
  transitions: [
    { action: 'accept', from: ['requested'], to: 'accepted', actors: ['mentor'] },
    { action: 'decline', from: ['requested'], to: 'declined', actors: ['mentor'] },
    {
      action: 'cancel',
      from: ['requested', 'accepted'],
      to: 'cancelled',
      actors: ['requester', 'mentor'],
    },
    // The mentor records the meeting after it took place: when, how long, what was covered.
    { action: 'record', from: ['accepted'], to: 'held', actors: ['mentor'] },
  ],
})
export type MentorSessionStatus = (typeof mentorSessionMachine.states)[number]
export type MentorSessionAction = (typeof mentorSessionMachine.transitions)[number]['action']
