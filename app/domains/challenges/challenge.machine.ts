// Lifecycles of the innovation-challenge marketplace (众包 / 揭榜挂帅): the challenge itself,
// each bid on it, and each milestone of the awarded work. Funding belongs to the challenge: the
// whole award is escrowed at once, then released milestone by milestone.
import { defineMachine } from '../lifecycle/machine.ts'

export const challengeMachine = defineMachine({
  name: 'challenge',
  states: [
    'draft',
    'open', // published; bids (or, in 揭榜挂帅 mode, applications) until the bid deadline
    'reviewing', // the bid deadline passed: the poster shortlists and awards
    'awarded', // one bid won; milestones are agreed and the award funded by the funding deadline
    'funded', // the whole award and fee are in escrow: work may start
    'in_delivery', // the first deliverable is in
    'completed', // every milestone accepted or decided
    'cancelled',
    'no_award', // closed without a winner, with reasons (or the award deadline passed)
    'award_lapsed', // milestones not agreed or award not funded in time
  ],
  transitions: [
    { action: 'publish', from: ['draft'], to: 'open', actors: ['poster'] },
    { action: 'close-bids', from: ['open'], to: 'reviewing', actors: ['system'] },
    { action: 'award', from: ['reviewing', 'award_lapsed'], to: 'awarded', actors: ['poster'] },
    { action: 'fund', from: ['awarded'], to: 'funded', actors: ['system'] },
    { action: 'start-delivery', from: ['funded'], to: 'in_delivery', actors: ['system'] },
    { action: 'complete', from: ['in_delivery', 'funded'], to: 'completed', actors: ['system'] },
    { action: 'lapse', from: ['awarded'], to: 'award_lapsed', actors: ['system'] },
    {
      action: 'declare-no-award',
      from: ['reviewing', 'award_lapsed'],
      to: 'no_award',
      actors: ['poster', 'system'],
    },
    // Before an award nobody's money or work is at stake: the poster may withdraw freely.
    {
      action: 'cancel',
      from: ['draft', 'open', 'reviewing', 'award_lapsed'],
      to: 'cancelled',
      actors: ['poster'],
    },
    // After funding only both sides together, or an admin, may end it (refunding the rest).
    {
      action: 'cancel-funded',
      from: ['awarded', 'funded', 'in_delivery'],
      to: 'cancelled',
      actors: ['admin', 'agreement'],
    },
  ],
})

export const bidMachine = defineMachine({
  name: 'challenge-bid',
  states: [
    'applied', // 揭榜挂帅: asked to take part, waiting to be admitted
    'admitted', // 揭榜挂帅: may now bid
    'submitted',
    'shortlisted',
    'awarded',
    'rejected',
    'withdrawn',
    'lapsed', // won, but the award lapsed
  ],
  transitions: [
    { action: 'admit', from: ['applied'], to: 'admitted', actors: ['poster'] },
    { action: 'submit', from: ['admitted'], to: 'submitted', actors: ['bidder'] },
    { action: 'shortlist', from: ['submitted'], to: 'shortlisted', actors: ['poster'] },
    { action: 'award', from: ['submitted', 'shortlisted'], to: 'awarded', actors: ['poster'] },
    {
      action: 'reject',
      from: ['applied', 'admitted', 'submitted', 'shortlisted'],
      to: 'rejected',
      actors: ['poster', 'system'],
    },
    {
      action: 'withdraw',
      from: ['applied', 'admitted', 'submitted', 'shortlisted'],
      to: 'withdrawn',
      actors: ['bidder'],
    },
    { action: 'lapse', from: ['awarded'], to: 'lapsed', actors: ['system'] },
  ],
})

/** Bids that count as the bidder's one live bid on a challenge. */
export const liveBidStatuses = [
  'applied',
  'admitted',
  'submitted',
  'shortlisted',
  'awarded',
] as const satisfies readonly (typeof bidMachine.states)[number][]

export const milestoneMachine = defineMachine({
  name: 'challenge-milestone',
  states: ['agreed', 'submitted', 'accepted', 'revision_requested', 'disputed', 'resolved'],
  transitions: [
    {
      action: 'submit',
      from: ['agreed', 'revision_requested'],
      to: 'submitted',
      actors: ['winner'],
    },
    { action: 'accept', from: ['submitted'], to: 'accepted', actors: ['poster', 'system'] },
    {
      action: 'request-revision',
      from: ['submitted'],
      to: 'revision_requested',
      actors: ['poster'],
    },
    {
      action: 'dispute',
      from: ['agreed', 'submitted', 'revision_requested'],
      to: 'disputed',
      actors: ['poster', 'winner'],
    },
    { action: 'resolve', from: ['disputed'], to: 'resolved', actors: ['admin'] },
  ],
})

/** A proposed milestone plan: the poster proposes, the winner accepts or counter-proposes. */
export const milestonePlanMachine = defineMachine({
  name: 'milestone-plan',
  states: ['proposed', 'agreed', 'superseded', 'lapsed'],
  transitions: [
    { action: 'agree', from: ['proposed'], to: 'agreed', actors: ['poster', 'winner'] },
    { action: 'supersede', from: ['proposed'], to: 'superseded', actors: ['poster', 'winner'] },
    { action: 'lapse', from: ['proposed'], to: 'lapsed', actors: ['system'] },
  ],
})

export type ChallengeStatus = (typeof challengeMachine.states)[number]
export type BidStatus = (typeof bidMachine.states)[number]
export type MilestoneStatus = (typeof milestoneMachine.states)[number]
